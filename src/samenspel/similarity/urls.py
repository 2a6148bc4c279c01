from django.urls import path

from . import views

app_name = "similarity"

urlpatterns = [
    path("", views.index, name="index"),
    path("lijkt-op/", views.inbox_similar, name="inbox"),
    path("vernieuwen/", views.refresh, name="refresh"),
    path("<int:pk>/accepteren/", views.accept, name="accept"),
    path("<int:pk>/splitsen/", views.split, name="split"),
    path("<int:pk>/samenvoegen/", views.merge, name="merge"),
]
