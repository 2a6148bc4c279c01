from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("samenspel.intake.urls")),
    path("", include("samenspel.challenges.urls")),
    path("werk/kennis/", include("samenspel.knowledge.urls")),
    path("werk/leergang/", include("samenspel.learning.urls")),
    path("werk/participatie/", include("samenspel.participation.urls")),
    path("werk/coalities/", include("samenspel.coalitions.urls")),
    path("werk/organisatie/", include("samenspel.organisation.urls")),
    path("werk/inzicht/", include("samenspel.insights.urls")),
    path("werk/groeperen/", include("samenspel.similarity.urls")),
    path("account/", include("samenspel.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

handler400 = "samenspel.core.views.error_400"
handler403 = "samenspel.core.views.error_403"
handler404 = "samenspel.core.views.error_404"
handler500 = "samenspel.core.views.error_500"
