"""The DfE children's social care measures, and which rows and columns of which file hold each one.

Declarations only: `MEASURES` (what each measure means and which way is better) and `FILES` (for
each published CSV, the rows and columns a measure is read from). `dfe.py` does the reading.
Rates the DfE files do not publish (such as children in need per 10,000) are left out rather than
derived here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accountability.store.measures import Measure, Polarity, ValueType

EES_URL = "https://explore-education-statistics.service.gov.uk/"
PUBLISHER = "Department for Education"
CLA = "Children looked after in England including adoptions"
CIN = "Children in need"
CSWW = "Children's social work workforce"
AT_31_MARCH = "At 31 March at the end of the financial year (2024-25 = 31 March 2025)"
YEAR_TO_MARCH = "Financial year, April to March (2024-25 = the year ending 31 March 2025)"
AT_30_SEPT = (
    "At 30 September of the year shown, not a financial year (2025 = 30 September 2025; "
    "DfE 'reporting year' 2025); leavers are counted over the 12 months to that date"
)


@dataclass(frozen=True)
class Pick:
    """One measure read from one file: the rows (`where`, column == text) and columns it uses.

    `denominator_where` names the row (same area and year) whose `denominator` column holds the
    denominator, for files that publish the total as its own row.
    """

    measure: str
    value: str
    numerator: str | None = None
    denominator: str | None = None
    where: tuple[tuple[str, str], ...] = ()
    denominator_where: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FileSpec:
    """A published DfE CSV: its columns that name a row's breakdown, and the measures it holds."""

    file: str
    picks: tuple[Pick, ...]
    breakdown: tuple[str, ...] = ()
    period: Literal["financial_year", "reporting_year"] = "financial_year"
    value_format: Literal["number", "years_months"] = "number"
    geography: bool = True  # False: a national-only file without region / LA columns


# What each measure's numerator and denominator count (Measure.count_noun): a re-referral gap is in
# referrals, a repeat-plan gap in plans, not in "people".
_CHILDREN = (
    "cla_rate",
    "cla_starting_rate",
    "cla_ceasing_rate",
    "placements_3plus",
    "placement_same_2yrs",
    "cin_count",
)
COUNT_NOUNS = dict.fromkeys(_CHILDREN, "children") | {
    "rereferral_pct": "referrals", "cpp_repeat_pct": "child protection plans", "sw_caseload": "cases",
    **dict.fromkeys(("sw_turnover_rate", "sw_agency_rate", "sw_vacancy_rate"), "FTE social workers"),
}  # fmt: skip


def _measure(
    id: str, label: str, description: str, unit: str, value_type: ValueType, polarity: Polarity, **kw: str
) -> Measure:
    multiplier = {"%": 100.0, "per 10,000": 10_000.0}.get(unit, 1.0)
    return Measure(
        id=id,
        label=label,
        description=description,
        domain="children",
        unit=unit,
        value_type=value_type,
        polarity=polarity,
        publisher=PUBLISHER,
        multiplier=multiplier,
        source_url=EES_URL,
        count_noun=COUNT_NOUNS.get(id, ""),
        **kw,  # type: ignore[arg-type]
    )


_CLA_NOTE = (
    "No better or worse direction: a high rate can mean high need (for example deprivation) or a low "
    "threshold for care, a low rate can mean good early help or unmet need. DfE sets no target level."
)
_CLA = {"source": CLA, "framework_version": "SSDA903 children looked after return"}
_CIN = {"source": CIN, "framework_version": "Children in need census"}
_WF = {
    "source": CSWW,
    "framework_version": "Children's social work workforce census",
    "period_note": AT_30_SEPT,
}
_CLA_FILE = "cla_number_and_rate_per_10k_children.csv"
_PS_FILE = "la_cla_placement_stability.csv"
_ADOPT_FILE = "national_cla_adopted_average_time_between_adoption_process_stages.csv"
_STAGE_4 = "4. Total average time between entry into care and date placed for adoption"
_CSWW_FILE = "csww_indicators_2017_to_2025.csv"

