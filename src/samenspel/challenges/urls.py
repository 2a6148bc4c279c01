from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("werk/", views.board, name="board"),
    path("werk/opgaven/nieuw/", views.challenge_create_view, name="create"),
    path("werk/opgaven/<int:pk>/", views.challenge_detail, name="detail"),
    path("werk/opgaven/<int:pk>/bewerken/", views.challenge_edit, name="edit"),
    path("werk/opgaven/<int:pk>/status/", views.challenge_transition_view, name="transition"),
    path("werk/opgaven/<int:pk>/notitie/", views.challenge_note_view, name="note"),
    path("werk/opgaven/<int:pk>/bericht/", views.challenge_update_view, name="public_update"),
    path("werk/opgaven/<int:pk>/signalen/", views.challenge_link_view, name="link_signals"),
    path("werk/opgaven/<int:pk>/prioriteit/", views.challenge_score_view, name="score"),
    path("werk/prioriteiten/criteria/", views.criteria_list, name="criteria"),
    path("werk/prioriteiten/criteria/nieuw/", views.criterion_create_view, name="criterion_create"),
    path(
        "werk/prioriteiten/criteria/<int:criterion_pk>/",
        views.criterion_edit_view,
        name="criterion_edit",
    ),
    path("opgaven/", views.public_list, name="public_list"),
    path("opgaven/<int:pk>/", views.public_detail, name="public_detail"),
]
