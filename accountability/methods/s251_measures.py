"""Who provided children's residential care and fostering, 2009-10 to 2013-14: shares of S251 spend.

Declarations only (the arithmetic is `spend.ratio_tables`, on `s251_provision` lines named
"<line>:<provision>"). Each share is the council's spend on one kind of provider as a percentage of
its total spend on that service, from DfE's section 251 outturn: the baseline of the policy to open
children's services to private and voluntary providers. England and regions are sums of their
councils (the files have no England row), shown only when every council's split is published.
"""

from __future__ import annotations

from accountability.methods.spend_measures import Ratio
from accountability.store.measures import Measure

SERVICES = {"residential_care": "residential care", "fostering": "fostering services"}
PROVIDERS = {
    "own": ("run by the council itself", "the council's own provision"),
    "private": ("bought from private providers", "private providers"),
    "voluntary": ("bought from voluntary (not-for-profit) providers", "voluntary providers"),
}
NOTE = (
    "Calculated by this dashboard from DfE's section 251 outturn (gross expenditure, cash). The fourth "
    "provider type, other public bodies, is in the store but not shown as a measure. S251 and today's "
    "RO3 lines are classified differently: do not join this series to RO3 shares. England and regions "
    "are sums of their councils, missing where any council's split was left blank."
)


def _id(service: str, provider: str) -> str:
    return f"s251_{service.split('_')[0]}_{provider}_share"


RATIOS = tuple(
    Ratio(_id(service, provider), (f"{service}:{provider}",), (f"{service}:total",), 100.0)
    for service in SERVICES
    for provider in PROVIDERS
)
MEASURES = [
    Measure(
        id=_id(service, provider),
        label=f"Children's {words}: share of spend on {short} (%, 2009-10 to 2013-14)",
        description=f"Spending on children's {words} {long}, as a percentage of all the council's spending on "
        f"children's {words} in the year. Neither higher nor lower is better in itself: policy since 2011 has "
        "sought a range of providers, and commitments state their own direction.",
        domain="children",
        unit="%",
        value_type="amount",
        polarity="no_judgement",
        source="Section 251 outturn: local authority expenditure on children's services",
        publisher="Department for Education",
        framework_version="Section 251 outturn, 2009-10 to 2013-14",
        source_codes=f"S251 line '{words}' (description), column {provider} over total expenditure",
        source_url="https://www.gov.uk/government/collections/section-251-materials",
        official=False,
        note=NOTE,
    )
    for service, words in SERVICES.items()
    for provider, (long, short) in PROVIDERS.items()
]
