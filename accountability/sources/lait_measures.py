"""The LAIT indicators this dashboard reads, as measures: DfE's S251 weekly unit costs (approximate).

Declarations only (the reader is `lait`). Definitions follow LAIT's data dictionary (Description and
Methodology, checked at read time): both are DfE's approximations from the S251 outturn, rounded to
the nearest £5, in cash, with no better or worse direction ("Polarity: NA").
"""

from __future__ import annotations

from accountability.store.measures import Measure

# LAIT "Short Desc" -> measure id
INDICATORS = {"RescareFinance": "unit_cost_residential", "FosteringFinance": "unit_cost_fostering"}
_COMMON = {
    "domain": "children",
    "unit": "£ per child per week",
    "value_type": "amount",
    "polarity": "no_judgement",
    "source": "Local Authority Interactive Tool (LAIT): S251 outturn weekly unit costs (approximate)",
    "publisher": "Department for Education",
    "framework_version": "Section 251 outturn, 2016-17 to 2024-25",
    "source_url": "https://explore-education-statistics.service.gov.uk/find-statistics/la-and-school-expenditure",
    "note": "DfE's approximation, not an audited unit cost: a year's spend on the S251 line divided by a count "
    "of care, rounded to the nearest £5. Cash in the year spent, not adjusted for inflation. Councils' "
    "costs differ for legitimate reasons (the needs of the children placed, local prices, the mix of "
    "in-house and bought placements), so neither higher nor lower is better in itself. England and regions "
    "as DfE publishes them.",
}
MEASURES = [
    Measure(
        id="unit_cost_residential",
        label="Residential care for children looked after: weekly cost per child (approximate, £, cash)",
        description="What the council spent on residential care for children it looks after (children's homes, "
        "secure units, residential schools) divided by the days of such care it provided, times 7. DfE's "
        "approximation from the section 251 outturn and the children looked after return.",
        source_codes="LAIT RescareFinance: S251 residential care outturn / residential care days "
        "(SSDA903 codes K1, K2, R1, S1) x 7, rounded to £5",
        **_COMMON,  # type: ignore[arg-type]
    ),
    Measure(
        id="unit_cost_fostering",
        label="Fostering for children looked after: weekly cost per child (approximate, £, cash)",
        description="What the council spent on fostering services (its own foster carers, agency placements, "
        "allowances and support staff) divided by the children in foster placements on 31 March, per week. "
        "DfE's approximation from the section 251 outturn and the children looked after return.",
        source_codes="LAIT FosteringFinance: S251 fostering services outturn / foster placements at 31 March "
        "/ 365 x 7, rounded to £5",
        **_COMMON,  # type: ignore[arg-type]
    ),
]
