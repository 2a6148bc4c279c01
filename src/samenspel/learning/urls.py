from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    path("deelnemers/", views.records, name="records"),
    path("groepen/<int:pk>/", views.cohort_detail, name="cohort"),
    path("groepen/<int:pk>/inschrijven/", views.enrol, name="enrol"),
    path("groepen/<int:pk>/agenda.ics", views.cohort_ics, name="cohort_ics"),
    path("bijeenkomsten/<int:pk>/aanwezigheid/", views.attendance, name="attendance"),
    path("inschrijvingen/<int:pk>/", views.enrolment_detail, name="enrolment"),
    path("inschrijvingen/<int:pk>/afmelden/", views.enrolment_cancel, name="cancel"),
    path("inschrijvingen/<int:pk>/afronden/", views.enrolment_complete, name="complete"),
    path(
        "inschrijvingen/<int:pk>/evaluatie/<int:session_pk>/",
        views.session_evaluation,
        name="evaluate_session",
    ),
    path("inschrijvingen/<int:pk>/eindevaluatie/", views.final_evaluation, name="evaluate_final"),
]
