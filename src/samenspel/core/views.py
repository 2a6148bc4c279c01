from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request, reason=""):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Formulier verlopen"),
            "message": _(
                "Uw formulier kon niet veilig worden verstuurd (de beveiligingscode ontbreekt "
                "of is verlopen). Er is niets opgeslagen. Ga terug, laad de pagina opnieuw en "
                "probeer het nog eens."
            ),
        },
        status=403,
    )


def error_404(request, exception=None):
    return render(
        request,
        "core/error.html",
        {"title": _("Pagina niet gevonden"), "message": _("Deze pagina bestaat niet (meer).")},
        status=404,
    )


def error_403(request, exception=None):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Geen toegang"),
            "message": _("U heeft geen toegang tot deze pagina met uw huidige rol."),
        },
        status=403,
    )


def error_400(request, exception=None):
    return render(
        request,
        "core/error.html",
        {"title": _("Ongeldig verzoek"), "message": _("Het verzoek kon niet worden verwerkt.")},
        status=400,
    )


def error_500(request):
    return render(
        request,
        "core/error.html",
        {
            "title": _("Er ging iets mis"),
            "message": _("Er ging aan onze kant iets mis. Probeer het later nog eens."),
        },
        status=500,
    )
