"""Demo data of the knowledge base: a lesson for every closed challenge, tools, their use.

Lessons and tools are written through knowledge.services, so the search index is exactly
what the app itself would have built. The services stamp "now"; the demo then moves the
dates into the story with QuerySet.update() (created_at of lessons and tools, a tool's
last_reviewed), which the index does not depend on. Usage records are history, hundreds
of them with past times, so they are written with bulk_create like the rest of the demo's
history: the usage service records only "now".

Deterministic: its own seeded generator and every query ordered, so the same anchor gives
the same content. Idempotent: a challenge that has a lesson gets no second one, and the
tools are written only when none of them exists yet.
"""

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.workflow import Status
from samenspel.coalitions.models import Membership
from samenspel.knowledge.models import Lesson, Tool, ToolUsage
from samenspel.knowledge.services import lesson_create, tool_create
from samenspel.organisation.models import Employee, Partner

from . import data, texts
from .compose import fill

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEED = 2021_05_12
# A lesson is written at the end of the work (design §4, step 7).
CLOSED = (Status.HANDED_OVER, Status.DONE, Status.EVALUATED)
USAGE_RECORDS = 260
USAGE_DAYS = 730


@dataclass(frozen=True)
class LessonText:
    title: str
    what_worked: str
    what_did_not: str
    next_time: str


