from django.urls import path

from . import views

app_name = "organisation"

urlpatterns = [
    path("", views.index, name="index"),
    path("medewerkers/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("capaciteit/", views.capacity, name="capacity"),
    path("capaciteit/<int:department_id>/", views.capacity_department, name="capacity_department"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
]
