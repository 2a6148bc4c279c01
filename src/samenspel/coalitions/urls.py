from django.urls import path

from . import views

app_name = "coalitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/behoefte/", views.needs_view, name="needs"),
    path("<int:pk>/voorstel/", views.propose_view, name="propose"),
    path("<int:pk>/toevoegen/", views.add_view, name="add"),
    path("<int:pk>/verwijderen/", views.remove_view, name="remove"),
    path("<int:pk>/wisselen/", views.swap_view, name="swap"),
    path("<int:pk>/partner/", views.partner_view, name="partner"),
    path("<int:pk>/uitnodigen/", views.invite_view, name="invite"),
    path("<int:pk>/aanvullen/", views.refill_view, name="refill"),
    path("antwoord/<int:membership_id>/", views.respond_view, name="respond"),
    path("goedkeuring/<int:membership_id>/", views.approval_view, name="approval"),
    path("uitnodiging/<str:token>/", views.invitation_view, name="invitation"),
]
