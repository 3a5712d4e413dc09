"""The spend measures this dashboard calculates from MHCLG's revenue outturn (RO3), and how.

Declarations only: each `Ratio` names its measure, the published spend lines summed into its
numerator (GBP thousand, cash) and its denominator: more spend lines, a population band, or the
children looked after on 31 March. `spend` does the arithmetic. Per-head and per-child figures are
in pounds (numerator x 1,000 / denominator); shares are percentages of gross expenditure.
Nothing is deflated: every figure is cash in the year it was spent.
"""

from __future__ import annotations

from dataclasses import dataclass

from accountability.store.measures import Measure

RO3 = "Local authority revenue expenditure and financing: revenue outturn, RO3 (social care)"
PUBLISHER = "Ministry of Housing, Communities and Local Government; Office for National Statistics"
URL = "https://www.gov.uk/government/collections/local-authority-revenue-expenditure-and-financing"
VERSION = "RO3 2023-24 (first release, August 2024) and 2024-25"
CASH = (
    "Calculated by this dashboard from published spend lines (kept in the store, each with its cell). "
    "Cash in the year spent, not adjusted for inflation. 2023-24 is MHCLG's first release: later "
    "revisions are not in our data. Regions: the sum of their councils' spending over the sum of their "
    "councils' denominators, shown only when every council in the region reported; England: MHCLG's "
    "published England total, which includes its estimates for councils that did not report. A few "
    "councils publish a line below zero (income above spending on it); figures from such lines are shown "
    "as they come out, not corrected."
)
NOT_A_VERDICT = (
    "Spending differs for legitimate local reasons (need, local costs, how services are organised), "
    "so neither higher nor lower is better in itself."
)
ADULTS_2020 = (
    "Financial year, April to March. Per head of ONS's mid-2020 estimate, the only estimate of adults "
    "in our data, used for every year (borrowed): adult populations have grown since 2020, so these "
    "figures are higher than they would be on a current population. Cumberland, Westmorland and Furness, "
    "North Yorkshire and Somerset use the sum of their former districts' mid-2020 estimates."
)
CHILDREN_SAME_YEAR = (
    "Financial year, April to March. Per head of ONS's mid-year estimate of children aged 0 to 17 for "
    "the year the financial year starts (mid-2024 for 2024-25)."
)


@dataclass(frozen=True)
class Ratio:
    """numerator lines summed / denominator, times `multiplier` (1,000: GBP thousand to pounds; 100: %).

    `denominator` is a tuple of spend-line codes, or one of "population:18+", "population:65+",
    "population:0-17" or "children_looked_after" (DfE's count on 31 March, at the end of the year).
    """

    measure: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] | str
    multiplier: float


def _spend(id: str, label: str, description: str, domain: str, unit: str, codes: str, **kw: str) -> Measure:
    return Measure(
        id=id,
        label=label,
        description=f"{description} {NOT_A_VERDICT}",
        domain=domain,  # type: ignore[arg-type]
        unit=unit,
        value_type="amount",
        polarity="no_judgement",
        source=RO3,
        publisher=PUBLISHER,
        framework_version=VERSION,
        source_codes=codes,
        source_url=URL,
        official=False,
        note=CASH,
        **kw,  # type: ignore[arg-type]
    )


