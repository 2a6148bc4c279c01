from django.urls import path
from django.views.generic import RedirectView

from samenspel.similarity import views as similarity_views

from . import views

app_name = "intake"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="intake:report", permanent=False), name="home"),
    path("melden/", views.report, name="report"),
    path(
        "melden/vergelijkbaar/",
        similarity_views.public_suggestions,
        name="report_suggestions",
    ),
    path("melden/ontvangen/<str:token>/", views.receipt, name="receipt"),
    path("volgen/<str:token>/", views.follow, name="follow"),
    path("werk/signalen/", views.inbox, name="inbox"),
    path("werk/signalen/nieuw/", views.staff_create, name="staff_create"),
    path("werk/signalen/koppelen/", views.link, name="link"),
    path("werk/signalen/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("werk/signalen/<int:pk>/afhandelen/", views.signal_dismiss, name="dismiss"),
    path(
        "werk/signalen/<int:pk>/foto/<int:attachment_pk>/",
        views.signal_photo,
        name="photo",
    ),
]
