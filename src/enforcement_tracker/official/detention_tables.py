"""The tables of ICE's detentionStats workbook: how each is recognised, and its stable slug.

This is the one place the slugs are documented. A table is found by its title (the wording
shifts between editions, so titles are matched by pattern, never by cell address) and read by
its header. Dimension columns of `detention_stats`:

| slug | what a value is | dimensions |
| --- | --- | --- |
| currently_detained_by_disposition_facility_type | people detained on the data date | breakdown (processing disposition), facility_type |
| fear_decision_to_release_days | average days from a USCIS fear decision to ICE release | breakdown (release fiscal year), facility_type |
| fear_decision_detained_by_facility_type | people with a USCIS fear decision detained | facility_type |
| currently_detained_by_criminality_agency | people detained on the data date | criminality, agency |
| book_ins_by_agency_month | initial book-ins into ICE detention (not arrests) | agency, month |
| book_ins_by_facility_type_criminality | initial book-ins, fiscal year so far | facility_type, criminality |
| book_outs_by_facility_type | final book-outs, fiscal year so far | facility_type |
| removals | removals, fiscal year so far | breakdown (total, with_famu_identifier) |
| book_outs_by_reason_month_criminality | final book-outs | release_reason, criminality, month |
| adp_by_agency_month_criminality | average daily population | agency, criminality, month |
| alos_by_agency_month_criminality | average length of stay, days | agency, criminality, month |
| adp_by_facility_type_month | average daily population | facility_type, month |
| alos_by_facility_type_month | average length of stay, days | facility_type, month |
| alos_adult_by_agency_month | average length of stay in adult facilities, days | agency, month |
| credible_fear_parole_requested | people with positive fear findings, parole requested | month (fiscal_year is the row's) |
| credible_fear_parole_status | the same, by parole status | breakdown (parole_granted, parole_denied), month |
| stateless_detained_by_facility | stateless people detained | breakdown (facility name) |

A titled table matching none of these is imported under a slug made from its title, and the
import notes it, so a new table in a later edition is kept rather than lost.
"""

from __future__ import annotations

import re

# (slug, pattern over the lower-cased title). Order matters: the first match wins.
TABLE_TITLES: list[tuple[str, str]] = [
    ("currently_detained_by_disposition_facility_type", r"currently detained by processing disposition"),
    ("fear_decision_to_release_days", r"average time from uscis fear decision"),
    ("fear_decision_detained_by_facility_type", r"fear decisions? in an ice detention facility"),
    ("currently_detained_by_criminality_agency", r"currently detained by criminality"),
    ("book_ins_by_agency_month", r"book[- ]?ins? by (arresting )?agency and month"),
    ("book_ins_by_facility_type_criminality", r"book[- ]?ins? by facility type and criminality"),
    ("book_outs_by_reason_month_criminality", r"book[- ]?outs? by release reason"),
    ("book_outs_by_facility_type", r"book[- ]?outs? by facility type"),
    ("removals", r"^(ice )?removals\b"),
    ("adp_by_agency_month_criminality", r"average daily population by (arresting )?agency"),
    ("alos_by_agency_month_criminality", r"average length of stay by (arresting )?agency"),
    ("adp_by_facility_type_month", r"average daily population by facility type"),
    ("alos_by_facility_type_month", r"average length of stay by facility type"),
    ("alos_adult_by_agency_month", r"average length of stay adult facility type"),
    ("credible_fear_parole_requested", r"credible fear .*parole requested"),
    ("credible_fear_parole_status", r"credible fear .*parole status"),
    ("stateless_detained_by_facility", r"stateless"),
]

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

# Header words that name the row-label column(s), and the dimension each fills.
LABEL_HEADERS = {
    "criminality": "criminality",
    "agency": "agency",
    "arresting agency": "agency",
    "facility type": "facility_type",
    "detention facility type": "facility_type",
    "release reason": "release_reason",
    "processing disposition": "breakdown",
    "ice release fiscal year": "breakdown",
    "removals": "breakdown",
    "fiscal year": "fiscal_year",
    "parole status": "breakdown",
    "detention facility": "breakdown",
    "detention facility code": "skip",
}

_FULL_MONTHS = {name: name[:3] for name in (
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "sept")}

AGENCY_WORDS = {"ice": "ICE", "ice average": "ICE", "cbp": "CBP", "cbp average": "CBP", "average": "total"}
FACILITY_WORDS = {"fsc": "fsc", "adult": "adult"}
TOTAL_WORDS = {"total", "fy overall", "total detained", "overall"}


def table_slug(title: str) -> tuple[str, bool]:
    """(slug, known) for a table title; unknown titles get a slug made from their words."""
    text = clean(title).lower()
    for slug, pattern in TABLE_TITLES:
        if re.search(pattern, text):
            return slug, True
    text = re.sub(r":?\s*fy\s?\d{2,4}(\s*-\s*fy\s?\d{2,4})?\s*$", "", text)
    text = re.sub(r"^(ice|u\.s\.)\s+", "", text)
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")[:60], False


def clean(value: object) -> str:
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip()


def slugify(value: object) -> str:
    return re.sub(r"[^a-z0-9]+", "_", clean(value).lower()).strip("_")


def month_of(header: str, fiscal_year: int) -> str | None:
    """"Oct" in FY2025 is 2024-10; "Jan" is 2025-01."""
    text = clean(header).lower().rstrip(".")
    m = MONTHS.get(text) or MONTHS.get(_FULL_MONTHS.get(text, ""))
    if m is None:
        return None
    year = fiscal_year - 1 if m >= 10 else fiscal_year
    return f"{year:04d}-{m:02d}"
