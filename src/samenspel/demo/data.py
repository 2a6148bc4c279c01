"""The fixed facts of the Altena demo: kernen, departments, skills, partners, people.

Populations and coordinates are approximate public figures for the 19 woonplaatsen of
the gemeente Altena (about 58,000 inhabitants in total). Every person named here is
fictional; e-mail addresses use the reserved example domains so that no mail can reach
a real mailbox.
"""

from dataclasses import dataclass, field

DEMO_PASSWORD = "altena-samenspel"  # noqa: S105 (printed on purpose: a demo log-in)
DEMO_SEED = 19_2019  # 19 kernen, gemeente since 2019
STAFF_EMAIL_DOMAIN = "altena.example.nl"
PUBLIC_EMAIL_DOMAIN = "example.nl"


@dataclass(frozen=True)
class KernFact:
    name: str
    slug: str
    population: int
    latitude: str
    longitude: str
    streets: tuple[str, ...]
    # Relative liveliness next to population: some villages simply report less.
    activity: float = 1.0
    # Days without any signal before the anchor: shows the "no activity" flag in insights.
    silent_days: int = 0


KERNEN: tuple[KernFact, ...] = (
    KernFact("Werkendam", "werkendam", 16400, "51.81030", "4.89430",
             ("Hoogstraat", "Sasdijk", "Kerkstraat", "Havenweg", "Burgemeester Pruissingel",
              "Biesboschweg", "Vissersdijk", "Spieringstraat")),
    KernFact("Sleeuwijk", "sleeuwijk", 7400, "51.81530", "4.95140",
             ("Rijksstraatweg", "Kerkstraat", "Lange Wei", "Vissersweg", "Julianastraat",
              "De Hoven")),
    KernFact("Almkerk", "almkerk", 4700, "51.77170", "4.95860",
             ("Molenstraat", "Kerkstraat", "Sportlaan", "Emmikhovenseweg", "Nieuweweg")),
    KernFact("Wijk en Aalburg", "wijk-en-aalburg", 3900, "51.75970", "5.13170",
             ("Spoorstraat", "Hoofdstraat", "Wilhelminastraat", "Julianastraat", "Benedenstraat")),
    KernFact("Woudrichem", "woudrichem", 3500, "51.81450", "5.00060",
             ("Hoogstraat", "Kerkstraat", "Vissersdijk", "Rijkswal", "Pompstraat")),
    KernFact("Nieuwendijk", "nieuwendijk", 3500, "51.78170", "4.91890",
             ("Dorpsstraat", "Kerkstraat", "Schoolstraat", "Wilhelminastraat", "Tuinstraat")),
    KernFact("Hank", "hank", 3000, "51.73360", "4.89530",
             ("Dorpsstraat", "Schoolstraat", "Kerkstraat", "Hankse Hoofdstraat", "Beatrixstraat")),
    KernFact("Dussen", "dussen", 2900, "51.73030", "4.96030",
             ("Kerkstraat", "Hoogstraat", "Raadhuisstraat", "Mommersteegsestraat", "Lijndraaier")),
    KernFact("Veen", "veen", 2500, "51.77780", "5.10690",
             ("Maasdijk", "Kerkstraat", "Molenstraat", "Grotestraat", "Stationsstraat")),
    KernFact("Genderen", "genderen", 1900, "51.72970", "5.08720",
             ("Kerkstraat", "Groenestraat", "Julianastraat", "Achterstraat"), activity=0.9),
    KernFact("Andel", "andel", 1700, "51.78470", "5.05750",
             ("Maasdijk", "Kerkstraat", "Poolseweg", "Burgemeester Blankertstraat")),
    KernFact("Giessen", "giessen", 1600, "51.79060", "5.03310",
             ("Kerkstraat", "Oudeweg", "Hertogstraat", "Kerkwijk"), activity=0.8),
    KernFact("Rijswijk", "rijswijk", 1200, "51.79640", "5.02190",
             ("Dorpsstraat", "Schoolstraat", "Bosweg", "Heulstraat"), activity=0.8),
    KernFact("Eethen", "eethen", 1100, "51.73940", "5.08390",
             ("Kerkstraat", "Hoofdstraat", "Ambachtstraat", "Oudeweg")),
    KernFact("Meeuwen", "meeuwen", 1000, "51.72860", "5.02060",
             ("Kerkstraat", "Hoogstraat", "Meeuwensestraat"), activity=0.7),
    KernFact("Babyloniënbroek", "babylonienbroek", 600, "51.73890", "5.03720",
             ("Kerkstraat", "Broekse dijk", "Zandstraat"), activity=0.6, silent_days=210),
    KernFact("Drongelen", "drongelen", 500, "51.71560", "5.04360",
             ("Kerkstraat", "Maasstraat", "Bergsedijk"), activity=0.5),
    KernFact("Uitwijk", "uitwijk", 400, "51.78440", "5.00700",
             ("Uitwijkse Dijk", "Kerkstraat"), activity=0.5),
    KernFact("Waardhuizen", "waardhuizen", 400, "51.77600", "5.02000",
             ("Waardhuizense dijk", "Kerkstraat"), activity=0.4),
)  # fmt: skip


