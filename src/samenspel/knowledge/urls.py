from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("opgave/<int:challenge_pk>/les/", views.lesson_create, name="lesson_create"),
    path("lessen/<int:pk>/", views.lesson_detail, name="lesson_detail"),
    path("handvatten/nieuw/", views.tool_create, name="tool_create"),
    path("handvatten/<int:pk>/", views.tool_detail, name="tool_detail"),
    path("handvatten/<int:pk>/bewerken/", views.tool_edit, name="tool_edit"),
    path("handvatten/<int:pk>/gebruikt/", views.tool_used, name="tool_used"),
    path("handvatten/<int:pk>/beoordeeld/", views.tool_review, name="tool_review"),
    path(
        "handvatten/<int:pk>/bijlagen/<int:attachment_pk>/",
        views.tool_attachment,
        name="tool_attachment",
    ),
]
