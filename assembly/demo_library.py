"""The demo network's library: guides, templates, articles and the slides of past events, in
Dutch and English, so that search, the filters and "for you" have something to find. One set of
slides is contributed by a demo member (named on the item unless they opted out of sharing)."""

from __future__ import annotations

from assembly.demo_data import DemoNetwork
from kring.choices import Role
from kring.principal import Principal
from library.items import create_item

# kind, language, title, summary, body, tags
ITEMS: tuple[tuple[str, str, str, str, str, tuple[str, ...]], ...] = (
    (
        "guide",
        "nl",
        "Interne audits plannen volgens ISO 9001",
        "Een stappenplan voor een auditprogramma dat elk proces binnen drie jaar bekijkt.",
        "## Stappen\n\n1. Breng je processen en hun risico's in kaart.\n2. Plan audits per risico: "
        "hoog risico jaarlijks, laag risico om de drie jaar.\n3. Kies auditoren buiten het "
        "geauditeerde proces.\n4. Volg bevindingen op tot ze gesloten zijn.",
        ("ISO 9001", "interne audit"),
    ),
    (
        "template",
        "nl",
        "Sjabloon: auditrapport",
        "Een rapportsjabloon met bevindingen, bewijs, ernst en afgesproken acties.",
        "Gebruik één rij per bevinding. Noteer altijd het bewijs en de procesverantwoordelijke.",
        ("interne audit", "rapportering"),
    ),
    (
        "article",
        "nl",
        "Klachtenbehandeling die klanten terugwint",
        "Waarom snelle erkenning van een klacht meer oplevert dan een snelle oplossing.",
        "Klanten die binnen een dag horen dat hun klacht ernstig genomen wordt, blijven vaker "
        "klant, ook als de oplossing langer duurt. Meet de tijd tot erkenning apart.",
        ("klachtenbehandeling", "klanttevredenheid"),
    ),
    (
        "guide",
        "nl",
        "Risicoanalyse met een FMEA in vijf bijeenkomsten",
        "Hoe een team een procesrisicoanalyse afrondt zonder dat ze blijft liggen.",
        "Beperk elke bijeenkomst tot twee uur en één processtap. Scoor ernst, kans en detectie "
        "samen, niet vooraf per persoon.",
        ("risicoanalyse", "FMEA"),
    ),
    (
        "slides",
        "nl",
        "Slides: Lean in de zorg — wat werkte en wat niet",
        "De presentatie van de netwerkavond over lean in ziekenhuizen en woonzorgcentra.",
        "Drie ziekenhuizen vertellen over dagstarts, visueel management en de valkuil van "
        "verbeterborden die niemand leest.",
        ("lean", "zorg"),
    ),
    (
        "guide",
        "nl",
        "Leveranciersbeoordeling: een eenvoudige scorekaart",
        "Kwaliteit, levertrouw en samenwerking op één pagina, twee keer per jaar.",
        "Begin met je tien belangrijkste leveranciers. Bespreek de scorekaart met hen: het "
        "gesprek levert meer op dan het cijfer.",
        ("leveranciersbeoordeling", "aankoop"),
    ),
    (
        "article",
        "nl",
        "Documentbeheer zonder papierberg",
        "Hoe een kmo haar procedures terugbracht van 140 naar 35 documenten.",
        "Schrap wat niemand gebruikt, voeg samen wat overlapt en laat elke procedure een "
        "eigenaar hebben die ze jaarlijks herleest.",
        ("documentbeheer", "ISO 9001"),
    ),
    (
        "template",
        "nl",
        "Sjabloon: directiebeoordeling",
        "De agenda en de verplichte inputs van een directiebeoordeling, klaar om in te vullen.",
        "Inputs: auditresultaten, klantfeedback, procesprestaties, acties van de vorige "
        "beoordeling, risico's en kansen.",
        ("directiebeoordeling", "ISO 9001"),
    ),
    (
        "link",
        "nl",
        "Overzicht van de ISO 45001-normeisen",
        "Een leesbare samenvatting van de norm voor veiligheid en gezondheid op het werk.",
        "",
        ("ISO 45001", "veiligheid"),
    ),
    (
        "article",
        "nl",
        "Kwaliteitscultuur begint bij de werkvloer",
        "Vijf gewoonten van teams die verbeteren zonder dat iemand het vraagt.",
        "Korte overlegmomenten, zichtbare cijfers, fouten melden zonder schuldvraag, successen "
        "vieren en leidinggevenden die vragen stellen in plaats van antwoorden geven.",
        ("kwaliteitscultuur", "continu verbeteren"),
    ),
    (
        "guide",
        "nl",
        "Procesindicatoren kiezen die iets zeggen",
        "Van twintig cijfers naar vijf die je echt bespreekt.",
        "Kies per proces één resultaatindicator en één of twee stuurindicatoren. Zet ze op één "
        "pagina en bespreek ze maandelijks.",
        ("KPI", "procesmanagement"),
    ),
    (
        "slides",
        "nl",
        "Slides: CSRD-rapportering voor kwaliteitsmensen",
        "De workshop over duurzaamheidsrapportering en wat kwaliteitsafdelingen erin doen.",
        "Dubbele materialiteit, datakwaliteit en de rol van interne controle uitgelegd met "
        "voorbeelden uit de voedingsindustrie.",
        ("CSRD", "duurzaamheid"),
    ),
    (
        "guide",
        "en",
        "Running a root cause analysis that finds the root",
        "Five whys, fishbone diagrams and when to stop asking.",
        "Stop when the cause is something you can change and that would have prevented the "
        "problem. Check it with data before you act.",
        ("root cause analysis", "problem solving"),
    ),
    (
        "article",
        "en",
        "Customer satisfaction surveys people actually answer",
        "Short surveys at the right moment beat the yearly questionnaire.",
        "Ask one question right after the service, and one open question. Close the loop: tell "
        "customers what changed because of their answers.",
        ("customer satisfaction", "surveys"),
    ),
    (
        "template",
        "en",
        "Template: corrective action plan (8D)",
        "The eight disciplines on two pages, with examples for each step.",
        "D1 team, D2 problem, D3 containment, D4 root cause, D5 corrective actions, D6 "
        "implementation, D7 prevention, D8 recognition.",
        ("8D", "corrective action"),
    ),
    (
        "slides",
        "en",
        "Slides: Statistical process control on the shop floor",
        "The talk on control charts operators read themselves.",
        "Start with one chart per line, in the operators' own words, and act on rules they "
        "helped choose.",
        ("SPC", "statistics"),
    ),
    (
        "guide",
        "en",
        "Preparing for an ISO 14001 certification audit",
        "What auditors ask first and the records they want to see.",
        "Environmental aspects, legal register, objectives, emergency preparedness and the "
        "evidence that management reviews all of them.",
        ("ISO 14001", "environment"),
    ),
    (
        "article",
        "en",
        "Lean administration: less waiting, fewer hand-offs",
        "Office processes have more waste than production lines; here is how to see it.",
        "Map one request from arrival to answer. Count the hand-offs and the days it waits. "
        "Most of the lead time is waiting.",
        ("lean", "administration"),
    ),
)
CONTRIBUTED = 4
"""The slides of the lean evening (`ITEMS[4]`) are the first demo member's talk."""


async def load_library(network: DemoNetwork, member_ids: list[int], account_ids: list[int]) -> int:
    organiser = next(i for i, a in enumerate(network.accounts) if a.role == Role.organiser)
    viewer = Principal(
        account_id=account_ids[organiser],
        role=Role.organiser,
        member_id=None,
        email=network.accounts[organiser].email,
        display_name="demo",
        via="session",
    )
    speaker = next(
        demo.member
        for demo in network.accounts
        if demo.role == Role.member and demo.member is not None
    )
    for index, (kind, language, title, summary, body, tags) in enumerate(ITEMS):
        draft = {
            "kind": kind,
            "language": language,
            "title": title,
            "summary": summary,
            "body": body,
            "tags": list(tags),
            "link": "https://www.iso.org/iso-45001-occupational-health-and-safety.html"
            if kind == "link"
            else "",
        }
        contributor = member_ids[speaker] if index == CONTRIBUTED else None
        await create_item(viewer, draft, contributor=contributor)
    return len(ITEMS)
