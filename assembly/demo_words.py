"""Word lists for the demo network, kept apart so `kring.demo_data` stays readable.

Everything here is invented but plausible: names of organisations are fictional, places
and postcodes are real so addresses and phone area codes look right in a Flemish demo.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A municipality with its postcode and telephone zone (without the trunk 0)."""

    postcode: str
    municipality: str
    area_code: str


PLACES: dict[str, Place] = {
    (
        f"{place.municipality} {place.postcode}"
        if place.municipality in ("Gent", "Antwerpen")
        else place.municipality
    ): place
    for place in (
        Place("9000", "Gent", "9"),
        Place("9051", "Gent", "9"),
        Place("9052", "Gent", "9"),
        Place("2000", "Antwerpen", "3"),
        Place("2030", "Antwerpen", "3"),
        Place("2018", "Antwerpen", "3"),
        Place("1000", "Brussel", "2"),
        Place("1800", "Vilvoorde", "2"),
        Place("1930", "Zaventem", "2"),
        Place("1500", "Halle", "2"),
        Place("1840", "Londerzeel", "52"),
        Place("3000", "Leuven", "16"),
        Place("3001", "Heverlee", "16"),
        Place("3300", "Tienen", "16"),
        Place("3290", "Diest", "13"),
        Place("3500", "Hasselt", "11"),
        Place("3600", "Genk", "89"),
        Place("3700", "Tongeren", "12"),
        Place("3800", "Sint-Truiden", "11"),
        Place("2800", "Mechelen", "15"),
        Place("2500", "Lier", "3"),
        Place("2300", "Turnhout", "14"),
        Place("2340", "Beerse", "14"),
        Place("2440", "Geel", "14"),
        Place("2850", "Boom", "3"),
        Place("2870", "Puurs-Sint-Amands", "3"),
        Place("2160", "Wommelgem", "3"),
        Place("8000", "Brugge", "50"),
        Place("8400", "Oostende", "59"),
        Place("8500", "Kortrijk", "56"),
        Place("8530", "Harelbeke", "56"),
        Place("8560", "Wevelgem", "56"),
        Place("8790", "Waregem", "56"),
        Place("8800", "Roeselare", "51"),
        Place("8870", "Izegem", "51"),
        Place("8700", "Tielt", "51"),
        Place("8900", "Ieper", "57"),
        Place("9100", "Sint-Niklaas", "3"),
        Place("9160", "Lokeren", "9"),
        Place("9200", "Dendermonde", "52"),
        Place("9240", "Zele", "52"),
        Place("9300", "Aalst", "53"),
        Place("9400", "Ninove", "54"),
        Place("9500", "Geraardsbergen", "54"),
        Place("9700", "Oudenaarde", "55"),
        Place("9800", "Deinze", "9"),
        Place("9900", "Eeklo", "9"),
        Place("9940", "Evergem", "9"),
        Place("9090", "Melle", "9"),
    )
}

# First digit a subscriber number may start with, per one-digit zone (others: 2-9).
SHORT_ZONE_FIRST_DIGITS: dict[str, str] = {"2": "2345678", "3": "2345678", "9": "234"}
MOBILE_PREFIXES: tuple[str, ...] = (
    "460", "468", "470", "471", "472", "473", "474", "475", "476", "477", "478", "479",
    "483", "484", "485", "486", "487", "488", "489", "490", "491", "492", "493", "494",
    "495", "496", "497", "498", "499",
)  # fmt: skip

STREETS_BY_KIND: dict[str, tuple[str, ...]] = {
    "company": (
        "Industrieweg", "Industrielaan", "Nijverheidsstraat", "Ambachtenlaan", "Europark-Noord",
        "Bedrijvenlaan", "Zandvoordestraat", "Kortrijksesteenweg", "Brugsesteenweg",
        "Antwerpsesteenweg", "Gentsesteenweg", "Kanaalweg", "Havenlaan", "Poortakkerstraat",
        "Ter Waarde", "Meensesteenweg", "Liersesteenweg", "Noorderlaan", "Zuiderring",
    ),
    "public_body": (
        "Grote Markt", "Stadhuisplein", "Koning Albert II-laan", "Stationsstraat",
        "Kerkstraat", "Markt", "Administratief Centrum", "Boudewijnlaan",
    ),
    "non_profit": ("Kloosterstraat", "Molenstraat", "Hoogstraat", "Vaartstraat", "Dorpsstraat"),
    "education": ("Campuslaan", "Schoonmeersstraat", "Kleinhoefstraat", "Hogeschoolplein"),
    "healthcare": ("Ziekenhuislaan", "Hospitaalstraat", "Zorgpad", "Sint-Jozefstraat"),
    "consultancy": (
        "Technologiepark", "Researchpark", "Wetenschapspark", "Koningin Astridlaan",
        "Frankrijklei", "Coupure Links", "Tiensestraat", "Guldensporenpark",
    ),
}  # fmt: skip

SECTOR_PHRASES: dict[str, tuple[str, str]] = {
    "manufacturing": ("productiebedrijf", "manufacturing company"),
    "food": ("voedingsbedrijf", "food producer"),
    "pharma": ("farmaceutisch bedrijf", "pharmaceutical company"),
    "chemistry": ("chemisch bedrijf", "chemical company"),
    "logistics": ("logistiek bedrijf", "logistics company"),
    "construction": ("bouwbedrijf", "construction company"),
    "energy": ("energiebedrijf", "energy company"),
    "ict": ("IT-bedrijf", "IT company"),
    "healthcare": ("zorginstelling", "healthcare organisation"),
    "government": ("overheidsdienst", "public service"),
    "non_profit": ("vzw", "non-profit organisation"),
    "education": ("onderwijsinstelling", "educational institution"),
    "consultancy": ("adviesbureau", "consultancy"),
    "sme": ("kmo", "small business"),
}


class OrganisationSeed(NamedTuple):
    name: str
    slug: str
    kind: str
    sector: str
    place: str  # key of PLACES
    extra_domain: str  # second e-mail domain, or ""