# One lesson per demo topic (texts.TOPICS, by key), so what a lesson says fits its challenge.
# Placeholders: {kern}, {partner}, {department}.
LESSONS: dict[str, LessonText] = {
    "speeding": LessonText(
        "Eerst meten, dan praten over snelheid",
        "We lieten in {kern} eerst twee weken de snelheid meten met een smiley-bord en deelden "
        "de cijfers op de bewonersavond. Het gesprek ging daardoor over feiten in plaats van "
        "over gevoel. {partner} hielp om ook ouders van de school te bereiken.",
        "Bewoners verwachtten drempels, terwijl de weg daar volgens de richtlijnen niet voor in "
        "aanmerking kwam. Dat hebben we te laat uitgelegd en het vertrouwen zakte even weg.",
        "Vanaf het eerste gesprek uitleggen welke maatregelen wel en niet kunnen, en waarom. "
        "De meetresultaten meteen op de openbare pagina van de opgave zetten.",
    ),
    "school_crossing": LessonText(
        "Schoolroute samen met ouders en kinderen lopen",
        "Ouders, leerkrachten en {department} liepen samen de route naar school. Kleine "
        "maatregelen (belijning, een verplaatst bord, verkeersbrigadiers uit de ouders) "
        "waren binnen een maand geregeld.",
        "De uitvoering viel midden in het schooljaar, omdat de planning van de buitendienst "
        "niet op de schoolvakanties was afgestemd.",
        "Werk bij scholen in de zomervakantie plannen en dat in het voorjaar met de "
        "wegbeheerder afspreken.",
    ),
    "parking": LessonText(
        "Parkeeroverlast: buren maken zelf afspraken",
        "Een keukentafelgesprek met de bewoners van de straat leverde meer op dan een "
        "parkeeronderzoek: bedrijfsbusjes gingen naar het terrein van de sporthal, met "
        "toestemming van de vereniging.",
        "De eerste brief van de gemeente sprak over handhaving; dat zette de toon verkeerd en "
        "kostte een extra avond om het gesprek weer open te krijgen.",
        "Beginnen met luisteren, handhaving pas noemen als afspraken niet werken.",
    ),
    "cut_through": LessonText(
        "Sluipverkeer los je niet per kern op",
        "De dorpsraden van de kernen langs de route trokken samen op. Met de provincie en "
        "Rijkswaterstaat zijn afspraken gemaakt over omleidingsborden bij file op de A27.",
        "Maatregelen in één kern verplaatsten het verkeer naar de volgende. Dat zagen we pas "
        "na de eerste metingen.",
        "Bij verkeer dat door meerdere kernen gaat vanaf het begin alle dorpsraden aan één "
        "tafel zetten en vooraf tellen op de hele route.",
    ),
    "bike_path": LessonText(
        "Fietspad op de dijk: eerst de eigenaar vinden",
        "Bewoners fietsten samen met {department} het pad af en zetten de slechtste plekken "
        "op een kaart. Die kaart werd de basis van het onderhoudsplan.",
        "Het pad ligt deels op grond van het waterschap; wie wat moest betalen was maanden "
        "onduidelijk.",
        "Bij werk aan de dijk eerst eigendom en beheer uitzoeken (kadaster, beheerkaart van "
        "het waterschap) voordat we bewoners iets beloven.",
    ),
    "mowing": LessonText(
        "Maaibeleid uitleggen voordat het gras hoog staat",
        "Een ecoloog van {department} gaf een rondleiding langs de bermen van {kern}; daarna "
        "begrepen veel bewoners waarom er later gemaaid wordt. Bordjes 'hier bloeit het' "
        "hielpen.",
        "De klachten kwamen voordat we iets hadden uitgelegd; het bericht in het "
        "huis-aan-huisblad kwam twee weken te laat.",
        "In maart al vertellen wat het maaibeleid is en per kern een plek kiezen die bewoners "
        "zelf mogen bijhouden.",
    ),
    "tree": LessonText(
        "Bomen kappen of houden: laat de boomdeskundige het vertellen",
        "De boomveiligheidscontrole en foto's van de wortels maakten op de inloopavond "
        "duidelijk waarom twee bomen weg moesten. Bewoners kozen zelf de nieuwe soort.",
        "De kapvergunning was al aangevraagd voordat bewoners iets wisten. Dat voelde als een "
        "voldongen feit.",
        "Bewoners informeren voordat de vergunning wordt aangevraagd, en altijd zeggen wat er "
        "terugkomt.",
    ),
    "greening": LessonText(
        "Bewoners onderhouden zelf een stuk groen",
        "Een groep bewoners in {kern} adopteerde de plantsoenen. Een vaste contactpersoon bij "
        "{department} en een afsprakenkaart maakten duidelijk wie wat doet.",
        "Gereedschap en het afvoeren van groenafval waren niet geregeld; daar liepen de "
        "vrijwilligers na een paar weken op vast.",
        "Bij de start afspraken maken over materiaal, afvoer en verzekering. Samen de plekken "
        "kiezen met de werkvorm 'wandeling door de kern'.",
    ),
    "caterpillar": LessonText(
        "Eikenprocessierups: snel informeren, snel bestrijden",
        "Een kaart met de bestreden bomen op de website en een vast telefoonnummer haalden de "
        "spanning weg. {partner} verspreidde de informatie in het dorp.",
        "De bestrijder had te weinig capaciteit in de piekweken; sommige meldingen bleven een "
        "week liggen.",
        "Het contract met de bestrijder vóór het seizoen afsluiten en natuurlijke vijanden "
        "(mezenkasten) samen met bewoners ophangen.",
    ),
    "playground_broken": LessonText(
        "Onderhoud van de speeltuin: wie doet wat",
        "Met {partner} zijn vaste afspraken gemaakt: bewoners melden en houden het terrein "
        "schoon, de gemeente vervangt toestellen.",
        "Een deel van de ouders wilde een grotere speeltuin dan het budget toeliet; daar "
        "hebben we te lang over gepraat.",
        "Budget en ruimte op de eerste avond op tafel leggen, met twee of drie varianten om "
        "uit te kiezen.",
    ),
    "new_playground": LessonText(
        "Kinderen ontwerpen mee aan de natuurspeelplek",
        "De basisschool liet kinderen tekenen wat ze wilden; de ontwerper verwerkte dat in het "
        "plan. Ouders hielpen op een zaterdag bij de aanleg, wat geld bespaarde en de "
        "betrokkenheid vergrootte.",
        "De veiligheidskeuring stond niet in de planning, waardoor de opening twee maanden "
        "later was dan beloofd.",
        "Keuring en onderhoud vanaf het begin in de planning opnemen en geen openingsdatum "
        "noemen voordat de leverancier die bevestigt.",
    ),
    "youth_place": LessonText(
        "Een plek voor jongeren maak je met jongeren",
        "Jongerenwerk van {partner} bracht een vaste groep jongeren mee naar elk overleg. Zij "
        "kozen de plek en spraken zelf met omwonenden.",
        "Omwonenden hoorden pas laat van het plan en vreesden overlast; één avond met "
        "jongeren en buren samen had veel gedoe voorkomen.",
        "Omwonenden en jongeren in een vroeg stadium samen laten praten, met het jongerenwerk "
        "als gespreksleider.",
    ),
    "loneliness": LessonText(
        "Eenzaamheid aanpakken via wat er al is",
        "Samen met {partner} en de kerken brachten we in kaart wat er in {kern} al gebeurt. "
        "Vrijwilligers belden ouderen op, de koffieochtend kreeg een vaste plek in het "
        "dorpshuis.",
        "Een nieuwe activiteit die de gemeente had bedacht trok nauwelijks bezoekers; het "
        "aanbod sloot niet aan op wat ouderen zelf wilden.",
        "Eerst keukentafelgesprekken voeren (zie de checklist) en pas daarna iets nieuws beginnen.",
    ),
    "caregivers": LessonText(
        "Mantelzorgers bereik je via de huisarts en de kerk",
        "De praktijkondersteuner van de huisarts en de diaconie wezen mantelzorgers op het "
        "steunpunt; het aantal aanmeldingen verdubbelde.",
        "Een digitale enquête bereikte vooral jongere mantelzorgers; ouderen die voor hun "
        "partner zorgen bleven buiten beeld.",
        "Altijd een papieren en een telefonische route naast de digitale, en vindplaatsen "
        "gebruiken waar mantelzorgers al komen.",
    ),
    "gp_pharmacy": LessonText(
        "Zorg dichtbij: de dorpsraad als verbinder",
        "De dorpsraad organiseerde een gesprek tussen de huisartsen, de apotheek en {partner}. "
        "Er kwam een afhaalpunt voor medicijnen in het dorpshuis.",
        "De gemeente kan een huisartsenpraktijk niet zelf openhouden; dat hebben we niet "
        "meteen duidelijk gezegd en verwachtingen liepen op.",
        "Vooraf helder maken wat de rol van de gemeente is (verbinden, niet beslissen) en dat "
        "in de eerste publieke update opschrijven.",
    ),
    "starter_homes": LessonText(
        "Jongeren zelf laten vertellen wat ze zoeken",
        "Een enquête via de sportvereniging leverde veel reacties van jongeren uit {kern}. "
        "Met de woningcorporatie kwam er een plan voor starterswoningen op een "
        "inbreidingslocatie.",
        "De procedure voor het omgevingsplan duurde langer dan verwacht; jongeren haakten af "
        "omdat ze niets zagen gebeuren.",
        "Elke drie maanden een korte terugkoppeling sturen, ook als er weinig nieuws is, en de "
        "participatie voor het omgevingsplan meteen meenemen.",
    ),
    "knarrenhof": LessonText(
        "Knarrenhof: de initiatiefnemers trekken, de gemeente faciliteert",
        "De initiatiefgroep had een duidelijke trekker en een eigen stichting. {department} "
        "hielp met één aanspreekpunt voor grond, vergunning en planning.",
        "Bij de grondprijs liepen verwachtingen uiteen; daar is een half jaar overheen gegaan.",
        "Grondprijs en voorwaarden in het eerste gesprek bespreken, en het stappenplan "
        "inwonersinitiatief meegeven.",
    ),
    "empty_building": LessonText(
        "Leegstand: eigenaar en dorp aan tafel",
        "Door de eigenaar uit te nodigen op de dorpsavond ontstond een gesprek over tijdelijk "
        "gebruik. Er zit nu een ontmoetingsplek en een kringloopwinkel in het pand.",
        "We wachtten te lang op de eigenaar, die eerst via de makelaar reageerde. Bewoners "
        "dachten dat er niets gebeurde.",
        "De eigenaar direct en persoonlijk benaderen en tussentijds laten weten dat het "
        "gesprek loopt, ook zonder resultaat.",
    ),
    "flooding": LessonText(
        "Wateroverlast: samen met het waterschap de straat in",
        "Het waterschap en {department} gingen samen de straat in; bewoners lieten foto's van "
        "eerdere buien zien. Regentonnen en het afkoppelen van regenpijpen kwamen er als "
        "snelle maatregel uit.",
        "Bewoners wisten niet wie waarvoor verantwoordelijk is (riool, sloot of dijk) en "
        "werden van loket naar loket gestuurd.",
        "Eén aanspreekpunt met het waterschap afspreken en dat in de eerste brief noemen.",
    ),
    "dike_works": LessonText(
        "Overlast van de dijkversterking: vaste spreekuren helpen",
        "Een wekelijks spreekuur in de bouwkeet, samen met de aannemer, haalde veel ergernis "
        "weg. {partner} deelde het nieuws in de dorpsapp.",
        "Omleidingen voor het busverkeer waren niet met de buurtbus afgestemd.",
        "Bij grote werken alle vervoerders en de buurtbus vooraf op de verzendlijst zetten.",
    ),
    "solar_coop": LessonText(
        "Energiecoöperatie: inwoners trekken, de gemeente faciliteert",
        "De coöperatie had de kennis en de energie; de gemeente stelde het dak van de sporthal "
        "beschikbaar en hielp met de vergunning. Binnen een jaar lagen de panelen erop.",
        "De aansluiting op het net duurde lang door netcongestie; dat lag buiten onze invloed "
        "maar we hadden het eerder moeten navragen.",
        "Netbeheerder vanaf het eerste gesprek betrekken. Loslaten waar het kan, en dat als "
        "gemeente ook echt doen.",
    ),
    "heat_transition": LessonText(
        "Warmtetransitie: eerlijk zijn over wat vastligt",
        "Keukentafelgesprekken en werksessies per buurt gaven bewoners invloed op tempo en "
        "volgorde. Huurders waren via de woningcorporatie goed vertegenwoordigd.",
        "De planning van de netbeheerder stond vast; de reactietermijn op het concept moest "
        "worden ingekort. Eigenaar-bewoners voelden zich daardoor minder gehoord.",
        "Aan het begin zeggen welke keuzes al vastliggen en waarover bewoners echt meepraten. "
        "Het participatieadvies van het team vroeg aanvragen, ruim voor het raadsbesluit.",
    ),
    "litter": LessonText(
        "Zwerfafval: schoonmaakacties met verenigingen",
        "Verenigingen ruimden onder leiding van {partner} een keer per maand op en kregen een "
        "bijdrage voor de clubkas. Extra afvalbakken kwamen op de plekken die zij aanwezen.",
        "De bakken werden niet vaker geleegd, dus de overlast verplaatste zich naar het weekend.",
        "Afspraken over legen meteen meenemen in het plan met de buitendienst.",
    ),
    "street_lights": LessonText(
        "Donkere plekken samen in kaart brengen",
        "Een avondwandeling met bewoners, de wijkagent en {department} liet zien waar het echt "
        "donker is. Er kwamen drie lichtpunten bij, de rest bleek begroeiing.",
        "De melding liep eerst via de netbeheerder en bleef daar weken liggen.",
        "Een avondschouw standaard aanbieden bij meldingen over verlichting en de status van "
        "storingen op de pagina van de opgave zetten.",
    ),
    "burglaries": LessonText(
        "Buurtpreventie met een WhatsApp-groep en spelregels",
        "Bewoners startten zelf een buurtpreventiegroep; de wijkagent en {department} gaven "
        "een training en spelregels voor de app.",
        "Zonder beheerder werd de groep een plek voor geruchten; twee buren stapten daarom uit.",
        "Vanaf de start twee beheerders per groep en vaste spelregels (wat meld je wel, wat niet).",
    ),
    "drug_waste": LessonText(
        "Drugsafval: melden helpt, ook als het niet zichtbaar is",
        "Boeren en de buitendienst meldden dumpingen meteen; het aantal meldingen gaf de "
        "politie en de provincie reden om extra te controleren.",
        "Boeren bleven zitten met kosten voor het opruimen; de regeling van de provincie was "
        "onbekend.",
        "De provinciale vergoedingsregeling meteen noemen en een vast meldpunt delen met "
        "{partner}.",
    ),
    "village_hall": LessonText(
        "Toekomst van het dorpshuis: eerst de cijfers, dan de dromen",
        "Het bestuur van het dorpshuis, {partner} en {department} legden de exploitatie open "
        "op tafel. Daarna kwamen verenigingen zelf met ideeën voor meer gebruik.",
        "Een eerste bijeenkomst over 'de toekomst' zonder cijfers leverde vooral zorgen op.",
        "Beginnen met de feiten (gebruik, kosten, onderhoud) en pas daarna samen plannen "
        "maken. Het draaiboek dorpsavond gebruiken.",
    ),
    "bus": LessonText(
        "Buurtbus en openbaar vervoer: vrijwilligers zijn de basis",
        "De Buurtbus Altena vond nieuwe chauffeurs via de dorpsraden. Een dienstregeling die "
        "aansluit op de markt en de huisarts maakte de bus drukker.",
        "De concessie van de provincie liet weinig ruimte om routes te veranderen.",
        "De provincie en de vervoerder eerder betrekken, en vrijwilligers waarderen "
        "(jaarlijkse bijeenkomst).",
    ),
    "cash": LessonText(
        "Pinautomaat weg: samen zoeken naar een alternatief",
        "Met de ondernemersvereniging en de supermarkt kwam er een geldservicepunt; de "
        "bibliotheek geeft uitleg over bankzaken voor ouderen.",
        "De banken reageerden traag en er was weinig ruimte voor maatwerk.",
        "Vroeg contact zoeken met Geldmaat en de landelijke afspraken over "
        "bereikbaarheid gebruiken.",
    ),
    "village_festival": LessonText(
        "Dorpsfeest: vergunning en vrijwilligers vroeg regelen",
        "Een vast aanspreekpunt bij {department} en een checklist voor de vergunning maakten "
        "de aanvraag eenvoudig. {partner} zocht vrijwilligers via de verenigingen.",
        "De vergunning werd vijf weken voor het feest aangevraagd; te laat voor de verkeers- "
        "en veiligheidsadviezen.",
        "Minstens twaalf weken vooraf aanvragen en het vooroverleg op de kalender van de "
        "organisatie zetten.",
    ),
    "noise_event": LessonText(
        "Geluidsoverlast: afspraken tussen organisator en buren",
        "Organisator en buren spraken samen eindtijden en een telefoonnummer voor klachten "
        "af. Met een geluidsmeting werd het gesprek zakelijk.",
        "Handhaving kwam pas na afloop; buren voelden zich niet serieus genomen.",
        "Een vast contactpersoon tijdens het evenement en een evaluatie met de buren binnen "
        "twee weken.",
    ),
    "sports_park": LessonText(
        "Sportpark: verenigingen maken de visie mee",
        "De verenigingen en de school werkten in één werkgroep aan de visie; de gezamenlijke "
        "kantine kwam van hen. Omwonenden zijn geraadpleegd over licht en parkeren.",
        "De grootste vereniging domineerde de eerste bijeenkomsten.",
        "Iedere partij een gelijke stem geven, met een onafhankelijke gespreksleider.",
    ),
}
# When a topic comes back in another kern, the second lesson is about how the work went
# there: the same story twice would teach nobody anything. Placeholders as above.
SECOND_LESSONS: tuple[LessonText, ...] = (
    LessonText(
        "Wat {kern} ons leerde over samenwerken met {partner}",
        "Door {partner} vanaf de eerste week aan tafel te hebben, wisten we wat er in {kern} "
        "speelde voordat het een klacht werd. Korte lijnen met {department} hielpen.",
        "De taakverdeling tussen {partner} en de gemeente stond nergens op papier; twee keer "
        "dacht iedereen dat de ander iets zou doen.",
        "Na de eerste bijeenkomst een afsprakenlijst delen: wie doet wat, wanneer.",
    ),
    LessonText(
        "In {kern} ging het sneller dan de vorige keer",
        "We gebruikten de les van de eerdere opgave over hetzelfde onderwerp; de aanpak lag "
        "klaar en {department} wist wat werkte.",
        "Wat in het ene dorp werkte, paste niet helemaal in {kern}: de verenigingen zijn er "
        "kleiner en de vrijwilligers dezelfde mensen.",
        "Een aanpak uit een andere kern eerst toetsen bij de dorpsraad voordat we hem overnemen.",
    ),
    LessonText(
        "Terugkoppelen hield het vertrouwen in {kern} vast",
        "Iedere maand een korte update op de openbare pagina; volgers kregen een e-mail. "
        "Bewoners bleven meedoen, ook toen het werk stil lag.",
        "De eerste update kwam pas na zes weken, en intussen gingen er geruchten rond in de "
        "dorpsapp.",
        "Binnen twee weken na de start de eerste update plaatsen, ook als er weinig te melden is.",
    ),
    LessonText(
        "De trekker bij {department} maakte het verschil",
        "Eén vaste trekker met uren in de planning; het ontwikkelteam coachte op afstand en "
        "{partner} nam de communicatie in het dorp op zich.",
        "Toen de trekker op vakantie was, stond alles stil: er was geen vervanger afgesproken.",
        "Bij de start een tweede aanspreekpunt afspreken en dat op de pagina van de opgave zetten.",
    ),
)


