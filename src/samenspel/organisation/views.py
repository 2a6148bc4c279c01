"""People and partners: employee profiles, department capacity and the partner register.

Thin views over coalitions.selectors, where capacity (hours minus commitments) is computed once.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES
from samenspel.audit.services import audit_personal_data_read
from samenspel.coalitions import permissions, selectors, services

from .models import Department, Employee, EmployeeSkill, Partner

PAGE_SIZE = 50


@require_safe
@role_required(STAFF_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    """Colleagues with their skills and hours: who could join a coalition."""
    departments = Department.objects.all()
    department = None
    raw = request.GET.get("afdeling", "")
    if raw:
        department = departments.filter(slug=raw[:100]).first()
    queryset = Employee.objects.filter(active=True)
    if department is not None:
        queryset = queryset.filter(department=department)
    queryset = selectors.employees_with_capacity(queryset).prefetch_related(
        Prefetch(
            "skill_levels",
            queryset=EmployeeSkill.objects.select_related("skill").order_by(
                "-level", "skill__name"
            ),
            to_attr="levels",
        )
    )
    page = Paginator(queryset.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("pagina"))
    me = permissions.employee_of(request.user)
    return render(
        request,
        "organisation/index.html",
        {
            "page": page,
            "departments": departments,
            "department": department,
            "me": me,
            "can_see_capacity": me is not None
            and permissions.can_see_capacity_of(request.user, me.department_id),
        },
    )


@require_safe
@role_required(STAFF_ROLES)
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = selectors.employee_with_capacity(pk=pk)
    if employee is None:
        raise Http404
    me = permissions.employee_of(request.user)
    return render(
        request,
        "organisation/employee_detail.html",
        {
            "employee": employee,
            "remaining": selectors.remaining_hours(employee),
            "skills": selectors.employee_skills(employee=employee).order_by(
                "-level", "skill__name"
            ),
            "commitments": selectors.employee_commitments(employee=employee),
            "is_me": me is not None and me.pk == employee.pk,
            "can_see_capacity": permissions.can_see_capacity_of(
                request.user, employee.department_id
            ),
        },
    )


@require_safe
@role_required(STAFF_ROLES)
def capacity(request: HttpRequest) -> HttpResponse:
    """A manager lands on their own department; the team chooses one."""
    if not permissions.can_build(request.user):
        me = permissions.employee_of(request.user)
        if me is not None and permissions.can_see_capacity_of(request.user, me.department_id):
            return redirect("organisation:capacity_department", department_id=me.department_id)
        raise PermissionDenied
    return render(
        request, "organisation/capacity_choose.html", {"departments": Department.objects.all()}
    )


@require_safe
@role_required(STAFF_ROLES)
def capacity_department(request: HttpRequest, department_id: int) -> HttpResponse:
    department = get_object_or_404(Department, pk=department_id)
    if not permissions.can_see_capacity_of(request.user, department.pk):
        raise PermissionDenied
    rows = selectors.department_capacity(department_id=department.pk)
    for row in rows:
        row.remaining = selectors.remaining_hours(row)
    approvals = list(selectors.pending_approvals(department_id=department.pk))
    me = permissions.employee_of(request.user)
    return render(
        request,
        "organisation/capacity.html",
        {
            "department": department,
            "rows": rows,
            "approvals": approvals,
            "can_decide": me is not None
            and approvals != []
            and permissions.is_manager_of(request.user, approvals[0].employee),
            "threshold": services.approval_threshold(),
            "totals": {
                "available": sum(r.weekly_hours_available for r in rows),
                "committed": sum(r.committed_hours for r in rows),
                "pending": sum(r.pending_hours for r in rows),
            },
        },
    )


@require_safe
@role_required(STAFF_ROLES)
def partner_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "organisation/partner_list.html",
        # No contact persons in the list: they are shown (and logged) one partner at a time.
        {"partners": selectors.partners_with_history()},
    )


@require_safe
@role_required(STAFF_ROLES)
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.prefetch_related("kernen"), pk=pk)
    show_contact = permissions.can_see_partner_contact(request.user)
    if show_contact and (partner.contact_name or partner.contact_email):
        # AVG art. 5(2), accountability: a look at a contact person's details is logged.
        audit_personal_data_read(
            actor=request.user,
            object_type="partner_contact",
            object_ids=[partner.pk],
            detail=f"partner {partner.name}",
        )
    return render(
        request,
        "organisation/partner_detail.html",
        {
            "partner": partner,
            "show_contact": show_contact,
            "coalitions": selectors.partner_coalitions(partner=partner),
        },
    )