ORGANISATIONS: tuple[OrganisationSeed, ...] = (
    # manufacturing
    OrganisationSeed("Verhaeghe Kunststoffen NV", "verhaeghe-kunststoffen", "company", "manufacturing", "Kortrijk", ""),
    OrganisationSeed("Leiestaal NV", "leiestaal", "company", "manufacturing", "Harelbeke", "leiestaal-group.com"),
    OrganisationSeed("Vlasbloem Textiles", "vlasbloem", "company", "manufacturing", "Waregem", ""),
    OrganisationSeed("Kempen Precision Parts BV", "kempenprecision", "company", "manufacturing", "Geel", ""),
    OrganisationSeed("Metaalbouw Durmevelde", "durmevelde", "company", "manufacturing", "Zele", ""),
    OrganisationSeed("Netewerken Engineering", "netewerken", "company", "manufacturing", "Lier", ""),
    OrganisationSeed("Devriendt Verpakkingen NV", "devriendt-verpakkingen", "company", "manufacturing", "Izegem", ""),
    OrganisationSeed("Scheldecoat Industrial Coatings", "scheldecoat", "company", "chemistry", "Puurs-Sint-Amands", "scheldecoat.eu"),
    OrganisationSeed("Brabo Cables NV", "brabocables", "company", "manufacturing", "Boom", ""),
    OrganisationSeed("Mercator Machinebouw", "mercator-machinebouw", "company", "manufacturing", "Roeselare", ""),
    OrganisationSeed("Limburgse Glasindustrie", "limburgseglas", "company", "manufacturing", "Genk", ""),
    # food
    OrganisationSeed("Brouwerij De Leiebocht", "leiebocht", "company", "food", "Deinze", ""),
    OrganisationSeed("Vandewiele Vleeswaren NV", "vandewiele-vleeswaren", "company", "food", "Tielt", ""),
    OrganisationSeed("Hageland Fruit CV", "hagelandfruit", "company", "food", "Tienen", ""),
    OrganisationSeed("Boerenbrood Bakkerijen", "boerenbrood", "company", "food", "Wevelgem", ""),
    OrganisationSeed("Zuivelhoeve Meetjesland", "zuivelhoeve", "company", "food", "Eeklo", ""),
    OrganisationSeed("Frites Flandria NV", "fritesflandria", "company", "food", "Ieper", "flandria-foods.com"),
    OrganisationSeed("Chocolaterie Pralinor", "pralinor", "company", "food", "Halle", ""),
    # pharma and chemistry
    OrganisationSeed("Biovalis Pharma NV", "biovalis", "company", "pharma", "Gent 9052", "biovalis.com"),
    OrganisationSeed("Nuvexa Biologics", "nuvexa", "company", "pharma", "Mechelen", ""),
    OrganisationSeed("Pharmacor Belgium", "pharmacor", "company", "pharma", "Beerse", "pharmacor.eu"),
    OrganisationSeed("Polderchem NV", "polderchem", "company", "chemistry", "Antwerpen 2030", ""),
    # logistics, construction, energy, ict
    OrganisationSeed("Transport Dewaele & Zonen", "dewaele-transport", "company", "logistics", "Evergem", ""),
    OrganisationSeed("Hinterland Logistics NV", "hinterlandlogistics", "company", "logistics", "Wommelgem", ""),
    OrganisationSeed("Airside Cargo Services", "airsidecargo", "company", "logistics", "Zaventem", ""),
    OrganisationSeed("Kanaal Distributiecentrum", "kanaaldc", "company", "logistics", "Londerzeel", ""),
    OrganisationSeed("Bouwgroep Van Acker", "bouwgroep-vanacker", "company", "construction", "Aalst", ""),
    OrganisationSeed("Windkracht Noordzee NV", "windkracht", "company", "energy", "Oostende", ""),
    OrganisationSeed("Datasmid ICT", "datasmid", "company", "ict", "Leuven", ""),
    # SMEs
    OrganisationSeed("Schrijnwerkerij Maes", "schrijnwerkerij-maes", "company", "sme", "Tongeren", ""),
    OrganisationSeed("Drukkerij De Raaf", "drukkerijderaaf", "company", "sme", "Lokeren", ""),
    OrganisationSeed("Elektro Cnudde BV", "elektrocnudde", "company", "sme", "Oudenaarde", ""),
    OrganisationSeed("Groendienst Vermeersch", "groendienst-vermeersch", "company", "sme", "Melle", ""),
    # healthcare
    OrganisationSeed("AZ Leievallei", "az-leievallei", "healthcare", "healthcare", "Kortrijk", ""),
    OrganisationSeed("AZ Kempenheide", "az-kempenheide", "healthcare", "healthcare", "Turnhout", ""),
    OrganisationSeed("Ziekenhuis Demervallei", "demervallei", "healthcare", "healthcare", "Diest", ""),
    OrganisationSeed("Woonzorgcentrum Ter Linde", "terlinde", "healthcare", "healthcare", "Melle", ""),
    OrganisationSeed("Revalidatiecentrum De Vijvers", "devijvers", "healthcare", "healthcare", "Brugge", ""),
    OrganisationSeed("Thuiszorg Denderland", "thuiszorg-denderland", "healthcare", "healthcare", "Ninove", ""),
    # public bodies
    OrganisationSeed("Agentschap Vlaamse Waterlopen", "vlaamsewaterlopen", "public_body", "government", "Brussel", ""),
    OrganisationSeed("Agentschap Digitale Dienstverlening", "digitaledienstverlening", "public_body", "government", "Brussel", "vlaanderen-digitaal.be"),
    OrganisationSeed("Intercommunale Leie-Schelde", "leieschelde", "public_body", "government", "Deinze", ""),
    OrganisationSeed("OCMW Denderstreek", "ocmw-denderstreek", "public_body", "government", "Geraardsbergen", ""),
    OrganisationSeed("Provinciaal Mobiliteitsbedrijf Kempen", "mobiliteitkempen", "public_body", "government", "Turnhout", ""),
    OrganisationSeed("Politiezone Rupel-Nete", "pz-rupelnete", "public_body", "government", "Boom", ""),
    OrganisationSeed("Havenbedrijf Schelde-Durme", "haven-scheldedurme", "public_body", "government", "Dendermonde", ""),
    OrganisationSeed("Brandweerzone Midden-Limburg", "brandweer-middenlimburg", "public_body", "government", "Hasselt", ""),
    OrganisationSeed("Stad Sint-Truiden, dienst Organisatieontwikkeling", "sinttruiden-stad", "public_body", "government", "Sint-Truiden", ""),
    # non-profit
    OrganisationSeed("Maatwerkbedrijf De Brug vzw", "debrug-maatwerk", "non_profit", "non_profit", "Aalst", ""),
    OrganisationSeed("Jeugdzorg Waasland vzw", "jeugdzorgwaasland", "non_profit", "non_profit", "Sint-Niklaas", ""),
    OrganisationSeed("Cultuurhuis De Markt vzw", "cultuurhuis-demarkt", "non_profit", "non_profit", "Lokeren", ""),
    OrganisationSeed("Federatie Vlaamse Maakbedrijven vzw", "maakbedrijven", "non_profit", "non_profit", "Brussel", ""),
    # education
    OrganisationSeed("Hogeschool Scheldeland", "hogeschoolscheldeland", "education", "education", "Gent 9000", "scheldeland.ac.be"),
    OrganisationSeed("Kempense Hogeschool", "kempensehogeschool", "education", "education", "Geel", ""),
    OrganisationSeed("Katholieke Hogeschool Leiedal", "khleiedal", "education", "education", "Kortrijk", ""),
    OrganisationSeed("Campus Sint-Jozef Tielt", "sintjozef-tielt", "education", "education", "Tielt", ""),
    # consultancy
    OrganisationSeed("Procesfabriek BV", "procesfabriek", "consultancy", "consultancy", "Mechelen", ""),
    OrganisationSeed("Qualitas Consulting", "qualitas-consulting", "consultancy", "consultancy", "Antwerpen 2018", ""),
    OrganisationSeed("Lean Atelier", "leanatelier", "consultancy", "consultancy", "Gent 9051", ""),
    OrganisationSeed("Verbeke & Partners Auditors", "verbeke-partners", "consultancy", "consultancy", "Brugge", ""),
    OrganisationSeed("Veilig Werk Advies", "veiligwerkadvies", "consultancy", "consultancy", "Hasselt", ""),
    OrganisationSeed("GreenMetrics Advisory", "greenmetrics", "consultancy", "consultancy", "Heverlee", "greenmetrics.eu"),
    OrganisationSeed("Privacy Kompas BV", "privacykompas", "consultancy", "consultancy", "Vilvoorde", ""),
)  # fmt: skip

