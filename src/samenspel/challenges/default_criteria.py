"""The criteria Samenspel starts with: (name, description, kind, computation, weight).

Read by the data migration and by the service that restores them in an empty table; the
development team changes them in the app afterwards.
"""

from decimal import Decimal

DEFAULTS = [
    (
        "Urgentie",
        "Hoe snel moet er iets gebeuren? Denk aan veiligheid, gezondheid en termijnen.",
        "scored",
        "",
        Decimal(3),
    ),
    (
        "Impact op inwoners",
        "Hoeveel verschil maakt het voor het dagelijks leven van inwoners?",
        "scored",
        "",
        Decimal(3),
    ),
    (
        "Aantal inwoners en signalen",
        "Berekend: gekoppelde signalen plus verschillende melders; vol bij 20.",
        "computed",
        "reach",
        Decimal(2),
    ),
    (
        "Energie in de gemeenschap",
        "Willen inwoners of partners zelf aan de slag? Hoe meer energie, hoe hoger.",
        "scored",
        "",
        Decimal(2),
    ),
    (
        "Past bij raadsbeleid",
        "Sluit het aan bij het coalitieakkoord, de begroting en vastgesteld beleid?",
        "scored",
        "",
        Decimal(1),
    ),
    (
        "Gelijkwaardigheid tussen kernen",
        "Berekend: kernen met minder signalen per 1.000 inwoners in de laatste twaalf maanden "
        "dan de mediaan scoren hoger, zodat minder gehoorde kernen voorrang krijgen.",
        "computed",
        "equity",
        Decimal(1),
    ),
]
