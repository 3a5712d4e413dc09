"""The Adult Social Care Outcomes Framework (ASCOF) measures the dashboard shows, one per concept.

ASCOF changed framework in 2023-24 and reused codes with other meanings ('1B' was "control over
daily life" and became adjusted quality of life; '1E' was learning-disability employment and became
carers' satisfaction). So this module only records each measure's code in the 2017-18 to 2022-23
framework (`PRE_BREAK_CODES`); the reader finds 2023-24 codes by matching published descriptions.
`new_code` below is documentation for `source_codes`, checked against that matching, never used to
assign values. Polarity follows the compiler's measure_direction.csv where it covers a measure (a
data test checks this), except where `note` explains otherwise. `BREAKS` records the 2023-24
framework change for every measure that continues into it, and the 2024-25 move of six of them
from SALT to client-level data (`ascof_notes.CLD_CONTINUING`). This module reads no data.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from accountability.sources.ascof_2025_sheets import SURVEY_MEASURES
from accountability.sources.ascof_notes import (
    BREAK_PERIOD,
    CARER_NOTE,
    CLD_CONTINUING,
    CLD_NOTE,
    CLD_NOTES,
    CLD_PERIOD,
    DERBY_NOTE,
    FRAMEWORK_BREAK_NOTE,
    HIGHER_NOTE,
    NEW_FRAMEWORK,
    OLD_FRAMEWORK,
    PUBLISHER,
    SOURCE,
    SOURCE_URL,
    SURVEY_NOTE,
    WORKBOOK_SURVEY_NOTE,
)
from accountability.store.measures import Measure, MeasureBreak, Polarity

Kind = Literal["pct", "rate", "score"]
_UNITS: dict[Kind, tuple[str, Literal["proportion", "rate", "score"], float]] = {
    "pct": ("%", "proportion", 100.0),
    "rate": ("per 100,000", "rate", 100_000.0),
    "score": ("score", "score", 1.0),
}
H: Polarity = "higher_is_better"
L: Polarity = "lower_is_better"


class _Spec(NamedTuple):
    id: str
    old_code: str
    last_old: str  # last period of the old code in the data
    new_code: str | None  # 2023-24 code, for metadata only (see module docstring)
    label: str
    description: str
    kind: Kind
    polarity: Polarity
    note: str = ""


# fmt: off
_SPECS: list[_Spec] = [
    _Spec("ascof_scrqol", "1A", "2022-23", "1A", "Quality of life of people who use care and support",
          "Average quality-of-life score (0 to 24) that adults getting long-term care and support "
          "from the council give in the yearly user survey. Higher means people say their life is better.",
          "score", H, SURVEY_NOTE),
    _Spec("ascof_control", "1B", "2022-23", "3A", "Feel in control of their daily life",
          "Percentage of people who use care and support who say they have control over their daily "
          "life. Higher is better.", "pct", H, SURVEY_NOTE),
    _Spec("ascof_sds_users", "1C1A", "2022-23", "3D1A", "People who direct their own support",
          "Percentage of people getting long-term support who have a personal budget or direct "
          "payment, so they can choose how their care money is spent. Higher is better.", "pct", H),
    _Spec("ascof_sds_carers", "1C1B", "2022-23", "3D1B", "Carers who direct their own support",
          "Percentage of carers getting carer support who have a personal budget or direct payment. "
          "Higher is better.", "pct", H),
    _Spec("ascof_dp_users", "1C2A", "2022-23", "3D2A", "People who get direct payments",
          "Percentage of people getting long-term support who receive it as a direct payment (money "
          "to arrange their own care). Higher is better.", "pct", H),
    _Spec("ascof_dp_carers", "1C2B", "2022-23", "3D2B", "Carers who get direct payments",
          "Percentage of carers getting carer support who receive it as a direct payment. Higher is better.",
          "pct", H),
    _Spec("ascof_carer_qol", "1D", "2021-22", "1C", "Quality of life of carers",
          "Average quality-of-life score (0 to 12) that unpaid carers give in the carers' survey. "
          "Higher means carers say their life is better.", "score", H, CARER_NOTE + SURVEY_NOTE),
    _Spec("ascof_ld_employment", "1E", "2022-23", None, "Adults with a learning disability in paid work",
          "Percentage of adults with a learning disability getting long-term support who are in paid "
          "work. Higher is better.", "pct", H, HIGHER_NOTE),
    _Spec("ascof_mh_employment", "1F", "2022-23", None, "Adults in mental health services in paid work",
          "Percentage of adults in contact with secondary mental health services who are in paid work. "
          "Higher is better.", "pct", H, HIGHER_NOTE + " Figures come from NHS mental health data."),
    _Spec("ascof_ld_own_home", "1G", "2022-23", "2E", "Adults with a learning disability living at home",
          "Percentage of adults with a learning disability getting long-term support who live in their "
          "own home or with their family. Higher is better.", "pct", H),
    _Spec("ascof_mh_independent", "1H", "2022-23", None, "Mental health service users living independently",
          "Percentage of adults in contact with secondary mental health services who live "
          "independently, with or without support. Higher is better.", "pct", H,
          HIGHER_NOTE + " Figures come from NHS mental health data."),
    _Spec("ascof_social_contact_users", "1I1", "2022-23", "5A1", "Have as much social contact as they want",
          "Percentage of people who use care and support who say they have as much social contact as "
          "they would like. Higher is better.", "pct", H, SURVEY_NOTE),
    _Spec("ascof_social_contact_carers", "1I2", "2021-22", "5A2", "Carers with the social contact they want",
          "Percentage of carers who say they have as much social contact as they would like. Higher "
          "is better.", "pct", H, CARER_NOTE + SURVEY_NOTE),
    _Spec("ascof_adj_scrqol", "1J", "2022-23", "1B", "Difference care makes to quality of life",
          "An estimate of how much the council's care and support adds to users' quality of life, "
          "adjusted for their circumstances so councils can be compared fairly. Higher means services "
          "make more difference.", "score", H, SURVEY_NOTE),
    _Spec("ascof_admissions_18_64", "2A1", "2022-23", "2B", "Care home admissions, adults 18 to 64",
          "Adults aged 18 to 64 whose long-term needs were met by moving permanently into a care home, "
          "per 100,000 people of that age. Lower is better: the aim is to help people live at home.",
          "rate", L),
    _Spec("ascof_admissions_65", "2A2", "2022-23", "2C", "Care home admissions, people 65 and over",
          "People aged 65 and over whose long-term needs were met by moving permanently into a care "
          "home, per 100,000 people of that age. Lower is better: the aim is to help people live at home.",
          "rate", L),
    _Spec("ascof_still_home_91", "2B1", "2022-23", "2D1", "Still at home 91 days after leaving hospital",
          "Percentage of people aged 65 and over who went home from hospital with reablement or "
          "rehabilitation and were still at home 91 days later. Higher is better.", "pct", H),
    _Spec("ascof_reablement_offered", "2B2", "2022-23", "2D2", "Offered reablement after leaving hospital",
          "Percentage of people aged 65 and over leaving hospital who were offered reablement or "
          "rehabilitation to help them recover at home. Higher is better.", "pct", H),
    _Spec("ascof_dtoc_total", "2C1", "2019-20", None, "Delayed discharges from hospital",
          "Average number of hospital beds each day taken by adults ready to leave but delayed, per "
          "100,000 adults. Lower is better.", "rate", L,
          "Not in measure_direction.csv; lower is better because each delay keeps someone in hospital "
          "who is ready to leave. Collection stopped in 2020."),
    _Spec("ascof_dtoc_asc", "2C2", "2019-20", None, "Delayed discharges caused by social care",
          "Delayed hospital discharges attributed to adult social care, average beds per day per "
          "100,000 adults. Lower is better.", "rate", L,
          "Not in measure_direction.csv; lower is better (a delay keeps someone in hospital). "
          "Collection stopped in 2020."),
    _Spec("ascof_dtoc_joint", "2C3", "2019-20", None, "Delayed discharges caused by NHS and care jointly",
          "Delayed hospital discharges attributed jointly to the NHS and adult social care, average "
          "beds per day per 100,000 adults. Lower is better.", "rate", L,
          "Not in measure_direction.csv; lower is better (a delay keeps someone in hospital). "
          "Collection stopped in 2020."),
    _Spec("ascof_short_term_outcome", "2D", "2022-23", "2A", "Short-term support that cut the need for care",
          "Percentage of new clients who finished short-term support (such as reablement) needing no "
          "further support, or less. Higher is better.", "pct", H,
          "measure_direction.csv says 'Lower is better' for this measure; that contradicts its "
          "definition (the share whose needs fell), LG Inform ('a high value is good') and Oflog, "
          "which ranks the same figure (ASC5) descending. We use higher is better."),
    _Spec("ascof_satisfaction_users", "3A", "2022-23", "1D", "Satisfied with their care and support",
          "Percentage of people who use care and support who are extremely or very satisfied with it. "
          "Higher is better.", "pct", H, SURVEY_NOTE),
    _Spec("ascof_satisfaction_carers", "3B", "2021-22", "1E", "Carers satisfied with social services",
          "Percentage of carers who are extremely or very satisfied with the support they and the "
          "person they care for get from social services. Higher is better.", "pct", H,
          CARER_NOTE + SURVEY_NOTE),
    _Spec("ascof_carers_included", "3C", "2021-22", "3B", "Carers included in decisions",
          "Percentage of carers who say they were included or consulted in discussions about the "
          "person they care for. Higher is better.", "pct", H, CARER_NOTE + SURVEY_NOTE),
    _Spec("ascof_info_users", "3D1", "2022-23", "3C1", "Find it easy to get information about services",
          "Percentage of people who use care and support who find it easy to find information about "
          "services. Higher is better.", "pct", H, SURVEY_NOTE),
    _Spec("ascof_info_carers", "3D2", "2021-22", "3C2", "Carers who find it easy to get information",
          "Percentage of carers who find it easy to find information about services. Higher is better.",
          "pct", H, CARER_NOTE + SURVEY_NOTE),
    _Spec("ascof_feel_safe", "4A", "2022-23", "4A", "Feel safe",
          "Percentage of people who use care and support who say they feel safe. Higher is better.",
          "pct", H, SURVEY_NOTE),
    _Spec("ascof_safe_services", "4B", "2022-23", None, "Services help them feel safe",
          "Percentage of people who use care and support who say those services make them feel safe "
          "and secure. Higher is better.", "pct", H, HIGHER_NOTE + " " + SURVEY_NOTE),
]
# fmt: on

# What each measure's counts count (Measure.count_noun); every other ASCOF measure counts people.
_NOUNS = {"ascof_carer_qol": "carers", "ascof_dtoc_total": "beds", "ascof_dtoc_asc": "beds", "ascof_dtoc_joint": "beds"}
_NOUNS |= {s.id: "carers" for s in _SPECS if "carer" in s.id}

PRE_BREAK_CODES: dict[str, str] = {s.old_code: s.id for s in _SPECS}
DECLARED_NEW_CODES: dict[str, str] = {s.id: s.new_code for s in _SPECS if s.new_code}


def _measure(spec: _Spec) -> Measure:
    unit, value_type, multiplier = _UNITS[spec.kind]
    continues = spec.new_code is not None
    cld = CLD_CONTINUING.get(spec.id)
    framework = (
        f"{OLD_FRAMEWORK}, then {NEW_FRAMEWORK} (new framework)"
        if continues
        else f"ASCOF 2017-18 to {spec.last_old} (not in {NEW_FRAMEWORK})"
    )
    codes = f"{spec.old_code} (to {spec.last_old})"
    if continues:
        codes += f"; {spec.new_code} ({BREAK_PERIOD})"
    if cld:
        framework += f"; client-level data from {CLD_PERIOD} (official statistics in development)"
        codes += f"; {cld} ({CLD_PERIOD}, client-level data)"
    workbook = spec.id in SURVEY_MEASURES
    derby = workbook and "carer" not in spec.id  # the users' survey, not the carers'
    extra = (WORKBOOK_SURVEY_NOTE if workbook else "", DERBY_NOTE if derby else "", CLD_NOTE if cld else "")
    note = " ".join(n for n in (spec.note, *extra, CLD_NOTES.get(spec.id, "").strip()) if n)
    return Measure(
        id=spec.id,
        label=spec.label,
        description=spec.description,
        domain="adults",
        unit=unit,
        value_type=value_type,
        polarity=spec.polarity,
        source=SOURCE,
        publisher=PUBLISHER,
        framework_version=framework,
        source_codes=codes,
        multiplier=multiplier,
        break_period=CLD_PERIOD if cld else (BREAK_PERIOD if continues else None),
        source_url=SOURCE_URL,
        note=note,
        count_noun=_NOUNS.get(spec.id, "people"),
    )


MEASURES: list[Measure] = [_measure(s) for s in _SPECS]
BREAKS: list[MeasureBreak] = [
    *(MeasureBreak(s.id, BREAK_PERIOD, "framework", False, FRAMEWORK_BREAK_NOTE) for s in _SPECS if s.new_code),
    *(MeasureBreak(i, CLD_PERIOD, "source", False, CLD_NOTE + CLD_NOTES.get(i, "")) for i in CLD_CONTINUING),
]