FIRST_NAMES: tuple[str, ...] = (
    "An", "Ann-Sofie", "Annelies", "Bart", "Ben", "Bram", "Caroline", "Charlotte", "Chloé",
    "Dirk", "Dries", "Elke", "Els", "Emma", "Eva", "Evelien", "Filip", "Frederik", "Geert",
    "Gert", "Griet", "Hanne", "Hélène", "Hilde", "Inès", "Inge", "Isabelle", "Jan", "Jana",
    "Jean-Pierre", "Jens", "Jeroen", "Jérôme", "Joke", "Jonas", "Joris", "Karen", "Karel",
    "Katrien", "Kevin", "Kim", "Koen", "Kristof", "Lara", "Laura", "Lien", "Lieve", "Lotte",
    "Luc", "Lucas", "Marc", "Marie", "Marijke", "Mathias", "Mieke", "Nathalie", "Nele",
    "Nicolas", "Noël", "Peter", "Pieter", "Raf", "Raphaël", "Rik", "Ruben", "Sandra", "Sara",
    "Sarah", "Sébastien", "Sien", "Sofie", "Stefaan", "Steven", "Stijn", "Tim", "Tine",
    "Tom", "Veerle", "Wim", "Wouter", "Yves", "Zoë", "Anaïs", "Mohamed", "Yasmina", "Rachid",
    "Fatima", "Elif", "Emre", "Thi Lan", "Marie-Louise", "Pieter-Jan",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Wouters", "De Smet", "Van den Broeck", "Van de Velde", "Vermeulen", "De Clercq",
    "Dubois", "Lambert", "D'Hondt", "Van Damme", "De Backer", "Vandenberghe", "Verhaeghe",
    "Vanhoutte", "Desmet", "Van Acker", "Declercq", "De Wilde", "Coppens", "Hermans",
    "Aerts", "Segers", "Van Hecke", "Stevens", "Pauwels", "Smets", "Verstraete", "Claeys",
    "Martens", "Van Hoof", "Lemmens", "Lenaerts", "Verbeke", "De Vos", "Cools", "Bogaert",
    "Van der Auwera", "Moens", "Verschueren", "Bosmans", "Michiels", "Dewulf", "Cnudde",
    "Van Nieuwenhuyse", "Geerts", "Baert", "Vanderstraeten", "Van Loock", "El Amrani",
    "Yilmaz", "Nguyen", "Callebaut", "De Meyer", "Van Gucht", "Vervaet", "Ghysels",
    "Van Steenkiste", "Deprez", "Lievens", "Schepens", "Vercauteren", "Van Rompaey",
    "Thys", "Vandeputte", "Op de Beeck", "Heylen", "Vanhove", "Delanghe", "Bruneel",
)  # fmt: skip

# Role families: job titles that belong together and the topics they know about.
JOB_TITLES: dict[str, tuple[str, ...]] = {
    "quality": (
        "kwaliteitsmanager", "quality manager", "kwaliteitscoördinator",
        "QHSE-manager", "stafmedewerker kwaliteit", "quality assurance specialist",
        "verantwoordelijke kwaliteitszorg", "QA/QC-manager",
    ),
    "safety": (
        "preventieadviseur", "preventieadviseur niveau 1", "HSE-coördinator",
        "safety manager", "veiligheidscoördinator",
    ),
    "hr": ("HR-directeur", "HR business partner", "HR-manager", "talent manager", "L&D-coördinator"),
    "lean": ("lean coach", "continuous improvement manager", "operational excellence lead", "productiemanager"),
    "executive": ("CEO", "algemeen directeur", "zaakvoerder", "COO", "operationeel directeur"),
    "audit": ("ISO-auditor", "interne auditor", "lead auditor", "compliance officer"),
    "process": ("procesmanager", "business analyst", "procesverantwoordelijke", "organisatieadviseur"),
    "privacy": ("data protection officer", "informatieveiligheidsconsulent", "privacy officer"),
    "sustainability": ("duurzaamheidscoördinator", "milieucoördinator", "sustainability manager", "ESG-verantwoordelijke"),
    "digital": ("IT-manager", "digital transformation lead", "CIO", "projectleider digitalisering"),
}  # fmt: skip

FAMILY_WEIGHTS: dict[str, int] = {
    "quality": 30, "safety": 12, "hr": 11, "lean": 10, "executive": 10, "audit": 5,
    "process": 8, "privacy": 5, "sustainability": 6, "digital": 3,
}  # fmt: skip

FAMILY_TOPICS: dict[str, tuple[str, ...]] = {
    "quality": ("iso9001", "internal_audit", "complaints", "efqm", "kpi", "process"),
    "safety": ("iso45001", "wellbeing", "risk", "iso14001"),
    "hr": ("competence", "wellbeing", "leadership"),
    "lean": ("lean", "six_sigma", "process", "kpi"),
    "executive": ("efqm", "leadership", "kpi", "csrd", "risk"),
    "audit": ("internal_audit", "iso9001", "iso14001", "iso45001"),
    "process": ("process", "digitalisation", "lean", "kpi"),
    "privacy": ("gdpr", "risk", "digitalisation"),
    "sustainability": ("csrd", "iso14001", "risk"),
    "digital": ("digitalisation", "gdpr", "process"),
}


class Topic(NamedTuple):
    """Everything needed to write about one subject in both languages."""

    label: str  # short, used in interaction notes and event titles
    noun_nl: str
    noun_en: str
    core_tags: tuple[str, ...]
    related_tags: tuple[str, ...]
    challenge_titles_nl: tuple[str, ...]
    challenge_titles_en: tuple[str, ...]
    problems_nl: tuple[str, ...]
    problems_en: tuple[str, ...]
    expertise_titles_nl: tuple[str, ...]
    expertise_titles_en: tuple[str, ...]
    results_nl: tuple[str, ...]
    results_en: tuple[str, ...]