@dataclass(frozen=True)
class DepartmentFact:
    name: str
    slug: str
    size: int
    # job title -> the skills that job usually brings
    jobs: dict[str, tuple[str, ...]] = field(default_factory=dict)


SKILLS: tuple[str, ...] = (
    "riolering",
    "verkeer",
    "groenbeheer",
    "wegbeheer",
    "spelen en bewegen",
    "participatie",
    "jeugd",
    "wmo",
    "ouderenzorg",
    "mantelzorg",
    "subsidies",
    "omgevingswet",
    "ruimtelijke ordening",
    "wonen",
    "vergunningverlening",
    "handhaving",
    "openbare orde",
    "communicatie",
    "data-analyse",
    "projectmanagement",
    "procesbegeleiding",
    "juridisch advies",
    "financiën",
    "duurzaamheid",
    "energietransitie",
    "water en klimaatadaptatie",
    "evenementen",
    "sport",
    "economie en ondernemers",
    "onderwijs",
    "inkoop",
    "informatiebeheer",
)

DEPARTMENTS: tuple[DepartmentFact, ...] = (
    DepartmentFact("Ruimte", "ruimte", 21, {
        "beleidsadviseur ruimtelijke ordening": ("ruimtelijke ordening", "omgevingswet"),
        "vergunningverlener omgevingsrecht": ("vergunningverlening", "omgevingswet"),
        "projectleider woningbouw": ("wonen", "projectmanagement", "ruimtelijke ordening"),
        "adviseur wonen": ("wonen", "participatie", "data-analyse"),
        "adviseur energietransitie": ("energietransitie", "duurzaamheid", "participatie"),
        "stedenbouwkundige": ("ruimtelijke ordening", "water en klimaatadaptatie"),
    }),
    DepartmentFact("Openbare Ruimte", "openbare-ruimte", 27, {
        "beheerder groen": ("groenbeheer", "spelen en bewegen"),
        "wegbeheerder": ("wegbeheer", "verkeer"),
        "adviseur verkeer": ("verkeer", "participatie", "data-analyse"),
        "beheerder riolering en water": ("riolering", "water en klimaatadaptatie"),
        "opzichter buitendienst": ("wegbeheer", "groenbeheer", "projectmanagement"),
        "medewerker buitendienst": ("groenbeheer", "wegbeheer"),
        "projectleider openbare ruimte": ("projectmanagement", "participatie", "verkeer"),
        "adviseur spelen": ("spelen en bewegen", "jeugd", "participatie"),
    }),
    DepartmentFact("Sociaal Domein", "sociaal-domein", 26, {
        "consulent Wmo": ("wmo", "ouderenzorg", "mantelzorg"),
        "jeugdconsulent": ("jeugd", "onderwijs"),
        "beleidsadviseur sociaal domein": ("wmo", "jeugd", "subsidies", "data-analyse"),
        "consulent werk en inkomen": ("economie en ondernemers", "juridisch advies"),
        "beleidsmedewerker onderwijs": ("onderwijs", "jeugd"),
        "opbouwwerker": ("participatie", "procesbegeleiding", "ouderenzorg"),
    }),
    DepartmentFact("Dienstverlening", "dienstverlening", 17, {
        "klantcontactmedewerker": ("communicatie", "wmo"),
        "medewerker burgerzaken": ("informatiebeheer", "juridisch advies"),
        "teamleider klantcontact": ("communicatie", "projectmanagement"),
        "adviseur dienstverlening": ("data-analyse", "communicatie", "participatie"),
    }),
    DepartmentFact("Bedrijfsvoering", "bedrijfsvoering", 19, {
        "adviseur informatiebeheer": ("informatiebeheer", "juridisch advies"),
        "data-analist": ("data-analyse", "informatiebeheer"),
        "HR-adviseur": ("procesbegeleiding", "communicatie"),
        "financieel adviseur": ("financiën", "subsidies"),
        "jurist": ("juridisch advies", "omgevingswet"),
        "inkoopadviseur": ("inkoop", "financiën"),
        "functioneel beheerder": ("informatiebeheer", "data-analyse"),
    }),
    DepartmentFact("Economie & Vrije tijd", "economie-vrije-tijd", 12, {
        "accountmanager bedrijven": ("economie en ondernemers", "communicatie"),
        "beleidsadviseur sport": ("sport", "spelen en bewegen", "subsidies"),
        "evenementencoördinator": ("evenementen", "vergunningverlening", "openbare orde"),
        "adviseur recreatie en toerisme": ("economie en ondernemers", "evenementen"),
        "subsidieadviseur": ("subsidies", "financiën"),
    }),
    DepartmentFact("Veiligheid", "veiligheid", 11, {
        "adviseur openbare orde en veiligheid": ("openbare orde", "handhaving"),
        "boa": ("handhaving", "openbare orde"),
        "coördinator handhaving": ("handhaving", "projectmanagement", "juridisch advies"),
        "adviseur crisisbeheersing": ("openbare orde", "water en klimaatadaptatie"),
    }),
    DepartmentFact("Communicatie", "communicatie", 8, {
        "communicatieadviseur": ("communicatie", "participatie"),
        "webredacteur": ("communicatie", "data-analyse"),
        "woordvoerder": ("communicatie", "openbare orde"),
        "adviseur participatie en communicatie": ("participatie", "communicatie",
                                                   "procesbegeleiding"),
    }),
)  # fmt: skip


