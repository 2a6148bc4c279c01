from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("", include("samenspel.intake.urls")),
    path("", include("samenspel.challenges.urls")),
    path("account/", include("samenspel.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler400 = "samenspel.core.views.error_400"
handler403 = "samenspel.core.views.error_403"
handler404 = "samenspel.core.views.error_404"
handler500 = "samenspel.core.views.error_500"