TOPICS: dict[str, Topic] = {
    "iso9001": Topic(
        "ISO 9001",
        "een ISO 9001-kwaliteitssysteem",
        "an ISO 9001 quality management system",
        ("iso 9001", "kwaliteitszorg"),
        ("interne audit", "procesmanagement", "kpi", "risicobeheer", "klachtenbehandeling"),
        (
            "Hercertificering ISO 9001 voorbereiden",
            "ISO 9001 levend houden na de certificering",
            "Documentatie ISO 9001 vereenvoudigen",
        ),
        (
            "Preparing our ISO 9001 recertification",
            "Keeping ISO 9001 alive after certification",
        ),
        (
            "Onze handboeken zijn in de loop der jaren uitgegroeid tot honderden documenten die niemand nog leest.",
            "Na de certificering zakt de aandacht telkens weg tot vlak voor de volgende audit.",
            "De auditor vond vorig jaar dat we de context van de organisatie en de risico's te weinig uitwerkten.",
        ),
        (
            "Over the years our manuals have grown into hundreds of documents nobody reads any more.",
            "After each certification the attention fades until just before the next audit.",
            "Last year the auditor found that we had not worked out the context of the organisation and its risks well enough.",
        ),
        ("ISO 9001 opzetten en certificeren", "Pragmatisch kwaliteitshandboek"),
        ("Implementing and certifying ISO 9001", "A pragmatic quality manual"),
        (
            "Ik bracht een logge procedurebibliotheek terug tot een overzichtelijk procesmodel op één pagina.",
            "We behaalden de certificering zonder grote non-conformiteiten en hielden die drie cycli vast.",
            "Ik koppelde de directiebeoordeling aan de bestaande managementoverleggen, zodat ze geen extra papierwerk meer is.",
        ),
        (
            "I reduced a bloated procedure library to a clear one-page process model.",
            "We achieved certification without major non-conformities and kept it for three cycles.",
            "I linked the management review to existing management meetings so it no longer means extra paperwork.",
        ),
    ),
    "iso14001": Topic(
        "ISO 14001",
        "een milieuzorgsysteem volgens ISO 14001",
        "an ISO 14001 environmental management system",
        ("iso 14001", "duurzaamheid"),
        ("risicobeheer", "csrd", "interne audit", "kpi"),
        ("Starten met ISO 14001", "Milieuaspecten in kaart brengen"),
        ("Getting started with ISO 14001", "Mapping our environmental aspects"),
        (
            "We weten niet goed hoe we de milieuaspecten en hun significantie onderbouwd moeten beoordelen.",
            "Onze vergunningsvoorwaarden en de wettelijke registers zitten verspreid over verschillende mappen.",
            "De klant vraagt ISO 14001, maar we willen geen tweede, los systeem naast ISO 9001.",
        ),
        (
            "We are unsure how to assess environmental aspects and their significance in a well-founded way.",
            "Our permit conditions and legal registers are scattered over different folders.",
            "A customer asks for ISO 14001, but we do not want a second, separate system next to ISO 9001.",
        ),
        ("Geïntegreerd milieuzorgsysteem ISO 14001", "Milieuaspectenanalyse"),
        ("Integrated ISO 14001 environmental system", "Environmental aspect analysis"),
        (
            "Ik integreerde ISO 14001 in ons bestaande kwaliteitssysteem met één gezamenlijk auditprogramma.",
            "We brachten het energieverbruik per product in kaart en verlaagden het met een vijfde.",
            "Ik bouwde een wetgevingsregister op dat elk kwartaal automatisch ter review wordt voorgelegd.",
        ),
        (
            "I integrated ISO 14001 into our existing quality system with a single joint audit programme.",
            "We mapped energy use per product and reduced it by a fifth.",
            "I built a legal register that is put up for review automatically every quarter.",
        ),
    ),
    "iso45001": Topic(
        "ISO 45001",
        "veiligheidsmanagement volgens ISO 45001",
        "ISO 45001 occupational health and safety management",
        ("iso 45001", "veiligheid"),
        ("welzijn op het werk", "risicobeheer", "interne audit", "kpi"),
        ("Overstap van VCA naar ISO 45001", "Veiligheidscultuur versterken"),
        ("Moving from VCA to ISO 45001", "Strengthening our safety culture"),
        (
            "Het aantal bijna-ongevallen dat gemeld wordt, is veel te laag om nog geloofwaardig te zijn.",
            "Onderaannemers volgen onze veiligheidsregels maar half, vooral tijdens onderhoudsstops.",
            "We willen de stap van VCA naar ISO 45001 zetten, maar weten niet hoeveel extra werk dat vraagt.",
        ),
        (
            "The number of near misses reported is far too low to be credible.",
            "Contractors only half follow our safety rules, especially during maintenance shutdowns.",
            "We want to move from VCA to ISO 45001 but do not know how much extra work that takes.",
        ),
        ("ISO 45001 in de praktijk", "Meldcultuur voor bijna-ongevallen"),
        ("ISO 45001 in practice", "A reporting culture for near misses"),
        (
            "Door wekelijkse veiligheidsrondes met leidinggevenden verdrievoudigde het aantal meldingen.",
            "Ik begeleidde de overstap van VCA naar ISO 45001 in minder dan een jaar.",
            "We halveerden het aantal arbeidsongevallen met verzuim op vier jaar tijd.",
        ),
        (
            "Weekly safety walks with supervisors tripled the number of reports.",
            "I led the move from VCA to ISO 45001 in less than a year.",
            "We halved the number of lost-time accidents in four years.",
        ),
    ),
    "lean": Topic(
        "lean",
        "lean werken",
        "lean management",
        ("lean", "kaizen"),
        ("5s", "procesmanagement", "kpi", "leiderschap", "six sigma"),
        ("Lean uitrollen buiten de productie", "Kaizen-events die blijven plakken"),
        ("Rolling out lean beyond production", "Kaizen events that stick"),
        (
            "Onze 5S-borden hangen er mooi bij, maar na enkele maanden valt alles terug in de oude gewoonten.",
            "In de productie werkt lean, maar op de administratieve diensten krijgen we er geen voet aan de grond.",
            "Leidinggevenden zien dagelijkse stand-ups vooral als tijdverlies.",
        ),
        (
            "Our 5S boards look nice, but after a few months everything slips back into old habits.",
            "Lean works on the shop floor, but we cannot get a foothold in the administrative departments.",
            "Supervisors mostly see daily stand-ups as a waste of time.",
        ),
        ("Lean coaching op de werkvloer", "Dagelijkse stand-ups en visueel management"),
        ("Lean coaching on the shop floor", "Daily stand-ups and visual management"),
        (
            "Ik zette dagelijkse huddles op in twaalf teams, die na twee jaar nog steeds draaien.",
            "Met een waardestroomanalyse haalden we de doorlooptijd van een bestelling van tien naar vier dagen.",
            "Ik leidde meer dan dertig kaizen-events, ook in ondersteunende diensten zoals aankoop en HR.",
        ),
        (
            "I set up daily huddles in twelve teams that are still running after two years.",
            "With a value stream map we cut order lead time from ten to four days.",
            "I facilitated more than thirty kaizen events, also in support functions such as purchasing and HR.",
        ),
    ),
    "six_sigma": Topic(
        "Six Sigma",
        "Six Sigma-projecten",
        "Six Sigma projects",
        ("six sigma", "kpi"),
        ("lean", "procesmanagement", "klachtenbehandeling"),
        ("Procesvariatie terugdringen", "Six Sigma zonder zwarte band"),
        ("Reducing process variation", "Six Sigma without black belts"),
        (
            "De uitval op één productielijn schommelt sterk en we vinden de grondoorzaak niet.",
            "We verzamelen veel data, maar niemand durft er statistische conclusies uit te trekken.",
            "Onze green belts ronden hun opleiding af, maar hun projecten stranden na de meetfase.",
        ),
        (
            "Scrap on one production line varies a lot and we cannot find the root cause.",
            "We collect plenty of data, but nobody dares to draw statistical conclusions from it.",
            "Our green belts finish their training, but their projects stall after the measure phase.",
        ),
        ("DMAIC-projecten begeleiden", "Statistische procescontrole"),
        ("Coaching DMAIC projects", "Statistical process control"),
        (
            "Als black belt coachte ik een twintigtal DMAIC-projecten met een gemiddelde besparing van 80.000 euro.",
            "Ik voerde SPC-kaarten in op de verpakkingslijnen, waardoor de klachten over vulgewicht verdwenen.",
            "Ik ontwikkelde een interne yellow-belt-opleiding van twee dagen voor operatoren.",
        ),
        (
            "As a black belt I coached about twenty DMAIC projects with average savings of 80,000 euros.",
            "I introduced SPC charts on the packaging lines, which made complaints about fill weight disappear.",
            "I developed a two-day in-house yellow belt course for operators.",
        ),
    ),
    "efqm": Topic(
        "EFQM",
        "het EFQM-model",
        "the EFQM model",
        ("efqm", "kwaliteitszorg"),
        ("leiderschap", "balanced scorecard", "kpi", "procesmanagement"),
        ("Zelfevaluatie volgens EFQM", "Van ISO naar business excellence"),
        ("EFQM self-assessment", "From ISO to business excellence"),
        (
            "We willen een eerste zelfevaluatie doen, maar het model voelt abstract voor onze teams.",
            "Na jaren ISO 9001 zoeken we een kader dat ook strategie en cultuur meeneemt.",
            "De directie twijfelt of een externe erkenning de inspanning waard is.",
        ),
        (
            "We want to do a first self-assessment, but the model feels abstract to our teams.",
            "After years of ISO 9001 we are looking for a framework that also covers strategy and culture.",
            "Management doubts whether external recognition is worth the effort.",
        ),
        ("EFQM-zelfevaluaties begeleiden", "Business excellence als managementkader"),
        ("Facilitating EFQM self-assessments", "Business excellence as a management framework"),
        (
            "Ik begeleidde zelfevaluaties met het EFQM-model in een ziekenhuis, een stad en twee kmo's.",
            "Onze organisatie behaalde een erkenning op het niveau Recognised by EFQM.",
            "Ik vertaalde de RADAR-logica naar een eenvoudige checklist voor projectleiders.",
        ),
        (
            "I facilitated EFQM self-assessments in a hospital, a city administration and two SMEs.",
            "Our organisation achieved recognition at the Recognised by EFQM level.",
            "I translated the RADAR logic into a simple checklist for project leaders.",
        ),
    ),
    "internal_audit": Topic(
        "interne audits",
        "interne audits",
        "internal audits",
        ("interne audit", "kwaliteitszorg"),
        ("iso 9001", "iso 14001", "iso 45001", "risicobeheer"),
        ("Interne audits met meerwaarde", "Een pool van interne auditoren opbouwen"),
        ("Internal audits that add value", "Building a pool of internal auditors"),
        (
            "Onze interne audits zijn een afvinkoefening geworden die weinig verbeteringen oplevert.",
            "We hebben te weinig opgeleide interne auditoren en het zijn altijd dezelfde mensen.",
            "Auditees ervaren een audit als een controle en niet als een kans om te leren.",
        ),
        (
            "Our internal audits have become a box-ticking exercise that yields few improvements.",
            "We have too few trained internal auditors and it is always the same people.",
            "Auditees experience an audit as an inspection rather than a chance to learn.",
        ),
        ("Procesgerichte interne audits", "Opleiding van interne auditoren"),
        ("Process-based internal audits", "Training internal auditors"),
        (
            "Ik leidde meer dan honderd interne audits volgens ISO 19011, verspreid over vijf sites.",
            "Ik zette een kruisaudit-systeem op waarbij afdelingen elkaar auditen.",
            "We leidden vijftien medewerkers op tot interne auditor met een eigen praktijkgerichte opleiding.",
        ),
        (
            "I led more than a hundred internal audits under ISO 19011 across five sites.",
            "I set up a cross-audit scheme in which departments audit each other.",
            "We trained fifteen staff as internal auditors with our own practical course.",
        ),
    ),
    "complaints": Topic(
        "klachtenbehandeling",
        "klachtenbehandeling",
        "complaint handling",
        ("klachtenbehandeling", "kwaliteitszorg"),
        ("kpi", "procesmanagement", "digitalisering", "six sigma"),
        ("Klachten sneller afhandelen", "Van klacht naar structurele verbetering"),
        ("Handling complaints faster", "From complaint to structural improvement"),
        (
            "Klachten komen binnen via mail, telefoon en sociale media, en niemand heeft een volledig overzicht.",
            "We lossen klachten op, maar dezelfde problemen komen telkens terug.",
            "De gemiddelde doorlooptijd van een klacht is opgelopen tot meer dan drie weken.",
        ),
        (
            "Complaints come in by e-mail, phone and social media, and nobody has a complete overview.",
            "We resolve complaints, but the same problems keep coming back.",
            "The average lead time of a complaint has risen to more than three weeks.",
        ),
        ("Klachtenproces en 8D-analyses", "Klantenfeedback omzetten in verbeteracties"),
        ("Complaint process and 8D analyses", "Turning customer feedback into improvements"),
        (
            "Ik voerde een centraal klachtenregister in met een vaste 8D-aanpak voor terugkerende klachten.",
            "We brachten de afhandeltermijn van klachten terug van achttien naar vijf werkdagen.",
            "Ik koppelde klachtendata aan onze procesindicatoren zodat trends maandelijks besproken worden.",
        ),
        (
            "I introduced a central complaints register with a standard 8D approach for recurring complaints.",
            "We cut complaint handling time from eighteen to five working days.",
            "I linked complaint data to our process indicators so trends are discussed every month.",
        ),
    ),
    "gdpr": Topic(
        "GDPR",
        "de GDPR",
        "the GDPR",
        ("gdpr", "risicobeheer"),
        ("digitalisering", "procesmanagement", "interne audit"),
        ("Verwerkingsregister up-to-date houden", "Datalekken correct melden"),
        ("Keeping the record of processing up to date", "Reporting data breaches properly"),
        (
            "Ons verwerkingsregister werd ooit opgemaakt door een consultant en is sindsdien niet meer bijgewerkt.",
            "Medewerkers weten niet goed wanneer een incident een datalek is dat we moeten melden.",
            "We krijgen steeds meer inzageverzoeken en hebben daar geen vaste procedure voor.",
        ),
        (
            "Our record of processing was once drawn up by a consultant and has not been updated since.",
            "Staff are unsure when an incident counts as a data breach that must be reported.",
            "We receive more and more access requests and have no fixed procedure for them.",
        ),
        ("GDPR-compliance in de praktijk", "Rol van de DPO"),
        ("GDPR compliance in practice", "The role of the DPO"),
        (
            "Ik zette een verwerkingsregister op dat eigenaars per proces zelf onderhouden.",
            "Ik schreef een datalekprocedure met beslisboom die in de hele organisatie gebruikt wordt.",
            "We handelen inzageverzoeken nu standaard binnen tien werkdagen af.",
        ),
        (
            "I set up a record of processing that process owners maintain themselves.",
            "I wrote a data breach procedure with a decision tree that the whole organisation uses.",
            "We now handle access requests within ten working days as standard.",
        ),
    ),
    "competence": Topic(
        "competentiebeheer",
        "competentiebeheer",
        "competence management",
        ("competentiebeheer", "leiderschap"),
        ("kwaliteitszorg", "digitalisering", "welzijn op het werk"),
        ("Competentiematrix die echt gebruikt wordt", "Opleidingsbeleid koppelen aan kwaliteit"),
        ("A competence matrix that is actually used", "Linking training policy to quality"),
        (
            "Onze competentiematrix wordt eens per jaar ingevuld en verdwijnt daarna in een lade.",
            "De auditor vraagt bewijs van bekwaamheid, maar onze opleidingsdossiers zijn onvolledig.",
            "We vinden moeilijk technisch profielen en moeten meer intern opleiden.",
        ),
        (
            "Our competence matrix is filled in once a year and then disappears into a drawer.",
            "The auditor asks for evidence of competence, but our training records are incomplete.",
            "We struggle to find technical profiles and need to train more people in-house.",
        ),
        ("Competentiebeheer en opleidingsplannen", "Peter- en meterschap voor nieuwe medewerkers"),
        ("Competence management and training plans", "Buddy schemes for new staff"),
        (
            "Ik voerde een digitale competentiematrix in die gekoppeld is aan functiebeschrijvingen en audits.",
            "Met een meterschapsprogramma daalde het verloop in het eerste jaar met een derde.",
            "Ik ontwikkelde een opleidingsplan per functie dat jaarlijks in het teamoverleg herzien wordt.",
        ),
        (
            "I introduced a digital competence matrix linked to job descriptions and audits.",
            "A buddy programme reduced first-year staff turnover by a third.",
            "I developed a training plan per role that is reviewed yearly in team meetings.",
        ),
    ),
    "wellbeing": Topic(
        "welzijn op het werk",
        "welzijn op het werk",
        "well-being at work",
        ("welzijn op het werk", "veiligheid"),
        ("iso 45001", "leiderschap", "competentiebeheer", "risicobeheer"),
        ("Psychosociale risico's aanpakken", "Langdurig verzuim terugdringen"),
        ("Tackling psychosocial risks", "Reducing long-term absence"),
        (
            "Het langdurig verzuim door burn-out is de voorbije twee jaar sterk gestegen.",
            "De risicoanalyse psychosociale aspecten is verouderd en medewerkers hebben weinig vertrouwen in de bevraging.",
            "Leidinggevenden weten niet goed hoe ze een re-integratiegesprek moeten voeren.",
        ),
        (
            "Long-term absence due to burnout has risen sharply over the past two years.",
            "Our psychosocial risk analysis is outdated and staff have little trust in the survey.",
            "Supervisors do not really know how to conduct a return-to-work conversation.",
        ),
        (
            "Welzijnsbeleid en psychosociale risicoanalyse",
            "Re-integratie na langdurige afwezigheid",
        ),
        (
            "Well-being policy and psychosocial risk analysis",
            "Return to work after long-term absence",
        ),
        (
            "Ik leidde een psychosociale risicoanalyse met een responsgraad van meer dan zeventig procent.",
            "We zetten een re-integratietraject op dat het langdurig verzuim met een kwart verminderde.",
            "Ik trainde alle leidinggevenden in het voeren van verzuim- en welzijnsgesprekken.",
        ),
        (
            "I led a psychosocial risk analysis with a response rate of more than seventy percent.",
            "We set up a return-to-work programme that cut long-term absence by a quarter.",
            "I trained all supervisors in conducting absence and well-being conversations.",
        ),
    ),
    "digitalisation": Topic(
        "digitalisering",
        "digitalisering van het kwaliteitssysteem",
        "digitalising the quality system",
        ("digitalisering", "procesmanagement"),
        ("gdpr", "kpi", "kwaliteitszorg", "klachtenbehandeling"),
        ("Papieren formulieren digitaliseren", "Een QMS-softwarepakket kiezen"),
        ("Digitising paper forms", "Choosing QMS software"),
        (
            "Op de werkvloer worden nog dagelijks tientallen papieren checklists ingevuld en overgetypt.",
            "We twijfelen tussen een gespecialiseerd QMS-pakket en een oplossing op ons bestaande intranet.",
            "Documentbeheer loopt via gedeelde mappen waar niemand de laatste versie terugvindt.",
        ),
        (
            "Dozens of paper checklists are still filled in and retyped on the shop floor every day.",
            "We hesitate between a specialised QMS package and a solution on our existing intranet.",
            "Document control runs through shared folders where nobody can find the latest version.",
        ),
        ("Digitaal documentbeheer en e-formulieren", "Selectie en invoering van QMS-software"),
        ("Digital document control and e-forms", "Selecting and introducing QMS software"),
        (
            "Ik leidde de overstap van papieren checklists naar tablets op drie productielijnen.",
            "Ik begeleidde de selectie en implementatie van een QMS-pakket voor documenten, audits en acties.",
            "We automatiseerden de opvolging van verbeteracties met eenvoudige low-code workflows.",
        ),
        (
            "I led the move from paper checklists to tablets on three production lines.",
            "I guided the selection and roll-out of a QMS package for documents, audits and actions.",
            "We automated the follow-up of improvement actions with simple low-code workflows.",
        ),
    ),
    "csrd": Topic(
        "CSRD",
        "duurzaamheidsrapportering volgens de CSRD",
        "sustainability reporting under the CSRD",
        ("csrd", "duurzaamheid"),
        ("iso 14001", "kpi", "risicobeheer", "balanced scorecard"),
        ("Dubbele materialiteitsanalyse uitvoeren", "Voorbereiden op CSRD-rapportering"),
        ("Running a double materiality assessment", "Preparing for CSRD reporting"),
        (
            "We moeten binnenkort rapporteren volgens de ESRS, maar de data zitten verspreid over vijf afdelingen.",
            "Grote klanten vragen onze CO2-voetafdruk, terwijl we zelf nog niet onder de CSRD vallen.",
            "De dubbele materialiteitsanalyse lijkt ons een zware oefening voor een organisatie van onze grootte.",
        ),
        (
            "We will soon have to report under the ESRS, but the data are spread over five departments.",
            "Large customers ask for our carbon footprint, although we do not fall under the CSRD ourselves yet.",
            "The double materiality assessment looks like a heavy exercise for an organisation of our size.",
        ),
        ("CSRD en ESRS in de praktijk", "CO2-voetafdruk berekenen"),
        ("CSRD and ESRS in practice", "Calculating a carbon footprint"),
        (
            "Ik begeleidde een dubbele materialiteitsanalyse met interne en externe stakeholders.",
            "We berekenden onze voetafdruk voor scope 1, 2 en 3 en rapporteren die nu jaarlijks.",
            "Ik bouwde een datamodel waarmee de ESRS-indicatoren per kwartaal opgevolgd worden.",
        ),
        (
            "I facilitated a double materiality assessment with internal and external stakeholders.",
            "We calculated our scope 1, 2 and 3 footprint and now report it every year.",
            "I built a data model that tracks the ESRS indicators every quarter.",
        ),
    ),
    "kpi": Topic(
        "KPI's",
        "KPI's en dashboards",
        "KPIs and dashboards",
        ("kpi", "balanced scorecard"),
        ("procesmanagement", "kwaliteitszorg", "digitalisering", "leiderschap"),
        ("Zinvolle KPI's kiezen", "Van dashboard naar actie"),
        ("Choosing meaningful KPIs", "From dashboard to action"),
        (
            "We volgen meer dan zestig indicatoren op, maar niemand weet nog welke er echt toe doen.",
            "Onze dashboards zijn mooi, maar leiden zelden tot concrete beslissingen.",
            "De strategische doelstellingen zijn niet vertaald naar doelen voor de teams.",
        ),
        (
            "We track more than sixty indicators, but nobody knows which ones really matter.",
            "Our dashboards look good but rarely lead to concrete decisions.",
            "The strategic objectives have not been translated into goals for the teams.",
        ),
        ("Balanced scorecard en procesindicatoren", "Prestatiemanagement op teamniveau"),
        ("Balanced scorecard and process indicators", "Performance management at team level"),
        (
            "Ik bracht een wildgroei aan indicatoren terug tot een balanced scorecard met vijftien KPI's.",
            "We vertaalden de strategie naar teamdoelen die wekelijks op een visueel bord opgevolgd worden.",
            "Ik bouwde een dashboard waarin elke indicator een eigenaar en een actieplan heeft.",
        ),
        (
            "I reduced a jungle of indicators to a balanced scorecard with fifteen KPIs.",
            "We translated the strategy into team goals that are followed up weekly on a visual board.",
            "I built a dashboard in which every indicator has an owner and an action plan.",
        ),
    ),
    "risk": Topic(
        "risicobeheer",
        "risicobeheer",
        "risk management",
        ("risicobeheer", "kwaliteitszorg"),
        ("iso 9001", "iso 45001", "gdpr", "interne audit", "csrd"),
        ("Risicogebaseerd denken invoeren", "Een bruikbaar risicoregister"),
        ("Introducing risk-based thinking", "A usable risk register"),
        (
            "Ons risicoregister is een lange lijst zonder duidelijke eigenaars of opvolging.",
            "Elke afdeling gebruikt een andere risicomatrix, waardoor we risico's niet kunnen vergelijken.",
            "Na een ernstig incident vraagt de raad van bestuur om een organisatiebrede risicoanalyse.",
        ),
        (
            "Our risk register is a long list without clear owners or follow-up.",
            "Each department uses a different risk matrix, so we cannot compare risks.",
            "After a serious incident the board asks for an organisation-wide risk analysis.",
        ),
        ("Enterprise risk management", "Risicoanalyse met FMEA"),
        ("Enterprise risk management", "Risk analysis with FMEA"),
        (
            "Ik voerde één risicomatrix in voor kwaliteit, veiligheid, milieu en informatieveiligheid.",
            "Met FMEA-analyses brachten we de kritieke faalwijzen van onze kernprocessen in kaart.",
            "Ik begeleid jaarlijks de risicoworkshop van het directiecomité.",
        ),
        (
            "I introduced a single risk matrix for quality, safety, environment and information security.",
            "With FMEA we mapped the critical failure modes of our core processes.",
            "Every year I facilitate the risk workshop of the executive committee.",
        ),
    ),
    "process": Topic(
        "procesmanagement",
        "procesmanagement",
        "process management",
        ("procesmanagement", "kwaliteitszorg"),
        ("lean", "kpi", "digitalisering", "iso 9001"),
        ("Procesarchitectuur uittekenen", "Proceseigenaarschap invullen"),
        ("Designing a process architecture", "Making process ownership work"),
        (
            "Onze processen zijn beschreven per afdeling, waardoor de overdrachten tussen afdelingen vaak mislopen.",
            "We hebben proceseigenaars aangeduid, maar ze weten niet goed wat er van hen verwacht wordt.",
            "De procesbeschrijvingen in BPMN zijn te technisch voor de mensen die ermee moeten werken.",
        ),
        (
            "Our processes are described per department, so hand-overs between departments often go wrong.",
            "We have appointed process owners, but they do not really know what is expected of them.",
            "The BPMN process descriptions are too technical for the people who have to use them.",
        ),
        ("Procesmodellering en proceseigenaarschap", "End-to-end procesverbetering"),
        ("Process modelling and process ownership", "End-to-end process improvement"),
        (
            "Ik tekende een procesarchitectuur uit die ook als basis dient voor audits en opleidingen.",
            "Ik coachte een twintigtal proceseigenaars in het opvolgen van hun procesindicatoren.",
            "We hertekenden het order-to-cash-proces en haalden er vier overbodige goedkeuringen uit.",
        ),
        (
            "I designed a process architecture that also serves as the basis for audits and training.",
            "I coached about twenty process owners in tracking their process indicators.",
            "We redesigned the order-to-cash process and removed four unnecessary approvals.",
        ),
    ),
    "leadership": Topic(
        "leiderschap",
        "leiderschap en verandermanagement",
        "leadership and change management",
        ("leiderschap", "kwaliteitszorg"),
        ("efqm", "competentiebeheer", "welzijn op het werk", "lean"),
        ("Middenkader meekrijgen in verandering", "Verbetercultuur vanuit de top"),
        ("Getting middle managers on board", "An improvement culture led from the top"),
        (
            "Het middenkader voelt zich geprangd tussen de directie en de werkvloer en haakt af bij elk verbeterproject.",
            "Na een fusie botsen twee bedrijfsculturen en dalen de betrokkenheidsscores.",
            "Onze directie wil een verbetercultuur, maar geeft zelf weinig het goede voorbeeld.",
        ),
        (
            "Middle managers feel squeezed between management and the shop floor and drop out of every improvement project.",
            "After a merger two company cultures clash and engagement scores are falling.",
            "Our management wants an improvement culture but sets little example itself.",
        ),
        ("Coachend leiderschap", "Verandertrajecten begeleiden"),
        ("Coaching leadership", "Guiding change programmes"),
        (
            "Ik begeleidde de integratie van twee organisaties na een fusie, met aandacht voor cultuur.",
            "Ik ontwikkelde een leiderschapstraject voor veertig leidinggevenden rond coachend leidinggeven.",
            "We voerden gemba-walks in voor het directiecomité, die nu maandelijks plaatsvinden.",
        ),
        (
            "I guided the integration of two organisations after a merger, with attention to culture.",
            "I developed a leadership programme on coaching for forty supervisors.",
            "We introduced gemba walks for the executive committee, which now take place monthly.",
        ),
    ),
}

