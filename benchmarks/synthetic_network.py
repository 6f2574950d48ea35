"""Deterministic synthetic Kring network: members with Dutch/English expertise records.

Each member has a main topic, two or three specialities and a sector; every record is
written from templates with synonym variation in the member's usual language (sometimes the
other one), and tagged with free-form spellings ('ISO9001', 'iso 9001', 'kwaliteitszorg').
Used by the quality benchmark (held-out records become challenges) and the scale benchmark.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from matching.records import Challenge, ExpertiseRecord


@dataclass(frozen=True)
class Speciality:
    topic: str
    nl: tuple[str, ...]
    en: tuple[str, ...]
    tags: tuple[str, ...]


def _s(topic: str, nl: str, en: str, tags: str) -> Speciality:
    return Speciality(topic, tuple(nl.split("|")), tuple(en.split("|")), tuple(tags.split("|")))


SPECIALITIES: tuple[Speciality, ...] = (
    _s(
        "iso9001",
        (
            "ISO 9001 certificering|certificatie volgens ISO"
            " 9001|het ISO 9001-traject|hercertificering ISO 9001"
        ),
        "ISO 9001 certification|ISO 9001 certification projects|recertification against ISO 9001",
        "ISO 9001|ISO9001|iso-9001|NBN EN ISO 9001",
    ),
    _s(
        "iso9001",
        "interne audits|auditprogramma's opzetten|interne auditoren opleiden|audits uitvoeren",
        "internal audits|audit programmes|training internal auditors|conducting audits",
        "interne audit|internal audit|auditing|audit",
    ),
    _s(
        "iso9001",
        (
            "documentbeheer|procedures en werkinstructies"
            "|beheersing van documenten|het kwaliteitshandboek"
        ),
        "document control|procedures and work instructions|the quality manual|controlled documents",
        "documentbeheer|document control|documentbeheersing",
    ),
    _s(
        "iso9001",
        (
            "een kwaliteitsmanagementsysteem uitbouwen"
            "|kwaliteitszorg|het kwaliteitssysteem onderhouden|kwaliteitsbeleid"
        ),
        "building a quality management system|quality assurance|maintaining the QMS|quality policy",
        "kwaliteitszorg|kwaliteitsbeheer|QMS|quality management",
    ),
    _s(
        "env",
        (
            "ISO 14001 milieuzorgsysteem|milieumanagement"
            "|milieuvergunningen en milieuaspecten|milieu-impact beperken"
        ),
        (
            "ISO 14001 environmental management|environmental aspects"
            " and permits|reducing environmental impact|EMS implementation"
        ),
        "ISO 14001|ISO14001|milieuzorg|environmental management",
    ),
    _s(
        "env",
        (
            "duurzaamheidsrapportering|CSRD-rapportering"
            "|CO2-voetafdruk berekenen|maatschappelijk verantwoord ondernemen"
        ),
        (
            "sustainability reporting|CSRD reporting|carbon"
            " footprint calculation|corporate social responsibility"
        ),
        "duurzaamheid|sustainability|MVO|ESG|CSRD",
    ),
    _s(
        "safety",
        (
            "ISO 45001 veiligheidsmanagement|welzijn op het"
            " werk|het veiligheidsbeleid|OHSAS 18001 naar ISO 45001"
        ),
        (
            "ISO 45001 occupational health and safety|OH&S management"
            "|safety management systems|migrating OHSAS 18001 to ISO 45001"
        ),
        "ISO 45001|ISO45001|veiligheidsmanagement|OHSAS 18001",
    ),
    _s(
        "safety",
        (
            "veiligheidscultuur|gedragsgerichte veiligheid"
            "|ongevallen onderzoeken|arbeidsongevallen terugdringen"
        ),
        "safety culture|behaviour based safety|accident investigation|reducing workplace accidents",
        "veiligheid|safety|arbeidsveiligheid|preventie",
    ),
    _s(
        "safety",
        "risicoanalyse van werkposten|risico-inventarisatie|HAZOP-studies|machineveiligheid",
        "workplace risk assessment|hazard identification|HAZOP studies|machine safety",
        "risicoanalyse|risk assessment|risicobeheer|HAZOP",
    ),
    _s(
        "lean",
        "lean management|verspilling elimineren|lean denken in de organisatie|waardestroomanalyse",
        "lean management|eliminating waste|lean thinking|value stream mapping",
        "lean|Lean management|lean denken|VSM",
    ),
    _s(
        "lean",
        "six sigma projecten|statistische procesbeheersing|green belt projecten|variatie reduceren",
        "six sigma projects|statistical process control|green belt projects|reducing variation",
        "six sigma|Lean Six Sigma|green belt|SPC",
    ),
    _s(
        "lean",
        "continu verbeteren|kaizen-workshops|PDCA-cycli|verbeterteams begeleiden",
        "continuous improvement|kaizen events|PDCA cycles|coaching improvement teams",
        "continu verbeteren|kaizen|PDCA|continuous improvement",
    ),
    _s(
        "lean",
        "5S op de werkvloer|visueel management|dagstarts en teamborden|standaard werk",
        "5S on the shop floor|visual management|daily stand-ups and team boards|standard work",
        "5S|visueel management|visual management",
    ),
    _s(
        "efqm",
        "het EFQM-model|zelfevaluatie volgens EFQM|organisatie-excellentie|EFQM-erkenning",
        "the EFQM model|EFQM self-assessment|organisational excellence|EFQM recognition",
        "EFQM|excellence model|business excellence",
    ),
    _s(
        "efqm",
        (
            "strategische KPI's|balanced scorecard"
            "|prestatie-indicatoren en dashboards|beleidsplanning met doelstellingen"
        ),
        (
            "strategic KPIs|balanced scorecard|performance"
            " indicators and dashboards|policy deployment with objectives"
        ),
        "KPI|KPIs|dashboard|balanced scorecard",
    ),
    _s(
        "hr",
        "competentiemanagement|opleidingsplannen|talentontwikkeling|functiebeschrijvingen",
        "competence management|training plans|talent development|job descriptions",
        "competentiemanagement|HR|opleiding|talent management",
    ),
    _s(
        "hr",
        (
            "personeelsbeleid|welzijn en"
            " burn-outpreventie|medewerkersbetrokkenheid meten|verzuimbeleid"
        ),
        (
            "people management|wellbeing and burnout"
            " prevention|measuring employee engagement|absence policy"
        ),
        "HR|HRM|personeelsbeleid|welzijn",
    ),
    _s(
        "hr",
        (
            "verandermanagement|weerstand tegen verandering"
            "|veranderingstrajecten begeleiden|leiderschapsontwikkeling"
        ),
        "change management|resistance to change|guiding change programmes|leadership development",
        "verandermanagement|change management|leiderschap",
    ),
    _s(
        "digital",
        (
            "digitalisering van processen|digitale"
            " transformatie|procesautomatisering met RPA|een nieuw ERP-systeem"
        ),
        (
            "process digitalisation|digital transformation"
            "|process automation with RPA|an ERP implementation"
        ),
        "digitalisering|digital transformation|ERP|RPA",
    ),
    _s(
        "digital",
        "data-analyse en dashboards|Power BI-rapportering|datakwaliteit|datagedreven beslissen",
        "data analytics and dashboards|Power BI reporting|data quality|data driven decision making",
        "data|Power BI|datakwaliteit|data quality",
    ),
    _s(
        "digital",
        "ISO 27001 informatiebeveiliging|cyberveiligheid|NIS2-compliance|beveiligingsbeleid",
        "ISO 27001 information security|cybersecurity|NIS2 compliance|security policies",
        "ISO 27001|ISO27001|informatiebeveiliging|NIS2",
    ),
    _s(
        "gdpr",
        "GDPR-conformiteit|de AVG in de praktijk|verwerkingsregister en DPIA|privacybeleid",
        "GDPR compliance|applying the GDPR|records of processing and DPIAs|privacy policies",
        "GDPR|AVG|privacy|gegevensbescherming",
    ),
    _s(
        "supply",
        "leveranciersevaluatie|leveranciersbeheer|leveranciersaudits|aankoopbeleid",
        "supplier evaluation|supplier management|supplier audits|procurement policy",
        "leveranciersbeheer|supplier management|leveranciersevaluatie|inkoop",
    ),
    _s(
        "supply",
        "supply chain optimalisatie|voorraadbeheer|logistieke processen|S&OP-planning",
        "supply chain optimisation|inventory management|logistics processes|S&OP planning",
        "supply chain|SCM|logistiek|voorraadbeheer",
    ),
    _s(
        "health",
        "kwaliteit in de zorg|patiëntveiligheid|JCI-accreditatie|zorgprocessen verbeteren",
        "healthcare quality|patient safety|JCI accreditation|improving care pathways",
        "zorgkwaliteit|patiëntveiligheid|JCI|patient safety",
    ),
    _s(
        "health",
        "ISO 13485 voor medische hulpmiddelen|MDR-regelgeving|validatie van processen|CAPA-beheer",
        "ISO 13485 for medical devices|MDR regulation|process validation|CAPA management",
        "ISO 13485|ISO13485|MDR|CAPA",
    ),
    _s(
        "food",
        "voedselveiligheid en HACCP|BRC en IFS audits|FSSC 22000|allergenenbeheer",
        "food safety and HACCP|BRC and IFS audits|FSSC 22000|allergen management",
        "HACCP|voedselveiligheid|food safety|FSSC 22000",
    ),
    _s(
        "customer",
        "klanttevredenheid meten|klachtenbehandeling|klantgerichtheid|klantenbevragingen",
        "measuring customer satisfaction|complaint handling|customer focus|customer surveys",
        "klanttevredenheid|customer satisfaction|klachtenbeheer|NPS",
    ),
    _s(
        "risk",
        "risicomanagement|risicogebaseerd denken|bedrijfscontinuïteit|crisisbeheer",
        "risk management|risk based thinking|business continuity|crisis management",
        "risicomanagement|risk management|bedrijfscontinuïteit|BCM",
    ),
    _s(
        "process",
        "procesmanagement|processen in kaart brengen|BPMN-procesmodellen|proceseigenaarschap",
        "process management|process mapping|BPMN process models|process ownership",
        "procesmanagement|process management|BPM|BPMN",
    ),
    _s(
        "process",
        (
            "oorzakenanalyse|root cause analysis met 5"
            " waaroms|visgraatdiagrammen|probleemoplossing in teams"
        ),
        "root cause analysis|5 whys analysis|fishbone diagrams|team problem solving",
        "RCA|oorzakenanalyse|root cause analysis|8D",
    ),
    _s(
        "project",
        "projectmanagement|PRINCE2-projecten|projectportfolio|agile werken",
        "project management|PRINCE2 projects|project portfolio|agile ways of working",
        "projectmanagement|PRINCE2|agile|project management",
    ),
)

SECTORS = (
    ("de zorgsector", "healthcare"),
    ("de bouw", "construction"),
    ("de voedingsindustrie", "the food industry"),
    ("de chemie", "the chemical industry"),
    ("de overheid", "the public sector"),
    ("de logistiek", "logistics"),
    ("de metaalsector", "metalworking"),
    ("IT-bedrijven", "IT companies"),
    ("kmo's", "SMEs"),
    ("het onderwijs", "education"),
)

OPENINGS = {
    "nl": (
        "Ik heb ruime ervaring met {a}",
        "Mijn expertise ligt in {a}",
        "Al jaren begeleid ik organisaties bij {a}",
        "Als consultant werk ik rond {a}",
        "Specialist in {a}",
        "Ik help bedrijven met {a}",
        "Gepassioneerd door {a}",
    ),
    "en": (
        "I have broad experience with {a}",
        "My expertise is {a}",
        "For years I have supported organisations with {a}",
        "As a consultant I work on {a}",
        "Specialist in {a}",
        "I help companies with {a}",
        "Passionate about {a}",
    ),
}
LINKS = {
    "nl": (
        " en {b}",
        ", gecombineerd met {b}",
        " en daarnaast {b}",
        ", vooral in combinatie met {b}",
    ),
    "en": (" and {b}", ", combined with {b}", " as well as {b}", ", especially together with {b}"),
}
CONTEXT = {
    "nl": (" in {s}.", " binnen {s}.", ", vooral in {s}.", " voor klanten in {s}."),
    "en": (" in {s}.", " within {s}.", ", mostly in {s}.", " for clients in {s}."),
}
FILLERS = {
    "nl": (
        "Pragmatisch en resultaatgericht.",
        "Ik deel graag praktijkervaring.",
        "Certificeringen behaald bij verschillende klanten.",
        "Ook trainer en coach.",
        "Sterk in begeleiden van teams.",
        "",
    ),
    "en": (
        "Pragmatic and results driven.",
        "Happy to share practical lessons.",
        "Several successful certifications with clients.",
        "Also trainer and coach.",
        "Strong at guiding teams.",
        "",
    ),
}
CHALLENGE_OPENINGS = {
    "nl": (
        "Wij zoeken iemand met ervaring in {a}",
        "Wie kan ons helpen met {a}",
        "Graag advies over {a}",
        "We lopen vast bij {a}",
    ),
    "en": (
        "We are looking for someone experienced in {a}",
        "Who can help us with {a}",
        "Looking for advice on {a}",
        "We are stuck with {a}",
    ),
}


@dataclass(frozen=True)
class SyntheticMember:
    member_id: str
    specialities: tuple[int, ...]
    sector: int
    language: str


@dataclass(frozen=True)
class Network:
    members: list[SyntheticMember]
    records: list[ExpertiseRecord]
    record_specialities: dict[str, tuple[int, ...]]


def _record(
    rng: random.Random, member: SyntheticMember, idx: int, challenge: bool = False
) -> tuple[ExpertiseRecord, tuple[int, ...]]:
    lang = member.language if rng.random() < 0.8 else ("en" if member.language == "nl" else "nl")
    chosen = tuple(
        rng.sample(member.specialities, k=min(len(member.specialities), rng.choice((1, 2))))
    )
    phrases = [rng.choice(getattr(SPECIALITIES[s], lang)) for s in chosen]
    openings = CHALLENGE_OPENINGS if challenge else OPENINGS
    text = rng.choice(openings[lang]).format(a=phrases[0])
    if len(phrases) > 1:
        text += rng.choice(LINKS[lang]).format(b=phrases[1])
    sector = SECTORS[member.sector][0 if lang == "nl" else 1]
    text += rng.choice(CONTEXT[lang]).format(s=sector)
    if challenge:
        text = text.rstrip(".") + "?"
    else:
        text += " " + rng.choice(FILLERS[lang])
    tags = {rng.choice(SPECIALITIES[s].tags) for s in chosen for _ in range(rng.choice((1, 2)))}
    record = ExpertiseRecord(
        f"{member.member_id}-r{idx}", member.member_id, text.strip(), tuple(sorted(tags)), lang
    )
    return record, chosen


def generate(
    n_members: int, seed: int = 7, records_per_member: tuple[int, int] = (1, 3)
) -> Network:
    """A network of ``n_members``; the same seed always gives the same network."""
    rng = random.Random(seed)
    by_topic: dict[str, list[int]] = {}
    for i, spec in enumerate(SPECIALITIES):
        by_topic.setdefault(spec.topic, []).append(i)
    topics = sorted(by_topic)
    members: list[SyntheticMember] = []
    records: list[ExpertiseRecord] = []
    record_specs: dict[str, tuple[int, ...]] = {}
    for m in range(n_members):
        topic = rng.choice(topics)
        specs = set(rng.sample(by_topic[topic], k=min(2, len(by_topic[topic]))))
        if rng.random() < 0.6:
            specs.add(rng.randrange(len(SPECIALITIES)))
        member = SyntheticMember(
            f"m{m:06d}",
            tuple(sorted(specs)),
            rng.randrange(len(SECTORS)),
            "nl" if rng.random() < 0.65 else "en",
        )
        members.append(member)
        for r in range(rng.randint(*records_per_member)):
            record, chosen = _record(rng, member, r)
            records.append(record)
            record_specs[record.record_id] = chosen
    return Network(members, records, record_specs)


def challenge_for(
    member: SyntheticMember, seed: int, idx: int = 0
) -> tuple[ExpertiseRecord, tuple[int, ...]]:
    """A question-style text about the member's own specialities (held out from the index)."""
    rng = random.Random(f"{seed}-{member.member_id}-{idx}")
    return _record(rng, member, 900 + idx, challenge=True)


def open_challenge(member: SyntheticMember, seed: int) -> Challenge:
    """The member's own open challenge: ``challenge_for``'s text, tags and language."""
    record, _ = challenge_for(member, seed)
    return Challenge(
        f"c{member.member_id}", member.member_id, record.text, record.tags, True, record.language
    )
