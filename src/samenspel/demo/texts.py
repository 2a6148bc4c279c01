"""Hand-written Dutch fragments from which the demo composes its signals and timelines.

Each Topic is something residents of Altena really bring up. `compose.py` combines a
topic with a channel's way of writing (an angry post, a formal e-mail, a phone note, a
council question ...), a kern and a street, so that no two signals read alike. The
fragments never contain a person's name: personal data belong in intake.Reporter only.
Placeholders: {kern}, {street}, {place}.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    theme: str  # challenges.Theme slug
    kind: str  # challenges.Challenge.Kind value
    department: str  # slug of the department that would own the work
    title: str
    summary: str
    facts: tuple[str, ...]  # neutral sentences, as a resident would write them
    complaints: tuple[str, ...]  # how the same thing sounds in an angry post
    note: str  # a short phrase for phone notes and council questions
    offers: tuple[str, ...] = ()  # what residents or partners offer to do themselves
    all_kernen: bool = False  # an Altena-wide matter rather than one village's


TOPICS: tuple[Topic, ...] = (
    Topic(
        "speeding", "verkeer", "issue", "openbare-ruimte",
        "Te hard rijden op de {street} in {kern}",
        "Bewoners van de {street} in {kern} ervaren dat er veel te hard wordt gereden, vooral "
        "in de spits en door landbouwverkeer. Zij vragen om maatregelen.",
        ("Op de {street} wordt veel te hard gereden, vooral 's ochtends als de kinderen naar "
         "school fietsen.",
         "Er staat 30 op de {street} maar bijna niemand houdt zich daaraan.",
         "Tractoren en busjes gaan met 60 door de {street}, de huizen trillen ervan.",
         "Kunnen er drempels of een snelheidsdisplay komen op de {street}?"),
        ("Weer bijna een kind aangereden op de {street}. Wanneer gaat de gemeente eens wat doen??",
         "Racebaan {street}. Elke avond hetzelfde. Moet er eerst een dode vallen?",
         "Wie verzint er nou een 30-zone zonder 1 drempel. Iedereen scheurt er gewoon door."),
        "te hard rijden op de {street}",
        ("Wij willen met de buurt zelf een meetactie doen met een snelheidsdisplay.",
         "Een paar ouders willen meedenken over een veilige schoolroute."),
    ),
    Topic(
        "school_crossing", "verkeer", "issue", "openbare-ruimte",
        "Veilige oversteek bij de school in {kern}",
        "Ouders en de school vragen om een veiliger oversteek bij de basisschool aan de "
        "{street} in {kern}.",
        ("De oversteek bij de school aan de {street} is onoverzichtelijk door geparkeerde auto's.",
         "Kinderen moeten tussen de auto's door oversteken, er is geen zebrapad.",
         "Bij het halen en brengen staat de {street} vol en wordt er gekeerd op de stoep."),
        ("Elke ochtend chaos bij de school {street}. Levensgevaarlijk voor de kleintjes!!",
         "Ouders die op de stoep parkeren bij school, schaam je. En gemeente: doe er wat aan."),
        "de onveilige oversteek bij de school",
        ("De ouderraad wil helpen met een 'loop- en fietsdag' naar school.",),
    ),
    Topic(
        "parking", "verkeer", "issue", "openbare-ruimte",
        "Parkeeroverlast in de {street}, {kern}",
        "Auto's en bedrijfsbusjes staan half op de stoep in de {street}; voetgangers met "
        "rollator of kinderwagen kunnen er niet langs.",
        ("In de {street} staan steeds auto's half op de stoep, je kunt er met een rollator niet "
         "langs.",
         "Bedrijfsbusjes van buiten het dorp parkeren de hele week in de {street}.",
         "Er is te weinig parkeerplek bij {place}, dus iedereen parkeert in de berm."),
        ("Stoep {street} is gewoon een parkeerplaats geworden. Met de rolstoel moet ik de weg op.",
         "Busjes busjes busjes. {street} staat vol. Handhaving waar ben je?"),
        "parkeeroverlast in de {street}",
    ),
    Topic(
        "cut_through", "verkeer", "issue", "openbare-ruimte",
        "Sluipverkeer door de kernen bij file op de A27",
        "Bij file of werkzaamheden op de A27 zoekt verkeer een weg door de dorpen; bewoners "
        "melden drukte, gevaar en schade aan bermen.",
        ("Als er file staat op de A27 rijdt al het verkeer door {kern}, ook vrachtwagens.",
         "Navigatie stuurt vrachtverkeer over de dijk bij {kern}, dat past daar helemaal niet.",
         "De bermen langs de {street} zijn kapotgereden door sluipverkeer."),
        ("A27 dicht = {kern} één grote file. Vrachtwagens over de dijk, echt onverantwoord",
         "Weer een spiegel van mijn auto eraf door een vrachtwagen die hier niet hoort."),
        "sluipverkeer bij file op de A27",
        all_kernen=True,
    ),
    Topic(
        "bike_path", "verkeer", "issue", "openbare-ruimte",
        "Fietspad langs de dijk bij {kern} in slechte staat",
        "Het fietspad langs de dijk bij {kern} heeft gaten en boomwortels; scholieren en "
        "ouderen op de e-bike vallen.",
        ("Het fietspad langs de dijk bij {kern} zit vol gaten en wortels.",
         "Mijn moeder is met de e-bike gevallen op het fietspad richting {kern}.",
         "In het donker zie je de gaten in het fietspad niet, er is geen verlichting."),
        ("Fietspad richting {kern} is een crossbaan. Gisteren weer iemand onderuit.",),
        "het slechte fietspad langs de dijk",
    ),
    Topic(
        "mowing", "groen", "issue", "openbare-ruimte",
        "Maaibeleid en verwaarloosd groen in {kern}",
        "Bewoners vinden dat bermen en plantsoenen in {kern} te weinig worden onderhouden; "
        "anderen willen juist meer bloemrijke bermen.",
        ("Het gras bij {place} is in weken niet gemaaid, het staat kniehoog.",
         "Het onkruid groeit tussen de stoeptegels in de {street}.",
         "De plantsoenen in de {street} zien er verwaarloosd uit.",
         "Waarom wordt de berm bij de {street} niet meer gemaaid? Is dat bewust?"),
        ("Onkruid tot aan je knieën in {kern}. Wij betalen toch ook gewoon belasting??",
         "{kern} lijkt wel een oerwoud. Vroeger was alles netjes."),
        "het onderhoud van het groen",
        ("Een paar bewoners willen het plantsoen zelf adopteren.",),
    ),
    Topic(
        "tree", "groen", "issue", "openbare-ruimte",
        "Bomen langs de {street} in {kern}",
        "Meldingen over dode takken, wortelopdruk en bladoverlast van de bomen langs de "
        "{street}; bewoners zijn het oneens over kappen of behouden.",
        ("Er hangt een grote dode tak boven het fietspad aan de {street}.",
         "De wortels van de bomen in de {street} drukken de stoep omhoog.",
         "Na de storm ligt er een boom half over de {street}.",
         "Wij horen dat de bomen in de {street} gekapt worden, klopt dat?"),
        ("Boom {street} al 3 weken half omgewaaid. Moet er eerst iemand onder liggen?",
         "Ze gaan dus weer gezonde bomen kappen in {kern}. Schandalig."),
        "de bomen langs de {street}",
    ),
    Topic(
        "greening", "groen", "initiative", "openbare-ruimte",
        "Bewoners vergroenen de {street} in {kern}",
        "Bewoners van de {street} willen tegels eruit en geveltuinen en een buurtmoestuin erin; "
        "zij vragen hulp met materiaal en toestemming.",
        ("Met een paar buren willen we geveltuintjes aanleggen in de {street}.",
         "Wij willen graag een stuk grasveld bij {place} ombouwen tot buurtmoestuin.",
         "Mogen we zelf tegels uit de stoep halen voor geveltuintjes?"),
        ("Waarom is het zo moeilijk om in {kern} een paar tegels te wippen voor wat groen?",),
        "het vergroenen van de {street}",
        ("We hebben al twaalf huishoudens die meedoen.",
         "De dorpsraad wil de aanschaf van planten betalen."),
    ),
    Topic(
        "caterpillar", "groen", "issue", "openbare-ruimte",
        "Eikenprocessierups in {kern}",
        "In de zomer meldingen van eikenprocessierups bij speelplekken en langs fietsroutes in "
        "{kern}.",
        ("Bij {place} zitten nesten van de eikenprocessierups in de eiken.",
         "Mijn kinderen hebben uitslag na het spelen bij de {street}, volgens mij rupsen."),
        ("Rupsen bij de speeltuin {kern}!! En niemand die het afzet.",),
        "eikenprocessierups",
    ),
    Topic(
        "playground_broken", "spelen", "issue", "openbare-ruimte",
        "Speeltuin aan de {street} in {kern} opknappen",
        "De speelplek aan de {street} is verouderd; toestellen zijn kapot of weggehaald. Ouders "
        "willen meedenken over een nieuwe inrichting.",
        ("De schommel in de speeltuin aan de {street} is al maanden kapot.",
         "De glijbaan bij {place} is weggehaald en er is niets voor teruggekomen.",
         "In de speeltuin liggen glas en hondenpoep, kinderen kunnen er niet spelen."),
        ("Speeltuin {street}: 1 wip, 0 schommels, 100% hondenpoep. Top gemeente.",
         "Alles wordt weggehaald in {kern} en er komt niks terug. Waar moeten onze kinderen "
         "spelen?"),
        "de kapotte speeltuin aan de {street}",
        ("Een groep ouders wil een ontwerp met de kinderen maken.",
         "De basisschool wil de kinderen laten tekenen wat ze willen."),
    ),
    Topic(
        "new_playground", "spelen", "initiative", "openbare-ruimte",
        "Ouders willen een natuurspeelplek in {kern}",
        "Een groep ouders in {kern} wil een natuurspeelplek aanleggen en zoekt een plek, "
        "subsidie en hulp van de gemeente.",
        ("Wij zijn een groep ouders uit {kern} en willen een natuurspeelplek bij {place}.",
         "Voor het speelbos hebben we al sponsors gevonden, maar we zoeken nog grond.",
         "Is er subsidie voor een speelplek die bewoners zelf onderhouden?"),
        ("Ouders in {kern} willen zelf een speelplek bouwen en lopen tegen regels aan. Jammer!",),
        "een natuurspeelplek door ouders",
        ("Wij kunnen zelf het onderhoud doen met een groep vrijwilligers.",),
    ),
    Topic(
        "youth_place", "spelen", "initiative", "sociaal-domein",
        "Een eigen plek voor jongeren in {kern}",
        "Jongeren in {kern} hebben geen plek om samen te komen; buurtbewoners klagen over "
        "overlast bij {place}. Jongeren willen zelf een jongerenplek opzetten.",
        ("Wij zijn jongeren uit {kern} en willen een eigen plek, een keet of een hok.",
         "De jongeren hangen 's avonds bij {place} omdat er nergens anders plek is.",
         "Bij {place} is 's avonds lawaai en ligt er afval van jongeren."),
        ("Elke avond brommers en harde muziek bij {place}. Ik kan niet slapen!",
         "Jongeren in {kern} hebben letterlijk NIKS. Dan moet je niet klagen dat ze rondhangen."),
        "een plek voor jongeren",
        ("De jongeren willen de keet zelf opknappen.",
         "De voetbalclub heeft een oude kantine die misschien kan."),
    ),
    Topic(
        "loneliness", "zorg-en-welzijn", "issue", "sociaal-domein",
        "Eenzaamheid onder ouderen in {kern}",
        "Signalen van vrijwilligers, de huisarts en de kerk dat steeds meer ouderen in {kern} "
        "alleen zijn, sinds de soos en de bibliotheekbus zijn gestopt.",
        ("Sinds de soos in {kern} is gestopt zitten veel ouderen de hele week alleen thuis.",
         "Mijn buurvrouw van 88 ziet soms dagen niemand.",
         "Er is in {kern} geen plek meer waar ouderen samen koffie kunnen drinken."),
        ("Onze ouderen in {kern} worden gewoon vergeten. Alles gaat naar Werkendam.",),
        "eenzaamheid onder ouderen",
        ("De kerk wil haar zaal gratis beschikbaar stellen voor een koffieochtend.",
         "Welzijn Altena kan vrijwilligers helpen met een maatjesproject."),
    ),
    Topic(
        "caregivers", "zorg-en-welzijn", "issue", "sociaal-domein",
        "Ondersteuning van mantelzorgers in {kern}",
        "Mantelzorgers in {kern} weten de weg naar respijtzorg en de Wmo niet te vinden en "
        "raken overbelast.",
        ("Ik zorg al drie jaar voor mijn man en weet niet waar ik hulp kan krijgen.",
         "Mantelzorgers in {kern} lopen vast in de formulieren van de Wmo.",
         "Is er in {kern} een plek waar mantelzorgers elkaar kunnen ontmoeten?"),
        ("Zes weken wachten op een gesprek over hulp. Ik zorg 24/7 voor mijn moeder. Zes weken.",),
        "overbelaste mantelzorgers",
    ),
    Topic(
        "gp_pharmacy", "voorzieningen", "issue", "sociaal-domein",
        "Huisarts en apotheek bereikbaar houden voor {kern}",
        "De huisartsenpraktijk in {kern} neemt geen nieuwe patiënten meer aan; ouderen zonder "
        "auto komen moeilijk bij de apotheek.",
        ("De huisarts in {kern} neemt geen nieuwe patiënten meer aan.",
         "Zonder auto kom je vanuit {kern} bijna niet bij de apotheek.",
         "Kan de gemeente helpen om een huisarts naar {kern} te halen?"),
        ("Nieuwe huisarts zoeken in {kern}? Succes, er is er geen.",),
        "de bereikbaarheid van huisarts en apotheek",
    ),
    Topic(
        "starter_homes", "wonen", "issue", "ruimte",
        "Betaalbare woningen voor jongeren in {kern}",
        "Jongeren uit {kern} kunnen geen betaalbare woning vinden en trekken weg; de dorpsraad "
        "vraagt om starterswoningen.",
        ("Mijn kinderen willen in {kern} blijven wonen maar er is niets te koop of te huur.",
         "Er wordt in {kern} al jaren niet meer gebouwd voor starters.",
         "Waarom komen er in {kern} alleen dure vrijstaande huizen?"),
        ("Onze jeugd moet weg uit {kern} want er is geen enkel betaalbaar huis. Triest.",
         "Tiny houses mogen niet, starterswoningen komen niet. Wat moeten ze dan?"),
        "het tekort aan starterswoningen",
        ("Een groep jongeren wil een wooncoöperatie opzetten.",),
    ),
    Topic(
        "knarrenhof", "wonen", "initiative", "ruimte",
        "Initiatief voor een knarrenhof in {kern}",
        "Een groep senioren in {kern} wil een hofje bouwen waar ouderen zelfstandig en samen "
        "wonen, en zoekt een locatie en begeleiding.",
        ("Met een groep van vijftien senioren willen wij in {kern} een knarrenhof bouwen.",
         "Wij zoeken een locatie voor een woonhof voor ouderen, bijvoorbeeld bij {place}.",
         "Hoe werkt het bestemmingsplan als bewoners zelf willen bouwen?"),
        ("Al twee jaar bezig met ons woonhof in {kern} en nog steeds geen plek. Zo jammer.",),
        "een knarrenhof",
        ("De groep heeft al een architect die belangeloos meedenkt.",),
    ),
    Topic(
        "empty_building", "wonen", "issue", "ruimte",
        "Leegstaand pand aan de {street} in {kern}",
        "Een voormalige winkel aan de {street} staat al jaren leeg en verloedert; bewoners zien "
        "kansen voor woningen of een ontmoetingsplek.",
        ("Het oude pand aan de {street} staat al jaren leeg en de ramen zijn ingegooid.",
         "Kan er in het lege pand aan de {street} niet iets voor het dorp komen?"),
        ("Pand {street} is een bouwval. Zo wordt {kern} toch nooit mooi.",),
        "het leegstaande pand aan de {street}",
    ),
    Topic(
        "flooding", "water", "issue", "openbare-ruimte",
        "Wateroverlast bij hevige regen in de {street}, {kern}",
        "Bij hevige buien loopt de {street} onder en staat water in kelders en tuinen; het riool "
        "kan de piekbuien niet aan.",
        ("Bij elke flinke bui staat de {street} blank en loopt het water onze garage in.",
         "De putten in de {street} zijn verstopt, het water blijft gewoon staan.",
         "Na de bui van gisteren stond er 20 centimeter water in de {street}."),
        ("{street} is weer een zwembad. Riool kan een buitje niet aan. Elk jaar hetzelfde!",
         "Kelder onder water, derde keer dit jaar. Wanneer wordt dat riool eens aangepakt?"),
        "wateroverlast bij hevige regen",
        ("Bewoners willen regentonnen plaatsen als de gemeente helpt.",),
    ),
    Topic(
        "dike_works", "water", "issue", "openbare-ruimte",
        "Overlast van de dijkversterking bij {kern}",
        "Tijdens de dijkversterking van het waterschap rijdt zwaar bouwverkeer door {kern}; "
        "bewoners melden trillingen, modder en onduidelijke omleidingen.",
        ("Sinds de dijkwerkzaamheden rijden er de hele dag zandauto's door de {street}.",
         "Door het bouwverkeer voor de dijk trillen de huizen aan de {street}.",
         "De omleiding voor de dijkversterking is niet goed aangegeven."),
        ("Modder op de weg, trillende ramen, niemand die iets uitlegt. Bedankt dijkversterking.",),
        "overlast van de dijkversterking",
    ),
    Topic(
        "solar_coop", "duurzaamheid", "initiative", "ruimte",
        "Energiecoöperatie {kern}: zonnepanelen op het dak van de sporthal",
        "Bewoners richten een energiecoöperatie op en willen zonnepanelen leggen op het dak van "
        "de sporthal in {kern}.",
        ("Wij hebben een energiecoöperatie opgericht en willen het dak van de sporthal gebruiken.",
         "Met dertig huishoudens uit {kern} willen wij samen zonnepanelen laten leggen.",
         "Kan de gemeente het dak van {place} beschikbaar stellen voor zonnepanelen?"),
        ("Leuk die klimaatdoelen, maar als bewoners zelf panelen willen leggen is het nee.",),
        "een energiecoöperatie",
        ("De coöperatie heeft al 40 leden.",),
    ),
    Topic(
        "heat_transition", "duurzaamheid", "policy", "ruimte",
        "Warmtetransitie: wijkuitvoeringsplan {kern}",
        "De gemeente maakt een wijkuitvoeringsplan voor aardgasvrij wonen in {kern} en wil "
        "bewoners vanaf het begin laten meedenken.",
        ("Wat gaat de warmtetransitie betekenen voor onze oude dijkwoning in {kern}?",
         "Wij willen graag weten wanneer {kern} van het gas af moet.",
         "Organiseer een avond in het dorpshuis over de warmtetransitie, er zijn veel vragen."),
        ("Van het gas af terwijl niemand weet wat het kost. Wij worden niks gevraagd.",),
        "de warmtetransitie",
    ),
    Topic(
        "litter", "duurzaamheid", "issue", "openbare-ruimte",
        "Zwerfafval en volle afvalbakken in {kern}",
        "Rond {place} en langs de {street} ligt veel zwerfafval; afvalbakken zitten vol of zijn "
        "weggehaald.",
        ("De afvalbak bij {place} zit elk weekend overvol.",
         "Langs de {street} ligt veel blikjes en plastic in de sloot.",
         "Er worden vuilniszakken gedumpt bij de glasbak aan de {street}."),
        ("Glasbak {street} is een vuilnisbelt. Foto's gestuurd, niks gebeurd.",),
        "zwerfafval",
        ("De scouting wil maandelijks een opschoonactie doen.",),
    ),
    Topic(
        "street_lights", "veiligheid", "issue", "openbare-ruimte",
        "Straatverlichting aan de {street} in {kern}",
        "Lantaarnpalen in de {street} zijn al lang defect; bewoners voelen zich 's avonds "
        "onveilig.",
        ("Drie lantaarnpalen in de {street} doen het al weken niet.",
         "Het pad achter {place} is 's avonds aardedonker.",
         "Mijn dochter durft 's avonds niet meer door de {street} te fietsen, er is geen licht."),
        ("Al 6 weken donker in de {street}. Al 3x gemeld. Hallo??",),
        "kapotte straatverlichting",
    ),
    Topic(
        "burglaries", "veiligheid", "initiative", "veiligheid",
        "Buurtpreventie in {kern}",
        "Na een reeks inbraken willen bewoners in {kern} een buurtpreventieteam en een "
        "WhatsApp-groep opzetten, met steun van gemeente en wijkagent.",
        ("Er is deze maand al drie keer ingebroken in de {street}.",
         "Wij willen een buurtpreventie-app starten in {kern}, hoe pakken we dat aan?",
         "Kunnen er bordjes 'buurtpreventie' komen bij de ingangen van {kern}?"),
        ("Weer ingebroken in {kern}. Politie komt niet eens kijken.",),
        "inbraken en buurtpreventie",
        ("Twintig bewoners hebben zich al aangemeld voor de buurtpreventie.",),
    ),
    Topic(
        "drug_waste", "veiligheid", "issue", "veiligheid",
        "Drugsafval gedumpt in het buitengebied bij {kern}",
        "Boeren en wandelaars vinden vaten drugsafval in het buitengebied bij {kern}; zij "
        "willen weten wat te doen en wie de kosten draagt.",
        ("Bij de {street} in het buitengebied staan vaten met een chemische lucht.",
         "Er is weer drugsafval gedumpt op het land van een boer bij {kern}.",
         "Wie betaalt de opruiming van het drugsafval op ons erf?"),
        ("Alweer vaten in de polder bij {kern}. Criminelen hebben hier vrij spel.",),
        "gedumpt drugsafval",
    ),
    Topic(
        "village_hall", "voorzieningen", "issue", "economie-vrije-tijd",
        "Toekomst van het dorpshuis in {kern}",
        "Het dorpshuis in {kern} draait verlies en het bestuur vindt geen nieuwe vrijwilligers; "
        "het dorp wil het behouden.",
        ("Het dorpshuis in {kern} dreigt te sluiten omdat er geen bestuursleden meer zijn.",
         "Als het dorpshuis dichtgaat, is er in {kern} niets meer over.",
         "Kan de gemeente het dorpshuis in {kern} helpen met de energierekening?"),
        ("Eerst de school, dan de bakker, nu het dorpshuis. {kern} wordt een slaapdorp.",),
        "de toekomst van het dorpshuis",
        ("Een paar jonge ouders willen in het bestuur als de taken kleiner worden.",),
    ),
    Topic(
        "bus", "voorzieningen", "issue", "economie-vrije-tijd",
        "Openbaar vervoer en buurtbus in de kleine kernen",
        "Na het schrappen van een buslijn zijn de kleine kernen slecht bereikbaar; de "
        "buurtbusvereniging zoekt chauffeurs en steun.",
        ("Sinds de buslijn is geschrapt kan ik vanuit {kern} niet meer naar het ziekenhuis.",
         "De buurtbus rijdt niet meer op zaterdag, hoe kom ik dan naar de markt?",
         "De buurtbus zoekt dringend nieuwe chauffeurs."),
        ("Geen bus meer in {kern}. Zonder auto ben je hier nergens.",),
        "de busverbinding",
        ("De buurtbusvereniging heeft vijf nieuwe chauffeurs nodig.",),
        all_kernen=True,
    ),
    Topic(
        "cash", "voorzieningen", "issue", "economie-vrije-tijd",
        "Pinautomaat verdwijnt uit {kern}",
        "De laatste geldautomaat in {kern} wordt weggehaald; ouderen en ondernemers maken zich "
        "zorgen.",
        ("De laatste pinautomaat in {kern} wordt weggehaald, wat nu?",
         "Voor contant geld moeten ouderen straks naar Werkendam."),
        ("Pinautomaat weg uit {kern}. Bedankt banken, bedankt gemeente.",),
        "het verdwijnen van de pinautomaat",
    ),
    Topic(
        "village_festival", "evenementen", "initiative", "economie-vrije-tijd",
        "Dorpsfeest {kern}: vergunning en vrijwilligers",
        "De organisatie van het dorpsfeest in {kern} loopt vast op de vergunningaanvraag en "
        "zoekt ondersteuning.",
        ("Voor ons dorpsfeest moeten we een veiligheidsplan maken, waar begin je?",
         "De vergunning voor het dorpsfeest in {kern} is nog steeds niet binnen.",
         "Wij willen de {street} afsluiten voor de braderie, hoe vragen we dat aan?"),
        ("Zoveel regels voor één dorpsfeest. Geen wonder dat niemand meer iets organiseert.",),
        "de vergunning voor het dorpsfeest",
        ("De oranjevereniging regelt zelf de verkeersregelaars.",),
    ),
    Topic(
        "noise_event", "evenementen", "issue", "veiligheid",
        "Geluidsoverlast van evenementen bij {place} in {kern}",
        "Omwonenden klagen over harde muziek tot laat bij evenementen bij {place}; organisatoren "
        "willen met de buurt afspraken maken.",
        ("Afgelopen zaterdag was de muziek bij {place} tot twee uur 's nachts te horen.",
         "Kunnen er afspraken komen over het aantal feesten bij {place} per jaar?"),
        ("Bas dreunt tot 2 uur. Wie geeft hier nou een vergunning voor?!",),
        "geluidsoverlast van evenementen",
    ),
    Topic(
        "sports_park", "voorzieningen", "policy", "economie-vrije-tijd",
        "Sportpark {kern}: samen toekomstbestendig maken",
        "De gemeente herziet de sportaccommodaties; de clubs op het sportpark in {kern} denken "
        "mee over delen van velden en kantine.",
        ("Onze club in {kern} wil graag meedenken over de toekomst van het sportpark.",
         "Als de velden samen moeten worden gebruikt, wil onze vereniging aan tafel.",
         "De kantine op het sportpark is te groot voor één club."),
        ("Eerst bezuinigen op sport en dan klagen dat de jeugd niet beweegt.",),
        "de toekomst van het sportpark",
    ),
)  # fmt: skip

# Landmarks every village has; `{place}` in a fragment.
PLACES: tuple[str, ...] = (
    "het dorpshuis", "de basisschool", "de sporthal", "het speeltuintje", "de kerk",
    "het voetbalveld", "de supermarkt", "de haven", "het bushokje", "de dijk",
)  # fmt: skip

# How people open and close, per way of writing. No names: see the module docstring.
WEB_OPENERS = ("", "", "Hallo,", "Goedemiddag,", "Beste gemeente,", "Hoi,")
WEB_CLOSERS = (
    "", "", "Graag een reactie.", "Kan hier iets aan gedaan worden?", "Alvast bedankt!",
    "Ik hoop dat jullie er iets mee doen.", "Wie kan ik hierover spreken?",
)  # fmt: skip
EMAIL_OPENERS = ("Geachte heer/mevrouw,", "Geacht college,", "Beste medewerker van de gemeente,")
EMAIL_MIDDLES = (
    "Ik heb dit eerder gemeld maar er is niets mee gebeurd.",
    "Wij wonen hier al dertig jaar en het wordt steeds erger.",
    "Namens een aantal bewoners van de {street} vraag ik uw aandacht hiervoor.",
    "Ik ben benieuwd welke mogelijkheden er zijn.",
    "",
)
EMAIL_CLOSERS = (
    "Ik zie uw reactie graag tegemoet.\n\nMet vriendelijke groet,\neen bewoner van de {street}",
    "Met vriendelijke groet,\nnamens de bewoners van de {street}",
    "Bij voorbaat dank voor uw reactie.\n\nMet vriendelijke groet",
    "Hoogachtend",
)
SOCIAL_PREFIXES = ("", "", "Ff een klacht: ", "Gemeente Altena, ", "Serieus?? ", "@gemeentealtena ")
SOCIAL_SUFFIXES = ("", "", " #altena", " 😡", " Delen aub!", " Wie herkent dit?", "!!")
PHONE_CALLERS = ("Meneer", "Mevrouw", "Bewoner", "Een oudere mevrouw", "Jonge vader")
PHONE_ENDINGS = (
    "Wil graag teruggebeld worden.",
    "Verzoek om terugkoppeling per mail.",
    "Is erg ontstemd, belt al voor de tweede keer.",
    "Heeft begrip, wil vooral weten of het bekend is.",
    "Doorgezet naar de gebiedsregisseur.",
)
COUNCIL_PARTIES = ("Dorpen Eerst", "Altena Samen", "Lijst Kernkracht", "Groen Altena")
COUNCIL_QUESTIONS = (
    "Is het college bekend met {note} in {kern}?",
    "Hoe vaak is hierover het afgelopen jaar gemeld?",
    "Welke maatregelen overweegt het college, en op welke termijn?",
    "Is het college bereid de bewoners hierbij te betrekken?",
    "Hoe verhoudt dit zich tot het beleid voor kerngericht werken?",
)
PARTNER_OPENERS = (
    "Vanuit {partner} willen wij het volgende onder uw aandacht brengen.",
    "In ons laatste overleg van {partner} kwam dit punt weer naar voren.",
    "Namens {partner}:",
)
PARTNER_CLOSERS = (
    "Wij denken graag mee.",
    "Kunnen we hierover een afspraak maken?",
    "Wij horen graag wie bij de gemeente ons aanspreekpunt is.",
)
DEPARTMENT_PREFIXES = (
    "Melding van een collega: ",
    "Opgevangen tijdens werkzaamheden in {kern}: ",
    "Gezien tijdens de schouw in {kern}: ",
    "Kwam ter sprake in het teamoverleg: ",
    "Doorgestuurd na een gesprek met een inwoner: ",
)
CONVERSATION_OPENERS = (
    "Koffie in het dorpshuis van {kern}.",
    "Gesprek met bewoners op de markt in {kern}.",
    "Rondje door {kern} met de dorpsraad.",
    "Inloopavond in {kern}, ongeveer 25 bewoners.",
    "Langs geweest bij de ondernemers in {kern}.",
)
CONVERSATION_ENERGY = (
    "Er is energie: een paar mensen willen zelf aan de slag.",
    "Veel onvrede, weinig bereidheid om zelf iets te doen.",
    "De dorpsraad wil dit trekken als wij ondersteunen.",
    "Nog niet duidelijk wie dit wil oppakken.",
)
OTHER_PREFIXES = (
    "Briefje in de bus van het gemeentehuis: ",
    "Via de wijkagent: ",
    "Opmerking op de inloopavond: ",
    "Reactie op het enquêteformulier: ",
)

# The timeline of a challenge: internal notes and public updates per stage.
NOTES_EXPLORING = (
    "Eerste verkenning met {department}: het probleem is bekend, maar er ligt nog geen plan.",
    "Gebeld met de dorpsraad. Zij herkennen het en willen meedenken.",
    "Meldingen naast elkaar gelegd: het gaat vooral om de {street} en omgeving.",
    "Kort afgestemd met de gebiedsregisseur over wie de trekker kan zijn.",
)
NOTES_FORMING = (
    "Gesprek met {owner} ({department}): wil dit trekken als het team meedenkt over de aanpak.",
    "Mogelijke partners benaderd; {partner} doet mee.",
    "Eerste bijeenkomst gepland in het dorpshuis.",
    "Capaciteit besproken met de manager van {department}: vier uur per week is haalbaar.",
)
NOTES_ACTIVE = (
    "Werksessie met bewoners gehouden, ongeveer twintig deelnemers.",
    "Offerte aangevraagd; budget past binnen het onderhoudsbudget.",
    "{partner} neemt de communicatie in het dorp op zich.",
    "Tussenstand besproken met {owner}; planning loopt.",
    "Bewoners hebben zelf een voorstel uitgewerkt, dat nemen we over.",
)
NOTES_HOLD = (
    "Gepauzeerd: wachten op de besluitvorming over de begroting.",
    "Gepauzeerd tot na de dijkwerkzaamheden van het waterschap.",
    "Trekker langdurig afwezig; even stilgezet.",
)
UPDATES_EXPLORING = (
    "Wij hebben uw meldingen ontvangen en gebundeld. We gaan in gesprek met bewoners en "
    "partners om te kijken wat er nodig is.",
    "Bedankt voor alle reacties. De komende weken brengen we in kaart wat er speelt.",
)
UPDATES_FORMING = (
    "Er vormt zich een groep van bewoners, {partner} en collega's van de gemeente die dit "
    "samen oppakt.",
    "Op de bewonersavond in het dorpshuis waren veel mensen. We zoeken nog mensen die willen "
    "meedoen.",
)
UPDATES_ACTIVE = (
    "De eerste maatregelen zijn uitgevoerd. We houden in de gaten of ze werken.",
    "Het plan is klaar en wordt uitgevoerd. Wilt u meedenken? Kom naar de volgende avond.",
    "Met {partner} zijn afspraken gemaakt over wie wat doet.",
)
UPDATES_CLOSED = (
    "Het werk is afgerond. Dank aan iedereen die heeft meegedacht en meegedaan!",
    "{department} neemt dit verder op in het gewone werk. Meldingen kunt u blijven doen.",
)
LESSONS = (
    "Evaluatie: vroeg de dorpsraad betrekken scheelde maanden. Volgende keer eerder bellen.",
    "Evaluatie: bewoners hadden zelf de beste oplossing; wij hoefden vooral te faciliteren.",
    "Evaluatie: de planning liep uit doordat de vergunning laat rond was.",
)
DECLINE_REASONS = (
    "Dit valt onder de verantwoordelijkheid van het waterschap; wij hebben uw meldingen aan "
    "Waterschap Rivierenland doorgestuurd.",
    "Na onderzoek blijkt de weg veilig volgens de landelijke richtlijnen. We blijven meten en "
    "komen terug als de situatie verandert.",
    "De gemeenteraad heeft hierover al een besluit genomen; daarom starten we geen nieuwe "
    "opgave. Op de website leest u het besluit.",
    "Dit is een privékwestie tussen buren; de buurtbemiddeling van Welzijn Altena kan helpen.",
)
