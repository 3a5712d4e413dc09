"""The children's placement market and care leavers: measures from DfE's extra EES files, and where.

Declarations only, in `dfe_measures`' form (`FileSpec` / `Pick`); `dfe_extra` reads them with the DfE
reader. Polarities follow DfE's own (LAIT data dictionary: "% placed more than 20 miles from home,
outside LA boundary" Low; care leavers in education, employment or training High; in suitable
accommodation High). Placement changes because a provider closed, and children placed into and out
of each council, have no DfE direction: they describe the market a council buys in, not its practice.
"""

from __future__ import annotations

from accountability.sources.dfe_measures import AT_31_MARCH, CLA, EES_URL, PUBLISHER, YEAR_TO_MARCH, FileSpec, Pick
from accountability.store.measures import Measure, Polarity, ValueType

NEW = "la_cla_during_year_new_placements.csv"
ACTIVITY = "la_care_leavers_activity.csv"
ACCOMMODATION = "la_care_leavers_accommodation_suitability.csv"
NETGAIN = "la_cla_on_31_march_la_of_placement_netgain.csv"
_CHANGE = ("characteristic", "Reason for placement change during the year")
_WHERE = ("characteristic", "Location of new placements during the year")
_INTO = "1. Children who are the responsibility of other LAs placed within this LA boundary"
_OUT = "2. Children who are the responsibility of this LA placed outside the LA boundary"
_NET = "Net gain of children by responsible LA"
AGES = {"19_21": "19 to 21 years", "17_18": "17 to 18 years"}
_ROUNDED = "DfE publishes the percentage rounded to a whole number; the interval comes from the counts."
# What each measure counts (Measure.count_noun), so a gap is said in placements, care leavers or children.
COUNT_NOUNS = {
    "placement_changes_provider_closed": "placement changes",
    "placements_far_from_home": "placements",
    **{f"care_leavers_{what}_{age}": "care leavers" for what in ("eet", "suitable") for age in AGES},
    **dict.fromkeys(("cla_placed_in_by_other_las", "cla_placed_outside_area", "cla_placement_net_gain"), "children"),
}


def _measure(
    id: str, label: str, description: str, unit: str, value_type: ValueType, polarity: Polarity, **kw: str
) -> Measure:
    return Measure(
        id=id,
        label=label,
        description=description,
        domain="children",
        unit=unit,
        value_type=value_type,
        polarity=polarity,
        source=CLA,
        publisher=PUBLISHER,
        framework_version="SSDA903 children looked after return",
        multiplier=100.0 if unit == "%" else 1.0,
        source_url=EES_URL,
        count_noun=COUNT_NOUNS.get(id, ""),
        **kw,  # type: ignore[arg-type]
    )


def _leavers(age: str, what: str, label: str, text: str, codes: str) -> Measure:
    return _measure(
        f"care_leavers_{what}_{age}",
        f"{label} ({AGES[age]})",
        f"Of the care leavers aged {AGES[age].replace(' years', '')} the council is in touch with about their "
        f"birthday in the year, the percentage {text}. Higher is better.",
        "%",
        "proportion",
        "higher_is_better",
        period_note=YEAR_TO_MARCH,
        note=_ROUNDED,
        source_codes=codes,
    )