MEASURES: list[Measure] = [
    _measure(
        "cla_rate",
        "Children looked after (rate per 10,000 children)",
        "Children in the council's care on 31 March for every 10,000 children under 18 living in the "
        "area. A higher value means more children in care for the size of the child population.",
        "per 10,000",
        "rate",
        "no_judgement",
        period_note=AT_31_MARCH,
        note=_CLA_NOTE,
        source_codes=f"{_CLA_FILE}: population_type 'Children looked after on 31 March each year', "
        "rate_per_10000 (children_count / population_estimate)",
        **_CLA,
    ),
    _measure(
        "cla_starting_rate",
        "Children starting to be looked after (rate per 10,000 children)",
        "Children who started to be looked after during the year for every 10,000 children under 18 in "
        "the area. A higher value means more children entered care.",
        "per 10,000",
        "rate",
        "no_judgement",
        period_note=YEAR_TO_MARCH,
        note=_CLA_NOTE,
        source_codes=f"{_CLA_FILE}: population_type 'Children starting to be looked after each year', rate_per_10000",
        **_CLA,
    ),
    _measure(
        "cla_ceasing_rate",
        "Children ceasing to be looked after (rate per 10,000 children)",
        "Children who stopped being looked after during the year for every 10,000 children under 18 in "
        "the area. A higher value means more children left care (home, adoption, adulthood or other).",
        "per 10,000",
        "rate",
        "no_judgement",
        period_note=YEAR_TO_MARCH,
        note="No better or worse direction: leaving care can be a good or a bad outcome.",
        source_codes=f"{_CLA_FILE}: population_type 'Children ceasing to be looked after each year', rate_per_10000",
        **_CLA,
    ),
    _measure(
        "placements_3plus",
        "Children in care with 3 or more placements in the year",
        "Of the children looked after on 31 March, the percentage who had three or more placements "
        "during the year. A higher value means more children moved home several times: lower is better.",
        "%",
        "proportion",
        "lower_is_better",
        period_note=YEAR_TO_MARCH,
        source_codes=f"{_PS_FILE}: cla_group 'CLA on 31 March', placement_stability 'With 3 or more "
        "placements during the year' over 'Total children'",
        **_CLA,
    ),
    _measure(
        "placement_same_2yrs",
        "Children in long-term care living with the same carer for 2 years",
        "Of the children under 16 looked after continuously for at least 2.5 years on 31 March, the "
        "percentage living with the same carer for at least 2 years. Higher is better: more stability.",
        "%",
        "proportion",
        "higher_is_better",
        period_note=AT_31_MARCH,
        source_codes=f"{_PS_FILE}: cla_group 'Children looked after continuously for at least 2.5 years "
        "on 31 March aged under 16 years', placement_stability 'Living with the same carer for at least "
        "2 years' over 'Total children'",
        **_CLA,
    ),
    _measure(
        "adoption_entry_to_placement",
        "Average time from entering care to moving in with adopters",
        "For children adopted during the year, the average time between entering care and being placed "
        "for adoption, in months. A higher value means children waited longer: lower is better.",
        "months",
        "score",
        "lower_is_better",
        period_note=YEAR_TO_MARCH,
        note="England only (no council figures in this file). Published as years:months ('01:07' = 1 "
        "year 7 months = 19 months), so the value is rounded to whole months.",
        source_codes=f"{_ADOPT_FILE}: stage_of_adoption_process '{_STAGE_4}', age_start_poc 'Total'",
        **_CLA,
    ),
    _measure(
        "cin_count",
        "Children in need on 31 March (number)",
        "The number of children in need (open cases with children's social care) on 31 March. A higher "
        "value means more children in need; as a count it also grows with the size of the area.",
        "children",
        "count",
        "no_judgement",
        period_note=AT_31_MARCH,
        note="A count, not a rate: not comparable between councils of different size. The file "
        "publishes no rate; none is derived here.",
        source_codes="b1_children_in_need_2013_to_2025.csv: At31_episodes",
        **_CIN,
    ),
    _measure(
        "rereferral_pct",
        "Re-referrals within 12 months",
        "Of all referrals to children's social care in the year, the percentage made within 12 months "
        "of a previous referral for the same child. A higher value means more children coming back: "
        "lower is better.",
        "%",
        "proportion",
        "lower_is_better",
        period_note=YEAR_TO_MARCH,
        source_codes="c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv: rereferral_percent "
        "(rereferral_count / referral_count)",
        **_CIN,
    ),
    _measure(
        "cpp_repeat_pct",
        "Repeat child protection plans",
        "Of the child protection plans that started in the year, the percentage that were the child's "
        "second or subsequent plan (at any time). A higher value means more repeat plans: lower is "
        "better.",
        "%",
        "proportion",
        "lower_is_better",
        period_note=YEAR_TO_MARCH,
        source_codes="d3_cpps_subsequent_plan_2013_to_2025.csv: CPP_subsequent_percent (CPP_subsequent / CPP_start)",
        **_CIN,
    ),
    _measure(
        "sw_turnover_rate",
        "Social worker turnover",
        "Children and family social workers (full-time equivalent) who left the council in the 12 "
        "months to 30 September, as a percentage of those in post. Higher means more leavers: lower "
        "is better.",
        "%",
        "proportion",
        "lower_is_better",
        note="Numerator and denominator are full-time equivalents (leavers_fte / inpost_fte), not "
        "counts of people; published regional and England rates can differ slightly from their ratio.",
        source_codes=f"{_CSWW_FILE}: turnover_rate_fte",
        **_WF,
    ),
    _measure(
        "sw_agency_rate",
        "Agency social workers",
        "Agency social workers as a percentage of all children and family social workers (agency plus "
        "employed, full-time equivalent) at 30 September. Higher means more reliance on agency staff: "
        "lower is better.",
        "%",
        "proportion",
        "lower_is_better",
        note="The file publishes no denominator column, so numerator and denominator are left empty.",
        source_codes=f"{_CSWW_FILE}: agency_rate_fte",
        **_WF,
    ),
    _measure(
        "sw_vacancy_rate",
        "Social worker vacancies",
        "Vacant children and family social worker posts as a percentage of all posts (vacancies plus "
        "full-time equivalent staff in post) at 30 September. Higher means more unfilled posts: lower "
        "is better.",
        "%",
        "proportion",
        "lower_is_better",
        note="The file publishes no denominator column, so numerator and denominator are left empty.",
        source_codes=f"{_CSWW_FILE}: vacancy_rate_fte",
        **_WF,
    ),
    _measure(
        "sw_caseload",
        "Average social worker caseload",
        "The average number of cases held by each full-time equivalent case-holding children and family "
        "social worker at 30 September. Higher means heavier caseloads: lower is better.",
        "cases",
        "score",
        "lower_is_better",
        note="Numerator cases, denominator case-holding FTE (cases / case_holders_fte).",
        source_codes=f"{_CSWW_FILE}: caseload_fte",
        **_WF,
    ),
]