@cache
def _topic_patterns() -> list[tuple[re.Pattern, str]]:
    """Regular expressions that recognise a demo challenge's topic from its title."""
    patterns = []
    for topic in texts.TOPICS:
        parts = re.split(r"(\{kern\}|\{street\}|\{place\})", topic.title)
        regex = "".join(".+" if part.startswith("{") else re.escape(part) for part in parts)
        patterns.append((re.compile(f"^{regex}$"), topic.key))
    return patterns


def topic_key_for(title: str) -> str | None:
    for pattern, key in _topic_patterns():
        if pattern.match(title):
            return key
    return None


# --- tools ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class ToolFact:
    title: str
    summary: str
    tags: tuple[str, ...]
    owner: str  # key of a development-team member in data.DEVELOPMENT_TEAM
    created_days_ago: int
    reviewed_days_ago: int  # more than a year ago: the tool shows as "to be reviewed"
    popularity: int  # relative share of the usage records
    body: str


TOOLS: tuple[ToolFact, ...] = (
    ToolFact(
        "Checklist keukentafelgesprek",
        "Een open gesprek bij iemand thuis voorbereiden, voeren en vastleggen.",
        ("gesprek", "participatie", "Zorg en welzijn"),
        "team_advisor",
        700,
        120,
        9,
        """# Waarom aan de keukentafel
Bij iemand thuis hoor je wat er echt speelt. Mensen vertellen meer dan op een avond in
het dorpshuis, en je bereikt ook wie niet naar bijeenkomsten komt.

# Voorbereiden
- Maak de afspraak telefonisch en zeg waarover het gaat en hoe lang het duurt (max. een uur).
- Lees de meldingen en de opgave na; neem geen dossier mee op tafel.
- Ga met z'n tweeën als het om een gevoelig onderwerp gaat.

# Het gesprek
1. Begin met de vraag wat iemand zelf belangrijk vindt in de kern.
2. Luister en vat samen; beloof niets wat je niet zelf kunt waarmaken.
3. Vraag wie er nog meer iets over kan zeggen (buren, vereniging, dorpsraad).
4. Spreek af hoe en wanneer je terugkoppelt.

# Vastleggen
- Schrijf een korte notitie bij de opgave, zonder persoonsgegevens (AVG).
- Gegevens van de inwoner horen alleen bij de melding, niet in je notitie.

Zie ook [Movisie over gesprekken met inwoners](https://www.movisie.nl/).
""",
    ),
    ToolFact(
        "Draaiboek dorpsavond",
        "Van uitnodiging tot verslag: een avond in het dorpshuis die ergens toe leidt.",
        ("bijeenkomst", "dorpsavond", "dorpsraad", "Voorzieningen"),
        "team_coach",
        690,
        60,
        10,
        """# Doel van de avond
Schrijf in één zin op wat de avond moet opleveren. Informeren, ophalen of samen kiezen
vraagt elk een ander programma.

# Zes weken vooraf
- Datum afstemmen met de dorpsraad; geen avond tijdens de kermis of een voetbalwedstrijd.
- Zaal reserveren in het dorpshuis, koffie en thee regelen.
- Uitnodiging huis-aan-huis, in de dorpsapp en op de pagina van de opgave.

# Programma (richttijd twee uur)
1. Welkom door de dorpsraad, niet door de gemeente.
2. Korte uitleg van de vraag en wat al vastligt (tien minuten).
3. Gesprekken aan tafels van zes, met een tafelhost per tafel.
4. Opbrengst per tafel, hardop.
5. Wat gebeurt er nu, en wanneer hoort iedereen iets.

# Na afloop
- Verslag binnen twee weken naar alle deelnemers en op de website.
- Noteer in de opgave wat de avond opleverde.

Tip: gebruik de **Checklist keukentafelgesprek** voor wie niet kon komen.
""",
    ),
    ToolFact(
        "Participatieladder in de praktijk",
        "Welke trede past bij deze vraag? Van informeren tot meebeslissen, met voorbeelden.",
        ("participatieladder", "participatie", "beleid"),
        "programme_manager",
        720,
        480,
        7,
        """# De treden
| Trede | Wat inwoners doen | Voorbeeld in Altena |
|---|---|---|
| Informeren | horen wat er gebeurt | werkzaamheden aan de dijk |
| Raadplegen | geven hun mening | enquête over het maaibeleid |
| Adviseren | brengen advies uit dat we serieus wegen | wijkuitvoeringsplan warmte |
| Coproduceren | maken het plan samen met ons | visie op het sportpark |
| Meebeslissen | beslissen binnen kaders | besteding budget leefbaarheid |

# Zo kies je
- Wat ligt al vast (wet, budget, raadsbesluit)? Daarover valt niet mee te beslissen.
- Hoeveel raakt het besluit inwoners? Hoe meer, hoe hoger de trede.
- Kunnen we de inbreng ook echt verwerken in tijd en geld?

# Valkuilen
- Een hoge trede beloven en een lage waarmaken: het vertrouwen is dan weg.
- Alleen de mondige inwoners aan tafel; zoek actief de stille groepen op.
""",
    ),
    ToolFact(
        "Format kernagenda",
        "Een agenda per kern: wat speelt er, wie pakt wat op, wat vraagt het van de gemeente.",
        ("kernagenda", "kerngericht werken", "dorpsraad"),
        "director_west",
        600,
        200,
        6,
        """# Wat is een kernagenda
Een kernagenda is een korte lijst van wat inwoners, partners en de gemeente in een kern
de komende twee jaar samen oppakken. De dorpsraad is eigenaar, de gebiedsregisseur helpt.

# Opbouw
## 1. Kenmerken van de kern
Inwoners, voorzieningen, verenigingen, wat gaat goed.
## 2. Wat speelt er
Maximaal vijf onderwerpen, in de woorden van inwoners.
## 3. Wie doet wat
Per onderwerp: trekker, partners, wat de gemeente bijdraagt.
## 4. Afspraken
Wanneer we terugkijken (elk voorjaar) en hoe we dat delen.

# Werkwijze
1. Ophalen op een dorpsavond (zie het draaiboek).
2. Concept door de dorpsraad laten schrijven.
3. Bespreken met de betrokken afdelingen.
4. Publiceren op de website van de dorpsraad en van de gemeente.
""",
    ),
    ToolFact(
        "Stappenplan inwonersinitiatief",
        "Hoe help je een initiatief van inwoners op weg zonder het over te nemen?",
        ("initiatief", "inwoners", "loslaten"),
        "team_coach",
        650,
        90,
        8,
        """# Uitgangspunt
Het initiatief is van de inwoners. De gemeente faciliteert en neemt het niet over.

# Stappen
1. **Kennismaken**: wat willen ze, wie doet mee, wat hebben ze al geregeld?
2. **Eén aanspreekpunt**: één collega die de weg wijst in het gemeentehuis.
3. **Check op regels**: vergunning, grond, verzekering, subsidie.
4. **Afspraken op papier**: wie doet wat, wat kost het, hoe lang.
5. **Loslaten**: laat de groep het zelf doen; blijf bereikbaar.
6. **Vieren en delen**: zet het resultaat in het nieuws en schrijf een geleerde les.

# Let op
- Vraag geen plan van aanpak waar een mail volstaat.
- Zeg snel nee als iets niet kan, met uitleg en een alternatief.

Meer achtergrond: [LSA bewoners](https://www.lsabewoners.nl/).
""",
    ),
    ToolFact(
        "Omgevingswet: participatieparagraaf schrijven",
        "Wat de Omgevingswet vraagt van participatie en hoe je het in het besluit opschrijft.",
        ("Omgevingswet", "participatie", "besluit", "Wonen"),
        "team_advisor",
        540,
        150,
        7,
        """# Wat de wet vraagt
Bij een omgevingsplan, een programma en een omgevingsvisie zegt de gemeente bij de
kennisgeving van het voornemen **hoe** participatie plaatsvindt. In het besluit staat
**hoe** inwoners, bedrijven en organisaties zijn betrokken en **wat** dat opleverde
(motiveringsplicht). Bij een omgevingsvergunning vraagt de gemeente de aanvrager of er
participatie was.

# De paragraaf in vier delen
1. Wie zijn betrokken en hoe (bijeenkomsten, gesprekken, enquête).
2. Wat hebben we gehoord (de hoofdlijnen, ook kritiek).
3. Wat hebben we ermee gedaan, en wat niet en waarom.
4. Hoe hebben we de deelnemers teruggekoppeld.

# Tips
- Schrijf in gewone taal; de paragraaf wordt ook door inwoners gelezen.
- Noem ook wie je niet hebt bereikt.

Bron: [Informatiepunt Leefomgeving (IPLO)](https://iplo.nl/).
""",
    ),
    ToolFact(
        "Spelregels right to challenge",
        "Wat te doen als inwoners een taak van de gemeente zelf willen uitvoeren.",
        ("right to challenge", "initiatief", "dorpsraad"),
        "team_manager",
        620,
        430,
        3,
        """# Wat is het
Met het right to challenge dagen inwoners de gemeente uit: zij voeren een taak uit (het
onderhoud van groen, het beheer van een dorpshuis) als zij dat beter of goedkoper kunnen.

# Spelregels in Altena
1. Een groep inwoners of een vereniging dient een voorstel in bij de gemeente.
2. Binnen zes weken een gesprek met de betrokken afdeling en het ontwikkelteam.
3. We toetsen op kwaliteit, kosten, continuïteit en draagvlak in de kern.
4. Bij een ja: een overeenkomst met budget, looptijd en evaluatie.

# Valkuilen
- De taak is groter dan hij lijkt: maak de werklast concreet.
- Vergeet verzekering en aansprakelijkheid niet.

Zie [LSA bewoners over right to challenge](https://www.lsabewoners.nl/).
""",
    ),
    ToolFact(
        "Werkvorm: wandeling door de kern",
        "Samen met bewoners de kern rondlopen om plekken, kansen en knelpunten te zien.",
        ("werkvorm", "schouw", "Verkeer", "Groen"),
        "director_east",
        480,
        100,
        6,
        """# Wanneer
Als het over een plek gaat: een kruispunt, een plantsoen, een speeltuin, een donkere
straat. Ter plekke zie je meer dan op een kaart.

# Voorbereiding
- Route van een uur, met vijf of zes stops.
- Per stop één vraag ("wat ziet u hier als het donker is?").
- Nodig bewoners, de dorpsraad, de wijkagent en de betrokken collega's uit.

# Tijdens de wandeling
- Maak foto's en noteer wat mensen zeggen per stop.
- Laat bewoners het woord voeren; de gemeente luistert.

# Na afloop
- Kaart met de stops en opmerkingen delen met de deelnemers.
- Zet de bevindingen in de opgave en kies samen wat eerst moet.
""",
    ),
    ToolFact(
        "Terugkoppeling aan inwoners: zo doe je het",
        "Inwoners laten weten wat er met hun inbreng is gebeurd, ook als het antwoord nee is.",
        ("terugkoppeling", "communicatie", "participatie"),
        "team_advisor",
        560,
        30,
        9,
        """# Waarom
Wie meedenkt, wil weten wat ermee is gedaan. Zonder terugkoppeling komt niemand een
volgende keer.

# Vuistregels
- Binnen twee weken na een bijeenkomst een verslag.
- Per inbreng: overgenomen, deels overgenomen of niet, met de reden.
- Ook als er weinig nieuws is: elke drie maanden een korte update.
- Gebruik de openbare pagina van de opgave; volgers krijgen dan een e-mail.

# Zo schrijf je het
1. Begin met dank voor de inbreng.
2. Vertel wat er is besloten of gebeurd.
3. Leg uit wat je met de inbreng deed, en wat niet.
4. Zeg wat er nu gebeurt en wanneer.

Schrijf op [B1-niveau](https://www.rijksoverheid.nl/): korte zinnen, gewone woorden.
""",
    ),
    ToolFact(
        "Budget leefbaarheid aanvragen",
        "Hoe dorpsraden en bewonersgroepen een bijdrage uit het leefbaarheidsbudget aanvragen.",
        ("leefbaarheid", "budget", "initiatief", "Voorzieningen"),
        "team_manager",
        700,
        400,
        5,
        """# Voor wie
Dorpsraden, verenigingen en groepen inwoners met een plan dat de kern leefbaarder maakt.

# Voorwaarden
- Het plan is voor en door inwoners van de kern.
- Er is een trekker en een begroting.
- Ook anderen dragen bij (geld, tijd of materiaal).

# Aanvragen
1. Bespreek het idee met de gebiedsregisseur.
2. Vul het aanvraagformulier in met plan, begroting en planning.
3. Binnen acht weken een besluit.
4. Na afloop een kort verslag met foto's.

# Veelgestelde vragen
- *Mag het voor onderhoud?* Nee, wel voor iets nieuws of een eenmalige opknapbeurt.
- *Kunnen we twee keer aanvragen?* Ja, voor een ander plan.
""",
    ),
    ToolFact(
        "Gelegenheidscoalitie starten: de eerste bijeenkomst",
        "Met collega's en partners een opgave oppakken: rollen, afspraken en de eerste stappen.",
        ("coalitie", "samenwerken", "partners"),
        "programme_manager",
        400,
        45,
        6,
        """# Voor de start
- Wie zit aan tafel: trekker, collega's met de juiste kennis, partners uit de kern.
- Hoeveel uur per week kan ieder bijdragen? Vraag het ook aan de managers.

# Agenda van de eerste bijeenkomst
1. Wat is de opgave, in de woorden van de inwoners?
2. Wat brengt ieder mee?
3. Wie is trekker, wie coacht (het ontwikkelteam coacht, trekt niet)?
4. Wat doen we de eerste zes weken?
5. Hoe houden we bewoners op de hoogte?

# Afspraken vastleggen
Leg afspraken vast in de opgave: rollen, uren, volgende bijeenkomst.
""",
    ),
    ToolFact(
        "Rolkaart overheidsparticipatie",
        "Loslaten, faciliteren, stimuleren, regisseren of reguleren: welke rol past hier?",
        ("overheidsrol", "beleid", "kerngericht werken"),
        "programme_manager",
        710,
        520,
        5,
        """# De vijf rollen
- **Loslaten**: inwoners doen het zelf, de gemeente doet niets.
- **Faciliteren**: de gemeente helpt met ruimte, kennis of geld.
- **Stimuleren**: de gemeente wil dat iets gebeurt en moedigt aan.
- **Regisseren**: de gemeente brengt partijen samen en houdt de regie.
- **Reguleren**: de gemeente stelt regels en handhaaft.

# Kiezen
Stel per opgave drie vragen: wie heeft de energie, wie draagt de
verantwoordelijkheid, en wat vraagt de wet? De rol kan in de loop van de opgave
veranderen; leg dat vast.

Achtergrond: het model van de Raad voor het openbaar bestuur (Rob, 2012).
""",
    ),
    ToolFact(
        "Werkvorm: jongeren betrekken",
        "Jongeren bereiken waar ze zijn: school, sportclub, jongerenwerk en online.",
        ("jongeren", "werkvorm", "Spelen"),
        "director_east",
        300,
        20,
        4,
        """# Waar vind je ze
- Op school (mentoruur, maatschappijleer).
- Bij de sportclub, na de training.
- Via het jongerenwerk van Welzijn Altena.
- Online: een korte poll in de app die ze al gebruiken.

# Werkvormen
1. **Fotosafari**: jongeren fotograferen hun favoriete en hun slechtste plek in de kern.
2. **Pizzasessie**: een uur praten, pizza erbij, korte vragen.
3. **Jongerenpanel**: vijf jongeren die een jaar lang meedenken.

# Let op
- Houd het kort en concreet.
- Laat snel zien wat er met hun inbreng gebeurt.
""",
    ),
)