# Sentence frames; {sector}, {a_sector} (with article), {n}, {sites}, {job}, {noun}, {years}, {year} are filled in.
CHALLENGE_OPENINGS_NL: tuple[str, ...] = (
    "Wij zijn {a_sector} met ongeveer {n} medewerkers{sites}.",
    "Ik werk als {job} in {a_sector} met {n} medewerkers{sites}.",
    "Onze organisatie telt {n} medewerkers{sites} en is actief als {sector}.",
    "Bij ons ({sector}, {n} medewerkers) is dit al een tijdje een werkpunt.",
    "Als {job} in {a_sector} botsen we hier geregeld op.",
)
CHALLENGE_OPENINGS_EN: tuple[str, ...] = (
    "We are {a_sector} with about {n} employees{sites}.",
    "I work as {job} in {a_sector} with {n} staff{sites}.",
    "Our organisation has {n} employees{sites} and operates as {a_sector}.",
    "In our {sector} ({n} people) this has been on the agenda for a while.",
    "As {job} in {a_sector} I keep running into this.",
)
SITES_NL: tuple[str, ...] = (" verspreid over {k} sites", " op {k} vestigingen", " in {k} regio's")
SITES_EN: tuple[str, ...] = (" across {k} sites", " in {k} locations", " in {k} regions")
CHALLENGE_DETAILS_NL: tuple[str, ...] = (
    "We willen hier tegen {deadline} een oplossing voor hebben.",
    "Het budget is beperkt, dus we zoeken vooral pragmatische oplossingen.",
    "De directie staat achter het project, maar de tijd ontbreekt.",
    "Een externe consultant inschakelen is voorlopig geen optie.",
    "We hebben al een paar dingen geprobeerd, zonder blijvend resultaat.",
    "De volgende externe audit is gepland in {deadline}.",
)
CHALLENGE_DETAILS_EN: tuple[str, ...] = (
    "We would like a solution by {deadline}.",
    "The budget is limited, so we are mainly looking for pragmatic solutions.",
    "Management supports the project, but time is short.",
    "Hiring an external consultant is not an option for now.",
    "We have tried a few things already, without lasting results.",
    "The next external audit is planned for {deadline}.",
)
CHALLENGE_ASKS_NL: tuple[str, ...] = (
    "Wie heeft ervaring met {noun} en wil die delen?",
    "Graag in contact met een collega uit een andere sector die dit al aanpakte.",
    "Ik zoek iemand die {noun} al in de praktijk heeft gebracht.",
    "Een bedrijfsbezoek of een kort gesprek met een collega zou ons enorm helpen.",
    "Wie wil een uurtje sparren over {noun}?",
    "Tips, sjablonen of goede voorbeelden van andere organisaties zijn heel welkom.",
)
CHALLENGE_ASKS_EN: tuple[str, ...] = (
    "Who has experience with {noun} and is willing to share it?",
    "I would love to talk to a peer from another sector who has tackled this.",
    "I am looking for someone who has put {noun} into practice.",
    "A site visit or a short conversation with a peer would help us a lot.",
    "Who would like to spend an hour exchanging ideas on {noun}?",
    "Tips, templates or good examples from other organisations are very welcome.",
)
EXPERTISE_OPENINGS_NL: tuple[str, ...] = (
    "Ik ben al {years} jaar bezig met {noun}, momenteel in {a_sector}.",
    "Sinds {year} trek ik {noun} binnen onze organisatie.",
    "In mijn rol als {job} ben ik al {years} jaar verantwoordelijk voor {noun}.",
    "Ik heb {noun} opgezet en uitgebouwd in {a_sector} met {n} medewerkers.",
    "Al {years} jaar begeleid ik {noun}, eerst als consultant en nu intern.",
)
EXPERTISE_OPENINGS_EN: tuple[str, ...] = (
    "I have been working on {noun} for {years} years, currently in {a_sector}.",
    "Since {year} I have been leading {noun} in our organisation.",
    "As {job} I have been responsible for {noun} for {years} years.",
    "I set up and developed {noun} in {a_sector} with {n} employees.",
    "For {years} years I have been guiding {noun}, first as a consultant and now in-house.",
)
EXPERTISE_METHODS_NL: tuple[str, ...] = (
    "Daarbij werkte ik nauw samen met de mensen op de werkvloer.",
    "Ik gebruik daarvoor eenvoudige middelen: een whiteboard, een rekenblad en veel gesprekken.",
    "Het belangrijkste wat ik leerde: begin klein en maak snel resultaten zichtbaar.",
    "Betrokkenheid van de leidinggevenden bleek telkens de doorslaggevende factor.",
)
EXPERTISE_METHODS_EN: tuple[str, ...] = (
    "I worked closely with the people on the shop floor.",
    "I use simple means: a whiteboard, a spreadsheet and a lot of conversations.",
    "The main lesson I learnt: start small and make results visible quickly.",
    "Commitment of supervisors always turned out to be the deciding factor.",
)
EXPERTISE_OFFERS_NL: tuple[str, ...] = (
    "Ik deel graag mijn sjablonen en ervaringen.",
    "Wie wil sparren, mag me altijd contacteren.",
    "Een bezoek aan onze site is bespreekbaar.",
    "Ik vertel graag over de valkuilen die wij tegenkwamen.",
    "Collega's uit andere sectoren help ik graag op weg.",
)
EXPERTISE_OFFERS_EN: tuple[str, ...] = (
    "Happy to share my templates and experience.",
    "Anyone who wants to exchange ideas is welcome to contact me.",
    "A visit to our site can be arranged.",
    "I am glad to talk about the pitfalls we ran into.",
    "I like helping peers from other sectors get started.",
)
DEADLINES_NL: tuple[str, ...] = (
    "het einde van het jaar",
    "de zomer",
    "het voorjaar",
    "september",
    "de volgende audit",
)
DEADLINES_EN: tuple[str, ...] = (
    "the end of the year",
    "the summer",
    "spring",
    "September",
    "the next audit",
)