@dataclass(frozen=True)
class PersonFact:
    """A named employee with a fixed place in the story (the team, the demo log-ins)."""

    key: str
    name: str
    department: str  # slug
    job_title: str
    skills: tuple[tuple[str, int], ...]
    hours: str
    is_development_team: bool = False
    is_manager: bool = False
    # the demo log-in linked to this employee, if any, and its roles
    username: str = ""
    roles: tuple[str, ...] = ()


DEVELOPMENT_TEAM: tuple[PersonFact, ...] = (
    PersonFact("programme_manager", "Marloes van Dalen", "sociaal-domein",
               "programmamanager participatie & kerngericht werken",
               (("participatie", 3), ("procesbegeleiding", 3), ("projectmanagement", 2)), "24",
               is_development_team=True, username="team", roles=("development_team",)),
    PersonFact("director_west", "Ruud Verschoor", "ruimte", "gebiedsregisseur Altena-West",
               (("participatie", 3), ("ruimtelijke ordening", 2), ("verkeer", 1)), "28",
               is_development_team=True, username="regisseur", roles=("area_director",)),
    PersonFact("director_east", "Ilse Kortleve", "sociaal-domein", "gebiedsregisseur Altena-Oost",
               (("participatie", 3), ("wmo", 2), ("jeugd", 2)), "28",
               is_development_team=True),
    PersonFact("team_manager", "Henk de Ruijter", "bedrijfsvoering",
               "manager ontwikkelteam", (("projectmanagement", 3), ("financiën", 2)), "16",
               is_development_team=True, is_manager=True),
    PersonFact("team_advisor", "Fatima El Khadir", "communicatie",
               "adviseur participatie", (("participatie", 3), ("communicatie", 3),
                                         ("data-analyse", 1)), "24", is_development_team=True),
    PersonFact("team_coach", "Joost Brouwer", "openbare-ruimte",
               "coach kerngericht werken", (("procesbegeleiding", 3), ("groenbeheer", 1),
                                            ("participatie", 2)), "24",
               is_development_team=True),
)  # fmt: skip

DEMO_STAFF: tuple[PersonFact, ...] = (
    PersonFact("employee", "Sanne Hoogendoorn", "openbare-ruimte", "adviseur verkeer",
               (("verkeer", 3), ("participatie", 2), ("data-analyse", 1)), "4",
               username="medewerker", roles=("employee",)),
    PersonFact("manager", "Peter van Wijk", "openbare-ruimte", "manager Openbare Ruimte",
               (("projectmanagement", 3), ("wegbeheer", 2)), "2", is_manager=True,
               username="manager", roles=("manager", "employee")),
    PersonFact("administrator", "Kees Schrijvers", "bedrijfsvoering", "functioneel beheerder",
               (("informatiebeheer", 3), ("data-analyse", 2)), "1",
               username="beheerder", roles=("administrator",)),
)  # fmt: skip

# Kernen that each area director serves (Kern.area_director): west and east of Altena.
AREA_WEST = ("werkendam", "sleeuwijk", "nieuwendijk", "hank", "dussen", "almkerk", "woudrichem",
             "uitwijk", "meeuwen")  # fmt: skip
AREA_EAST = ("andel", "giessen", "rijswijk", "waardhuizen", "veen", "wijk-en-aalburg",
             "genderen", "eethen", "babylonienbroek", "drongelen")  # fmt: skip

# The printed demo log-ins, in the order `samenspel demo` prints them.
DEMO_LOGINS: tuple[tuple[str, str], ...] = (
    ("team", "development_team"),
    ("regisseur", "area_director"),
    ("medewerker", "employee"),
    ("manager", "manager"),
    ("beheerder", "administrator"),
)

EMPLOYEE_TOTAL = 150