def _office(moment: datetime) -> datetime:
    """Squeeze a time of day into 08:00-17:00 without changing the order of moments."""
    local = moment.astimezone(AMSTERDAM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(hours=8, seconds=(local - midnight).total_seconds() * 9 / 24)


def _team() -> dict[str, Employee]:
    names = {fact.key: fact.name for fact in data.DEVELOPMENT_TEAM}
    by_name = {
        e.name: e
        for e in Employee.objects.filter(name__in=names.values(), is_development_team=True)
        .select_related("user")
        .order_by("id")
    }
    return {key: by_name[name] for key, name in names.items() if name in by_name}


def knowledge_demo_load(*, anchor: datetime) -> dict[str, int]:
    """Write the demo's lessons, tools and tool usage; returns what it created."""
    rng = random.Random(SEED)
    team = _team()
    lessons = _lessons(anchor=anchor, rng=rng, team=team)
    tools, usages = _tools(anchor=anchor, rng=rng, team=team)
    return {"geleerde lessen": lessons, "handvatten": tools, "gebruik van handvatten": usages}


def _partner_name(challenge: Challenge, partners_by_kern: dict[int, list[Partner]]) -> str:
    for kern in challenge.kernen.all():
        partners = partners_by_kern.get(kern.pk)
        if partners:
            return partners[0].name
    return "de dorpsraad"


def _lessons(*, anchor: datetime, rng: random.Random, team: dict[str, Employee]) -> int:
    challenges = list(
        Challenge.objects.filter(status__in=CLOSED, lessons__isnull=True)
        .select_related("owner__user", "owner_department")
        .prefetch_related("kernen", "themes")
        .order_by("created_at", "id")
    )
    if not challenges:
        return 0
    # Village councils first: they are who a colleague calls about a kern.
    partners_by_kern: dict[int, list[Partner]] = {}
    for partner in Partner.objects.prefetch_related("kernen").order_by("kind", "name"):
        for kern in partner.kernen.all():
            partners_by_kern.setdefault(kern.pk, []).append(partner)
    for partners in partners_by_kern.values():
        partners.sort(key=lambda p: (p.kind != "village_council", p.name))
    transitions: dict[int, dict[str, datetime]] = {}
    for challenge_id, to_status, at in (
        ChallengeEvent.objects.filter(
            challenge__in=challenges, kind=ChallengeEvent.Kind.TRANSITION, to_status__in=CLOSED
        )
        .order_by("created_at", "id")
        .values_list("challenge_id", "to_status", "created_at")
    ):
        transitions.setdefault(challenge_id, {})[to_status] = at
    members: dict[int, list[int]] = {}
    for challenge_id, employee_id in (
        Membership.objects.filter(
            coalition__challenge__in=challenges,
            status=Membership.Status.ACCEPTED,
            employee__isnull=False,
        )
        .order_by("employee__name", "employee_id")
        .values_list("coalition__challenge_id", "employee_id")
    ):
        members.setdefault(challenge_id, []).append(employee_id)
    coaches = [team[key] for key in ("team_coach", "team_advisor", "programme_manager")]
    # Topics that already have a lesson (from an earlier load too) get a second-kind lesson.
    used_topics = {
        topic_key_for(title) for title in Lesson.objects.values_list("challenge__title", flat=True)
    }
    seconds = 0

    for index, challenge in enumerate(challenges):
        coach = coaches[index % len(coaches)]
        # The owner writes what the work taught; without one, the team that coached it.
        author = challenge.owner or coach
        key = topic_key_for(challenge.title)
        if key in LESSONS and key not in used_topics:
            text = LESSONS[key]
        else:
            text, seconds = SECOND_LESSONS[seconds % len(SECOND_LESSONS)], seconds + 1
        used_topics.add(key)
        kern = challenge.kernen.all()[0].name if challenge.kernen.all() else "de kern"
        department = challenge.owner_department.name if challenge.owner_department else ""
        values = {
            "kern": kern,
            "partner": _partner_name(challenge, partners_by_kern),
            "department": department or "de gemeente",
        }
        who = f"{author.name}{f' ({department})' if department else ''} weet hoe het is gelopen."
        if author.pk != coach.pk:
            who += f" Vanuit het ontwikkelteam dacht {coach.name} mee."
        who += f" In {kern} is {values['partner']} het aanspreekpunt."
        lesson = lesson_create(
            challenge=challenge,
            actor=author.user,
            title=fill(text.title, **values),
            what_worked=fill(text.what_worked, **values),
            what_did_not=fill(text.what_did_not, **values),
            next_time=fill(text.next_time, **values),
            who_to_ask=who,
            coalition_members=members.get(challenge.pk, []),
        )
        # Written after the work closed and, for an evaluated challenge, before its
        # evaluation: the app refuses an evaluation without a lesson.
        moments = transitions.get(challenge.pk, {})
        closed_at = moments.get(Status.DONE) or moments.get(Status.HANDED_OVER)
        closed_at = closed_at or challenge.updated_at
        until = moments.get(Status.EVALUATED) or min(
            closed_at + timedelta(days=21), anchor - timedelta(hours=20)
        )
        written = closed_at + (until - closed_at) * rng.uniform(0.3, 0.8)
        Lesson.objects.filter(pk=lesson.pk).update(created_at=written, updated_at=written)
    return len(challenges)


def _tools(*, anchor: datetime, rng: random.Random, team: dict[str, Employee]) -> tuple[int, int]:
    if Tool.objects.filter(title__in=[fact.title for fact in TOOLS]).exists():
        return 0, 0
    tools: list[tuple[Tool, datetime]] = []
    for fact in TOOLS:
        owner = team.get(fact.owner) or team["programme_manager"]
        tool = tool_create(
            actor=owner.user,
            title=fact.title,
            summary=fact.summary,
            body=fact.body,
            tags=fact.tags,
            owner=owner,
        )
        created = _office(anchor - timedelta(days=fact.created_days_ago))
        Tool.objects.filter(pk=tool.pk).update(
            created_at=created,
            updated_at=_office(anchor - timedelta(days=fact.reviewed_days_ago)),
            last_reviewed=(anchor - timedelta(days=fact.reviewed_days_ago)).date(),
        )
        tools.append((tool, created))

    # Use grows over two years, as more colleagues take part (the snowball): the times lean
    # towards the anchor and the circle of users widens as time goes on.
    employees = list(Employee.objects.filter(active=True).order_by("name", "id"))
    rng.shuffle(employees)
    weights = [fact.popularity for fact in TOOLS]
    usages = []
    for _ in range(USAGE_RECORDS):
        tool, created = rng.choices(tools, weights=weights)[0]
        oldest = min(USAGE_DAYS, (anchor - created).days - 1)
        days_ago = oldest * rng.random() ** 1.6
        at = _office(anchor - timedelta(days=days_ago + 1))
        circle = max(8, int(len(employees) * (1 - days_ago / USAGE_DAYS) * 0.8))
        employee = rng.choice(employees[:circle])
        action = ToolUsage.Action.OPENED if rng.random() < 0.6 else ToolUsage.Action.USED
        usages.append(ToolUsage(tool=tool, employee=employee, action=action, at=at))
    usages.sort(key=lambda usage: usage.at)
    ToolUsage.objects.bulk_create(usages)
    return len(tools), len(usages)