INTERACTION_NOTES: dict[str, tuple[str, ...]] = {
    "meeting": (
        "Kennismaking; interesse in lerend netwerk {label}",
        "Bedrijfsbezoek met rondleiding; gesprek over {label}",
        "Intakegesprek; verwachtingen rond {label} besproken",
        "Evaluatiegesprek lidmaatschap; tevreden over de matching",
        "Gesprek na inspiratiesessie; wil zelf getuigen over {label}",
    ),
    "appointment": (
        "Afspraak op locatie: voorbereiding workshop {label}",
        "Afspraak met directie over deelname lerend netwerk {label}",
        "Opvolgafspraak matching: contact gelegd met collega rond {label}",
        "Afspraak ter voorbereiding bedrijfsbezoek; thema {label}",
    ),
    "call": (
        "Telefonisch contact: zoekt sprekers over {label}",
        "Gebeld na no-show; komt volgende sessie wel",
        "Vraag over factuur lidmaatschap; doorgestuurd naar boekhouding",
        "Call over uitnodiging inspiratiesessie {label}",
        "Nieuwe functie binnen de organisatie; contactgegevens bijgewerkt",
    ),
}
PRIVACY_NOTES: tuple[str, ...] = (
    "Vraag over privacy-instellingen; opt-out deelnemerslijsten toegelicht",
    "Inzageverzoek persoonsgegevens besproken; export bezorgd",
    "Vraag of naam gedeeld wordt bij matching; werking opt-out uitgelegd",
    "Wil geen mailings meer ontvangen; voorkeur aangepast",
)