FIRST_NAMES: tuple[str, ...] = (
    "Anouk", "Bas", "Carla", "Daan", "Esther", "Frank", "Gerda", "Hans", "Ingrid", "Jan",
    "Karin", "Lars", "Monique", "Niels", "Olga", "Pieter", "Rianne", "Sander", "Tamara",
    "Wim", "Yvonne", "Arjen", "Bianca", "Cor", "Dewi", "Erik", "Femke", "Gert-Jan", "Hanneke",
    "Jeroen", "Kim", "Leonie", "Marco", "Nicole", "Rik", "Sabine", "Tom", "Wendy", "Ahmed",
    "Samira", "Mehmet", "Elif", "Priya", "Bram", "Lotte", "Jorien", "Teun", "Mirjam", "Ruben",
    "Eveline", "Adrie", "Jacqueline", "Martijn", "Judith", "Dirk", "Marieke", "Kevin", "Naomi",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Hendriks", "van Leeuwen", "Dekker", "de Wit", "Dijkstra",
    "de Graaf", "van der Meer", "van der Linden", "Kok", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van den Broek", "de Bruijn", "van der Heijden",
    "Schouten", "van Beek", "Willems", "van Vliet", "Hoekstra", "Verhoeven", "Koster",
    "van Dam", "van der Wal", "Prins", "Blom", "Huisman", "de Jong", "Verhoef", "Rijnders",
    "van Andel", "Boogaard", "Hooijmaijers", "van der Sluis", "Kaya", "Yilmaz", "El Amrani",
    "Pieterse", "Hakkert", "Roovers", "van Gent", "Timmers", "Lagendijk", "Vink",
)  # fmt: skip

THEMES: tuple[tuple[str, str], ...] = (
    ("Verkeer", "verkeer"),
    ("Groen", "groen"),
    ("Spelen", "spelen"),
    ("Zorg en welzijn", "zorg-en-welzijn"),
    ("Wonen", "wonen"),
    ("Water", "water"),
    ("Duurzaamheid", "duurzaamheid"),
    ("Veiligheid", "veiligheid"),
    ("Voorzieningen", "voorzieningen"),
    ("Evenementen", "evenementen"),
)


@dataclass(frozen=True)
class PartnerFact:
    name: str
    kind: str  # organisation.Partner.Kind value
    kernen: tuple[str, ...]  # slugs; empty means all of Altena
    contact_name: str


PARTNERS: tuple[PartnerFact, ...] = (
    PartnerFact("Dorpsraad Sleeuwijk", "village_council", ("sleeuwijk",), "Gerrit Hamerslag"),
    PartnerFact("Dorpsraad Nieuwendijk", "village_council", ("nieuwendijk",), "Anja Kop"),
    PartnerFact("Dorpsraad Woudrichem", "village_council", ("woudrichem",), "Theo Bezemer"),
    PartnerFact("Dorpsraad Almkerk", "village_council", ("almkerk",), "Marja Verwoerd"),
    PartnerFact("Dorpsraad Hank", "village_council", ("hank",), "Wouter Spronk"),
    PartnerFact("Dorpsraad Veen", "village_council", ("veen",), "Corrie Molenaar"),
    PartnerFact("Dorpsraad Andel", "village_council", ("andel",), "Bert Lans"),
    PartnerFact("Dorpsraad Giessen-Rijswijk", "village_council", ("giessen", "rijswijk"),
                "Jolanda Sterk"),
    PartnerFact("Dorpsraad Genderen-Eethen-Meeuwen", "village_council",
                ("genderen", "eethen", "meeuwen"), "Arie de Kruijk"),
    PartnerFact("Dorpsraad Wijk en Aalburg", "village_council", ("wijk-en-aalburg",),
                "Nelleke Pater"),
    PartnerFact("Woonstichting Land van Altena", "housing", (), "Mariska Oomen"),
    PartnerFact("Welzijn Altena", "welfare", (), "Hatice Demir"),
    PartnerFact("Ondernemersvereniging Altena", "business", (), "Rob Versteeg"),
    PartnerFact("Waterschap Rivierenland", "water_board", (), "Erwin Klop"),
    PartnerFact("Basisschool De Wingerd", "school", ("werkendam",), "Linda Hoek"),
    PartnerFact("CBS De Regenboog", "school", ("almkerk",), "Dennis van Os"),
    PartnerFact("Voetbalvereniging Altena Zuid", "association", ("hank", "dussen"),
                "Marcel Boeren"),
    PartnerFact("Tennisclub De Maasoever", "association", ("veen", "andel"), "Petra Brand"),
    PartnerFact("Oranjevereniging Werkendam", "association", ("werkendam",), "Kim Sterrenburg"),
    PartnerFact("Buurtbus Altena", "other", ("giessen", "rijswijk", "uitwijk", "waardhuizen",
                                            "andel", "veen"), "Jaap Verbeek"),
)  # fmt: skip
