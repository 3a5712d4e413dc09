"""The measures the ASCOF 2024-25 workbook adds, and the change of publisher it makes to one series.

New measures (`MEASURES`): four from client-level data (reablement after hospital, two "living at
home" shares) that the publisher calls new metrics, so they are not joined to the SALT measures they
replace; safeguarding (4B, from 2023-24); and CQC ratings of care homes (6B). `BREAKS` records that
care-workforce turnover, published by Oflog to 2022-23, continues from 2023-24 as ASCOF 6A (the same
Skills for Care source). Declarations only; `ascof_2025` reads the values.
"""

from __future__ import annotations

from accountability.sources.ascof_notes import NEW_FRAMEWORK, PUBLISHER, SOURCE, SOURCE_URL
from accountability.store.measures import Measure, MeasureBreak

IN_DEVELOPMENT = (
    "New in 2024-25, from client-level data (CLD): official statistics in development (the publisher's "
    "note 9). Councils' counts under 5 are suppressed; regional and England counts are rounded to the "
    "nearest 5 (note 10)."
)
CLD_FRAMEWORK = f"{NEW_FRAMEWORK} framework, client-level data from 2024-25 (official statistics in development)"
TURNOVER_NOTE = (
    "Care-workforce turnover comes from Skills for Care's Adult Social Care Workforce Data Set ('Turnover') "
    "throughout: Oflog published it (ASC7) to 2022-23, ASCOF publishes it (measure 6A) from 2023-24. "
    "ASCOF rounds it to one decimal place and places the Isles of Scilly inside Cornwall (its note 17); "
    "neither publisher says how its year label maps onto Skills for Care's estimates, so the change of "
    "publisher may also move the period by some months. The series is shown as one, with this change marked. "
    "The workbook labels Dorset Council's row with the former county's code (E10000009); it is read as "
    "Dorset (E06000059), and its 2024-25 'Cornwall and Isles of Scilly' row as Cornwall."
)


def _adult(id: str, label: str, description: str, codes: str, note: str, **kw: object) -> Measure:
    base: dict[str, object] = {
        "domain": "adults", "unit": "%", "value_type": "proportion", "polarity": "higher_is_better",
        "source": SOURCE, "publisher": PUBLISHER, "multiplier": 100.0, "source_url": SOURCE_URL,
        "framework_version": CLD_FRAMEWORK, "count_noun": "people",
    }  # fmt: skip
    return Measure(id=id, label=label, description=description, source_codes=codes, note=note, **(base | kw))  # type: ignore[arg-type]


MEASURES: list[Measure] = [
    _adult(
        "ascof_reablement_home_12wk",
        "Still at home 12 weeks after hospital and reablement",
        "Percentage of people aged 65 and over who left hospital into reablement and were still living in "
        "the community 12 weeks later: not moved into council-arranged residential or nursing care, not "
        "readmitted to hospital as an emergency, and alive. Higher is better.",
        "2D(1) (2024-25, client-level data linked to hospital data)",
        IN_DEVELOPMENT + " It replaces 'still at home 91 days after discharge' (SALT 2B(1), later 2D(1)), "
        "but the publisher says it is a different metric that cannot be compared with earlier years. "
        "14 councils have no figure (note 14).",
    ),
    _adult(
        "ascof_reablement_after_hospital",
        "Reablement after leaving hospital",
        "Percentage of people aged 65 and over discharged from hospital who then received reablement "
        "services to help them recover at home. Higher is better.",
        "2D(2) (2024-25, client-level data linked to hospital data)",
        IN_DEVELOPMENT + " It replaces 'offered reablement after leaving hospital' (SALT 2B(2), later "
        "2D(2)), but the publisher says it is a different metric that cannot be compared with earlier years.",
    ),
    _adult(
        "ascof_home_18_64",
        "Adults 18 to 64 on long-term support living at home",
        "Percentage of people aged 18 to 64 getting long-term support from the council who live in their "
        "own home or with their family. Higher is better: the aim is to help people live independently.",
        "2E(2a) (2024-25, client-level data)",
        IN_DEVELOPMENT,
    ),
    _adult(
        "ascof_home_65",
        "People 65 and over on long-term support living at home",
        "Percentage of people aged 65 and over getting long-term support from the council who live in "
        "their own home or with their family. Higher is better: the aim is to help people live independently.",
        "2E(2b) (2024-25, client-level data)",
        IN_DEVELOPMENT,
    ),
    _adult(
        "ascof_s42_risk_reduced",
        "Safeguarding enquiries where the risk was reduced or removed",
        "Of the section 42 safeguarding enquiries in which a risk was identified, the percentage where the "
        "risk was reduced or removed. Higher is better.",
        "4B (2023-24 on; Safeguarding Adults Collection tables SG2c and SG2e)",
        "From the Safeguarding Adults Collection. All counts are rounded to the nearest 5 and counts under 5 "
        "suppressed; a council whose rounded numerator exceeded its denominator (over 100%) is published as "
        "not applicable, though England and its region include its counts (note 16). Not the pre-2023 "
        "measure 4B ('services make them feel safe'). The workbook labels Dorset Council's row with the "
        "former county's code (E10000009); it is read as Dorset (E06000059).",
        framework_version=f"{NEW_FRAMEWORK} framework",
        count_noun="enquiries",
    ),
    _adult(
        "ascof_cqc_good_outstanding",
        "Care homes rated good or outstanding by CQC",
        "Percentage of residential adult social care locations (care homes) in the area that the Care "
        "Quality Commission rates Good or Outstanding. Locations not yet rated count in the total. Higher is better.",
        "6B (2023-24 on; CQC care directory)",
        "From CQC's care directory. Councils are as in CQC's April 2024 data and could not be mapped to "
        "later boundaries (note 18); locations with no council were left out, also from England. The "
        "workbook labels Dorset Council's row with the former county's code (E10000009); it is read as "
        "Dorset (E06000059). City of London's figure is not available ([x]).",
        framework_version=f"{NEW_FRAMEWORK} framework",
        count_noun="care homes",
    ),
]
BREAKS: list[MeasureBreak] = [
    MeasureBreak("oflog_workforce_turnover", "2023-24", "publisher", True, TURNOVER_NOTE),
]