class EventSeed(NamedTuple):
    title: str
    description: str
    topic: str  # key of TOPICS
    format: str  # "venue", "visit" (at a member organisation) or "online"
    capacity: int
    members_only: bool
    start_hour: int
    start_minute: int
    duration_minutes: int
    audience: str = ""  # a sector whose members are invited, or "" for everyone


# Order matters: the first seven happen before `today`, the rest after it.
EVENTS: tuple[EventSeed, ...] = (
    EventSeed(
        "Lerend netwerk ISO 45001 — sessie 1",
        "Startsessie van het lerend netwerk: context, scope en de overstap van VCA naar ISO 45001. "
        "Elke deelnemer brengt een eigen knelpunt mee.",
        "iso45001", "venue", 16, True, 9, 0, 210,
    ),
    EventSeed(
        "Inspiratiesessie EFQM",
        "Twee organisaties vertellen hoe ze met het EFQM-model hun strategie en cultuur versterkten. "
        "Met netwerkreceptie.",
        "efqm", "venue", 60, False, 18, 0, 180,
    ),
    EventSeed(
        "Webinar: CSRD voor kmo's",
        "Wat betekent de CSRD voor kmo's die toeleverancier zijn van grote bedrijven? "
        "Praktische tips voor de dubbele materialiteitsanalyse.",
        "csrd", "online", 80, False, 12, 0, 60,
    ),
    EventSeed(
        "Lerend netwerk ISO 45001 — sessie 2",
        "Risicoanalyse en meldcultuur: deelnemers delen hun aanpak voor bijna-ongevallen.",
        "iso45001", "venue", 16, True, 9, 0, 210,
    ),
    EventSeed(
        "Bedrijfsbezoek: interne audits die werken",
        "Rondleiding en getuigenis over een kruisaudit-systeem waarbij afdelingen elkaar auditen.",
        "internal_audit", "visit", 25, True, 13, 30, 210,
    ),
    EventSeed(
        "Workshop klachtenbehandeling en 8D",
        "Hands-on workshop: van klacht naar grondoorzaak met de 8D-methode, aan de hand van echte cases.",
        "complaints", "venue", 24, True, 9, 30, 180,
    ),
    EventSeed(
        "Netwerkavond: 30 jaar Kring",
        "Jubileumeditie van de netwerkavond, met getuigenissen van leden van het eerste uur.",
        "leadership", "venue", 80, True, 18, 30, 150,
    ),
    EventSeed(
        "Lerend netwerk ISO 45001 — sessie 3",
        "Onderaannemers en veiligheid tijdens onderhoudsstops; met een getuigenis uit de chemie.",
        "iso45001", "venue", 16, True, 9, 0, 210,
    ),
    EventSeed(
        "Bedrijfsbezoek: lean in de voedingsindustrie",
        "Een voedingsbedrijf toont hoe dagelijkse stand-ups en 5S de productie veranderden. "
        "Veiligheidsschoenen verplicht; plaatsen beperkt.",
        "lean", "visit", 20, True, 13, 30, 180,
    ),
    EventSeed(
        "Webinar: datalekken melden in 30 minuten",
        "Een DPO legt uit wanneer een incident een datalek is en hoe je het correct meldt.",
        "gdpr", "online", 80, False, 12, 30, 30,
    ),
    EventSeed(
        "Intervisie kwaliteitscoördinatoren in de zorg",
        "Kleine intervisiegroep rond klachtenbehandeling, patiëntveiligheid en accreditatie.",
        "complaints", "venue", 12, True, 14, 0, 150, "healthcare",
    ),
    EventSeed(
        "Lerend netwerk ISO 45001 — sessie 4",
        "Slotsessie: interne audit van het veiligheidsmanagementsysteem en evaluatie van het netwerk.",
        "iso45001", "venue", 16, True, 9, 0, 210,
    ),
)  # fmt: skip
PAST_EVENT_COUNT = 7

VENUES: tuple[tuple[str, str], ...] = (
    ("Zaal Het Pakhuis", "Vaartstraat 14, 3000 Leuven"),
    ("Vergadercentrum De Schelde", "Scheldekaai 7, 2000 Antwerpen"),
    ("Ontmoetingscentrum De Kring", "Kortrijksesteenweg 1083, 9051 Gent"),
    ("Hof ter Leie", "Leiekaai 22, 8500 Kortrijk"),
    ("Congrescentrum Kempen", "Grote Markt 45, 2300 Turnhout"),
    ("Oude Brouwerij Mechelen", "Brouwerijstraat 3, 2800 Mechelen"),
)
