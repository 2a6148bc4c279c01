from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("aanvragen/", views.request_advice, name="request"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/status/", views.transition, name="transition"),
    path("<int:pk>/opvolging/", views.follow_up, name="follow_up"),
    path("<int:pk>/afdrukken/", views.print_view, name="print"),
    path("<int:pk>/advies.pdf", views.pdf, name="pdf"),
]