MEASURES: list[Measure] = [
    _measure(
        "placement_changes_provider_closed",
        "Placement changes because the provider resigned or closed (%)",
        "Of the children whose placement changed during the year, the percentage whose placement changed "
        "because the provider (a children's home, a foster carer, an agency) resigned or closed. It describes "
        "the stability of the market the council buys placements in, which the council does not control alone.",
        "%",
        "proportion",
        "no_judgement",
        period_note=YEAR_TO_MARCH,
        note=f"{_ROUNDED} Counts under about 5 are suppressed ('c') and shares under 0.5% shown as 'k' (low).",
        source_codes=f"{NEW}: 'Reason for placement change during the year' / 'Resignation or closure of "
        "provision' over 'Total placements changing' (children_count)",
    ),
    _measure(
        "placements_far_from_home",
        "New placements outside the council's area and more than 20 miles from home (%)",
        "Of the children who started a new placement during the year, the percentage placed outside the "
        "council's boundary and more than 20 miles from their home. Lower is better: children stay near "
        "family, school and friends.",
        "%",
        "proportion",
        "lower_is_better",
        period_note=YEAR_TO_MARCH,
        note=f"{_ROUNDED} The denominator includes placements whose distance was not recorded.",
        source_codes=f"{NEW}: 'Location of new placements during the year' / 'Placed outside LA boundary "
        "more than 20 miles from home' over 'Total new placements' (children_count)",
    ),
    _leavers(
        "19_21",
        "eet",
        "Care leavers in education, employment or training",
        "in education, employment or training",
        f"{ACTIVITY}: 'Total in education, employment or training' over 'Total'",
    ),
    _leavers(
        "17_18",
        "eet",
        "Care leavers in education, employment or training",
        "in education, employment or training",
        f"{ACTIVITY}: 'Total in education, employment or training' over 'Total'",
    ),
    _leavers(
        "19_21",
        "suitable",
        "Care leavers in suitable accommodation",
        "whose accommodation was considered suitable",
        f"{ACCOMMODATION}: 'Accommodation considered suitable' over 'Suitability total'",
    ),
    _leavers(
        "17_18",
        "suitable",
        "Care leavers in suitable accommodation",
        "whose accommodation was considered suitable",
        f"{ACCOMMODATION}: 'Accommodation considered suitable' over 'Suitability total'",
    ),
    *(
        _measure(
            id,
            label,
            f"{text} A count: it grows with the size of the council and of the local market.",
            "children",
            "count",
            "no_judgement",
            period_note=AT_31_MARCH,
            note="DfE rounds regional and England counts to the nearest 10.",
            source_codes=f"{NETGAIN}: '{where}'",
        )
        for id, label, text, where in (
            (
                "cla_placed_in_by_other_las",
                "Children placed in the area by other councils (number)",
                "Children looked after by other councils and living in a placement inside this council's "
                "boundary on 31 March.",
                _INTO,
            ),
            (
                "cla_placed_outside_area",
                "Children the council placed outside its area (number)",
                "Children looked after by this council and living in a placement outside its boundary on 31 March.",
                _OUT,
            ),
            (
                "cla_placement_net_gain",
                "Net children placed into the area (number)",
                "Children placed into the area by other councils minus children this council placed outside it, "
                "on 31 March: above zero, the area takes in more children than it sends out.",
                _NET,
            ),
        )
    ),
]


def _leaver_picks(what: str, value: str, total: str) -> tuple[Pick, ...]:
    return tuple(
        Pick(f"care_leavers_{what}_{age}", "care_leaver_percent", "care_leaver_count", "care_leaver_count",
             (("care_leaver_age", band), ("breakdown", value)), (("care_leaver_age", band), ("breakdown", total)))
        for age, band in AGES.items()
    )  # fmt: skip


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        NEW,
        breakdown=("characteristic", "breakdown"),
        picks=(
            Pick(
                "placement_changes_provider_closed",
                "children_percent",
                "children_count",
                "children_count",
                (_CHANGE, ("breakdown", "Resignation or closure of provision")),
                (_CHANGE, ("breakdown", "Total placements changing")),
            ),
            Pick(
                "placements_far_from_home",
                "children_percent",
                "children_count",
                "children_count",
                (_WHERE, ("breakdown", "Placed outside LA boundary more than 20 miles from home")),
                (_WHERE, ("breakdown", "Total new placements")),
            ),
        ),
    ),
    FileSpec(
        ACTIVITY,
        breakdown=("care_leaver_age", "breakdown"),
        picks=_leaver_picks("eet", "Total in education, employment or training", "Total"),
    ),
    FileSpec(
        ACCOMMODATION,
        breakdown=("care_leaver_age", "breakdown"),
        picks=_leaver_picks("suitable", "Accommodation considered suitable", "Suitability total"),
    ),
    FileSpec(
        NETGAIN,
        breakdown=("characteristic",),
        picks=(
            Pick("cla_placed_in_by_other_las", "number", where=(("characteristic", _INTO),)),
            Pick("cla_placed_outside_area", "number", where=(("characteristic", _OUT),)),
            Pick("cla_placement_net_gain", "number", where=(("characteristic", _NET),)),
        ),
    ),
)
