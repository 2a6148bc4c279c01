"""URLs for the web benchmark: the product's URLs plus one bare view as the yardstick.

The bare view runs through the same middleware, server and workers as the product pages,
so the ratio page/bare cancels out how fast this particular machine is today.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from samenspel.urls import handler400, handler403, handler404, handler500  # noqa: F401


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("_bare/", bare, name="bench_bare"),
    path("", include("samenspel.urls")),
]
