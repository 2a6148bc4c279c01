from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("", views.index, name="index"),
    path("wat-als/", views.what_if, name="what_if"),
    path("raadsrapportage.pdf", views.report_pdf, name="report_pdf"),
    path("cijfers.xlsx", views.report_xlsx, name="report_xlsx"),
    path("cijfers.ods", views.report_ods, name="report_ods"),
]
