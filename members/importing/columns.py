"""Which column of a CRM export holds which member field: detected from headers or given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from kring.messages import N_, FieldName
from kring.validation import FieldError, briefly

FIELDS = (
    "name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "job_title",
    "company",
    "enterprise_number",
    "address",
    "website",
    "met_via",
    "notes",
)

# Normalised header (lower case, no accents, letters and digits only) → field.
ALIASES: dict[str, str] = {
    "naam": "name",
    "name": "name",
    "volledigenaam": "name",
    "fullname": "name",
    "contact": "name",
    "contactpersoon": "name",
    "nomcomplet": "name",
    "voornaam": "first_name",
    "firstname": "first_name",
    "givenname": "first_name",
    "prenom": "first_name",
    "achternaam": "last_name",
    "familienaam": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "nom": "last_name",
    "email": "email",
    "emailadres": "email",
    "mail": "email",
    "emailaddress": "email",
    "courriel": "email",
    "adressemail": "email",
    "adresseemail": "email",
    "tel": "phone",
    "telefoon": "phone",
    "telefoonnummer": "phone",
    "gsm": "phone",
    "mobiel": "phone",
    "phone": "phone",
    "mobile": "phone",
    "telephone": "phone",
    "portable": "phone",
    "telephoneportable": "phone",
    "functie": "job_title",
    "jobtitle": "job_title",
    "job": "job_title",
    "title": "job_title",
    "fonction": "job_title",
    "bedrijf": "company",
    "organisatie": "company",
    "firma": "company",
    "company": "company",
    "organisation": "company",
    "organization": "company",
    "werkgever": "company",
    "societe": "company",
    "entreprise": "company",
    "ondernemingsnummer": "enterprise_number",
    "ondernemingsnr": "enterprise_number",
    "kbo": "enterprise_number",
    "kbonummer": "enterprise_number",
    "btw": "enterprise_number",
    "btwnummer": "enterprise_number",
    "btwnr": "enterprise_number",
    "vat": "enterprise_number",
    "vatnumber": "enterprise_number",
    "enterprisenumber": "enterprise_number",
    "numerodentreprise": "enterprise_number",
    "numeroentreprise": "enterprise_number",
    "tva": "enterprise_number",
    "numerotva": "enterprise_number",
    "adres": "address",
    "address": "address",
    "adresse": "address",
    "website": "website",
    "web": "website",
    "url": "website",
    "site": "website",
    "siteweb": "website",
    "siteinternet": "website",
    "hoeleerdenwekennen": "met_via",
    "hoeleerdenwemekennen": "met_via",
    "leerdenwekennenvia": "met_via",
    "kennismaking": "met_via",
    "bron": "met_via",
    "howwemet": "met_via",
    "metvia": "met_via",
    "source": "met_via",
    "opmerkingen": "notes",
    "opmerking": "notes",
    "notities": "notes",
    "nota": "notes",
    "notes": "notes",
    "remarks": "notes",
    "comments": "notes",
    "remarques": "notes",
}


def header_key(header: str) -> str:
    """`E-mail`, `e_mail ` and `Hoe leerden we (je) kennen?` become comparable keys."""
    folded = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode()
    folded = re.sub(r"\(.*?\)", "", folded.lower())
    return re.sub(r"[^a-z0-9]", "", folded)


def detect_mapping(headers: Sequence[str]) -> dict[str, str]:
    """Column → field for every header recognised; the first column wins a field."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    for header in headers:
        field = ALIASES.get(header_key(header))
        if field and field not in taken:
            mapping[header] = field
            taken.add(field)
    return mapping


def parse_mapping(pairs: Iterable[str], headers: Sequence[str]) -> dict[str, str]:
    """`column=field` pairs (CLI `--map`), checked; `column=` (kept as '') ignores a column."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, field = pair.partition("=")
        if not sep:
            raise FieldError(
                "map", N_("%(value)r: write column=field, e.g. 'GSM=phone'"), value=briefly(pair)
            )
        mapping[column.strip()] = field.strip()
    check_mapping(mapping, headers)
    return mapping


def check_mapping(mapping: dict[str, str], headers: Sequence[str]) -> dict[str, str]:
    """Every column must exist, every field be known, no field taken twice; '' means ignore."""
    seen: dict[str, str] = {}
    for column, field in mapping.items():
        if column not in headers:
            known = ", ".join(headers)
            raise FieldError(
                "map",
                N_("the file has no column %(column)r (columns: %(known)s)"),
                column=column,
                known=known,
            )
        if field and field not in FIELDS:
            raise FieldError(
                "map",
                N_("%(value)r is not a field; use one of %(choices)s"),
                value=briefly(field),
                choices=", ".join(FIELDS),
            )
        if field and field in seen:
            raise FieldError(
                "map",
                N_("columns %(first)r and %(second)r both map to %(field)s"),
                first=seen[field],
                second=column,
                field=FieldName(field),
            )
        if field:
            seen[field] = column
    return {column: field for column, field in mapping.items() if field}


def merge_mapping(detected: dict[str, str], explicit: dict[str, str]) -> dict[str, str]:
    """Explicit choices win (`''` ignores a column); a detected column whose field was given
    elsewhere is dropped."""
    fields = set(explicit.values())
    kept = {c: f for c, f in detected.items() if c not in explicit and f not in fields}
    return kept | {c: f for c, f in explicit.items() if f}