NET = "-net-cur-exp"
# RO3's lines for older people (65+): five primary support reasons, then carers, equipment,
# assessment, early intervention and commissioning (each split by age in RO3).
OLDER = ("phy", "sns", "mmr", "lrn", "mnt", "sclcrr", "ass", "crasssfg", "inf", "cmstad")
OLDER_LINES = tuple(f"RO3-asc{line}old{NET}" for line in OLDER)
RATIOS = (
    Ratio("spend_asc_per_adult", (f"RO3-asctot{NET}",), "population:18+", 1000.0),
    Ratio("spend_asc_older_per_65", OLDER_LINES, "population:65+", 1000.0),
    Ratio("spend_csc_per_child", (f"RO3-csctot{NET}",), "population:0-17", 1000.0),
    Ratio("spend_per_cla", (f"RO3-csclkd{NET}",), "children_looked_after", 1000.0),
    Ratio("spend_cla_residential_share", ("RO3-csclkdres-tot-exp",), ("RO3-csclkd-tot-exp",), 100.0),
    Ratio("spend_asc_prevention_share", ("RO3-ascinf-tot-exp",), ("RO3-asctot-tot-exp",), 100.0),
    Ratio("spend_asc_charges_share", ("RO3-asctot-sfc",), ("RO3-asctot-tot-exp",), 100.0),
)
_GROSS = "Shares are of gross expenditure (RO3 column C3, before income)."
MEASURES = [
    _spend(
        "spend_asc_per_adult",
        "Adult social care spending per adult (£, cash)",
        "The council's net current expenditure on adult social care in the year, divided by the number of "
        "adults aged 18 and over living in the area.",
        "adults",
        "£ per adult aged 18+",
        "RO3-asctot-net-cur-exp x 1,000 / ONS population aged 18-64 plus 65+ (mid-2020)",
        period_note=ADULTS_2020,
    ),
    _spend(
        "spend_asc_older_per_65",
        "Adult social care spending on people aged 65+, per person 65+ (£, cash)",
        "The council's net current expenditure on adult social care for older people (the RO3 lines marked "
        "'older people (65+)', including their share of assessment, commissioning, carers' support, equipment "
        "and early intervention), divided by the number of people aged 65 and over in the area. Social support "
        "lines that RO3 does not split by age are left out.",
        "adults",
        "£ per person aged 65+",
        " + ".join(OLDER_LINES) + " (x 1,000) / ONS population aged 65+ (mid-2020)",
        period_note=ADULTS_2020,
    ),
    _spend(
        "spend_csc_per_child",
        "Children's social care spending per child (£, cash)",
        "The council's net current expenditure on children's social care in the year, divided by the number "
        "of children aged 0 to 17 living in the area.",
        "children",
        "£ per child aged 0-17",
        "RO3-csctot-net-cur-exp x 1,000 / ONS population aged 0-17 (mid-year of the year the financial year starts)",
        period_note=CHILDREN_SAME_YEAR,
    ),
    _spend(
        "spend_per_cla",
        "Spending on children looked after, per child looked after (£, cash)",
        "The council's net current expenditure on children looked after in the year, divided by the number "
        "of children it looked after on 31 March at the end of the year (DfE). This is per child in care on "
        "one day, not per child-year of care, so a council whose children stay a short time looks costlier.",
        "children",
        "£ per child looked after",
        "RO3-csclkd-net-cur-exp x 1,000 / DfE children looked after on 31 March (cla_rate numerator)",
    ),
    _spend(
        "spend_cla_residential_share",
        "Residential care's share of spending on children looked after (%)",
        "Spending on residential care (children's homes, secure units, residential schools) as a percentage "
        f"of all spending on children looked after in the year. {_GROSS}",
        "children",
        "%",
        "RO3-csclkdres-tot-exp / RO3-csclkd-tot-exp x 100",
    ),
    _spend(
        "spend_asc_prevention_share",
        "Prevention's share of adult social care spending (%)",
        "Spending on information and early intervention (RO3's prevention line) as a percentage of all "
        f"adult social care spending in the year. {_GROSS} Prevention work recorded under other lines "
        "(reablement, equipment) is not counted here.",
        "adults",
        "%",
        "RO3-ascinf-tot-exp / RO3-asctot-tot-exp x 100",
    ),
    _spend(
        "spend_asc_charges_share",
        "Charges paid by people using adult social care, as a share of spending (%)",
        "Sales, fees and charges (mostly what people pay towards their own care after a means test) as a "
        f"percentage of all adult social care spending in the year. {_GROSS}",
        "adults",
        "%",
        "RO3-asctot-sfc / RO3-asctot-tot-exp x 100",
    ),
]
