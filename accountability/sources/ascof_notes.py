"""The words ASCOF measures share: source, publisher, framework names and the notes on their breaks.

Text and small constants only, so the measure declarations (`ascof_measures`, `ascof_2025_measures`)
and the readers can share them without importing each other. Nothing here reads or computes data.
"""

from __future__ import annotations

SOURCE = "Measures from the Adult Social Care Outcomes Framework"
PUBLISHER = "NHS England (NHS Digital)"
SOURCE_URL = (
    "https://digital.nhs.uk/data-and-information/publications/statistical/adult-social-care-outcomes-framework-ascof"
)
BREAK_PERIOD = "2023-24"
CLD_PERIOD = "2024-25"
# Measures whose 2024-25 figures come from client-level data (CLD) instead of SALT: the same
# question, a new collection that the publisher says cannot be compared with 2023-24.
CLD_CONTINUING: dict[str, str] = {
    "ascof_short_term_outcome": "2A", "ascof_admissions_18_64": "2B", "ascof_admissions_65": "2C",
    "ascof_ld_own_home": "2E(1)", "ascof_sds_users": "3D(1a)", "ascof_dp_users": "3D(2a)",
}  # fmt: skip
OLD_FRAMEWORK = "ASCOF 2017-18 to 2022-23"
NEW_FRAMEWORK = "ASCOF 2023-24"
SURVEY_NOTE = (
    "Survey measure: the published numerator and denominator are weighted estimates, not counts of "
    "respondents, so intervals use the published margin of error (95%). In 2020-21 the survey was "
    "voluntary (COVID-19): only 18 councils have values and England, regions and council types are "
    "not published."
)
WORKBOOK_SURVEY_NOTE = (
    "Margins of error and numbers of respondents for 2015-16 to 2024-25 come from the ASCOF 2024-25 "
    "workbook; a figure published as 0 with no respondents is read as not available."
)
DERBY_NOTE = (
    "Derby sent no 2024-25 users' survey: the publisher's England, regional and council-type figures "
    "for 2024-25 use Derby's 2023-24 answers (its note 5)."
)
CARER_NOTE = (
    "Carers' survey: runs every two years (2016-17, 2018-19, 2021-22 and 2023-24 here; postponed from "
    "2020-21 by COVID-19). In 2016-17 its eligible population widened; the publisher's figures on the "
    "old population, printed in brackets, are not used. "
)
HIGHER_NOTE = "Not in measure_direction.csv; higher is better because ASCOF aims to increase it."
FRAMEWORK_BREAK_NOTE = (
    "ASCOF 2023-24 framework: measures were renamed and recoded (codes reused with other meanings). The "
    "publisher's comparability log records only a new code for this measure; the dashboard still treats "
    "the framework change as a break and never joins values across it."
)
CLD_NOTE = (
    "From 2024-25 this measure comes from client-level data (CLD), which replaced the SALT return: the "
    "publisher says 2024-25 figures cannot be compared with earlier years, and designates them official "
    "statistics in development."
)
CLD_NOTES = {
    "ascof_sds_users": " The publisher also says (its note 15) that the 2024-25 CLD figures fall below the "
    "near-100% of earlier years because of data quality rather than practice, so comparisons are not meaningful."
}