_PS_3PLUS = (("cla_group", "CLA on 31 March"),)
_PS_LONG = (
    (
        "cla_group",
        "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years",
    ),
)
_TOTAL = (("placement_stability", "Total children"),)
_CLA_ROWS = {
    "cla_rate": "Children looked after on 31 March each year",
    "cla_starting_rate": "Children starting to be looked after each year",
    "cla_ceasing_rate": "Children ceasing to be looked after each year",
}

FILES: tuple[FileSpec, ...] = (
    FileSpec(
        _CLA_FILE,
        breakdown=("population_type",),
        picks=tuple(
            Pick(m, "rate_per_10000", "children_count", "population_estimate", (("population_type", t),))
            for m, t in _CLA_ROWS.items()
        ),
    ),
    FileSpec(
        _PS_FILE,
        breakdown=("cla_group", "placement_stability"),
        picks=(
            Pick(
                "placements_3plus",
                "children_percent",
                "children_count",
                "children_count",
                (*_PS_3PLUS, ("placement_stability", "With 3 or more placements during the year")),
                (*_PS_3PLUS, *_TOTAL),
            ),
            Pick(
                "placement_same_2yrs",
                "children_percent",
                "children_count",
                "children_count",
                (*_PS_LONG, ("placement_stability", "Living with the same carer for at least 2 years")),
                (*_PS_LONG, *_TOTAL),
            ),
        ),
    ),
    FileSpec(
        _ADOPT_FILE,
        breakdown=("stage_of_adoption_process", "age_start_poc"),
        value_format="years_months",
        geography=False,
        picks=(
            Pick(
                "adoption_entry_to_placement",
                "number",
                where=(("stage_of_adoption_process", _STAGE_4), ("age_start_poc", "Total")),
            ),
        ),
    ),
    FileSpec(
        "b1_children_in_need_2013_to_2025.csv",
        breakdown=("category",),
        picks=(Pick("cin_count", "At31_episodes", where=(("category", "Children in Need"),)),),
    ),
    FileSpec(
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        breakdown=("category",),
        picks=(
            Pick(
                "rereferral_pct",
                "rereferral_percent",
                "rereferral_count",
                "referral_count",
                (("category", "Referrals and Re-referrals"),),
            ),
        ),
    ),
    FileSpec(
        "d3_cpps_subsequent_plan_2013_to_2025.csv",
        breakdown=("category",),
        picks=(
            Pick(
                "cpp_repeat_pct",
                "CPP_subsequent_percent",
                "CPP_subsequent",
                "CPP_start",
                (("category", "Child Protection Plans which are a second or subsequent plan"),),
            ),
        ),
    ),
    FileSpec(
        _CSWW_FILE,
        period="reporting_year",
        picks=(
            Pick("sw_turnover_rate", "turnover_rate_fte", "leavers_fte", "inpost_fte"),
            Pick("sw_agency_rate", "agency_rate_fte"),
            Pick("sw_vacancy_rate", "vacancy_rate_fte"),
            Pick("sw_caseload", "caseload_fte", "cases", "case_holders_fte"),
        ),
    ),
)
