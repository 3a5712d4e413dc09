"""Which sheet of the ASCOF 2024-25 workbook holds which measure, and in which columns.

Declarations only (`ascof_2025` reads them). Each table sheet has, after its notes, a header row
starting "Local authority code", then one row per area and, per year, columns named
"<year> - <field>". The fields depend on the kind of table:
- "survey" (ASCS users' survey, SACE carers' survey): margin of error, number of respondents, outcome;
- "counts" (client-level data, safeguarding, CQC ratings): numerator, denominator, outcome;
- "outcome" (6a workforce turnover): outcome only.
Table 6b also gives the same three fields for each rating ("outstanding", "good", "other",
"not yet rated"); only its headline "6b" fields are used (`unused` lists the rest).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Kind = Literal["survey", "counts", "outcome"]
WORKBOOK = "ascof_2024_25.ods"
FOLDER = "ascof-2024-25"
FIELDS: dict[Kind, tuple[str, ...]] = {
    "survey": ("margin of error", "number of respondents", "outcome"),
    "counts": ("numerator", "denominator", "outcome"),
    "outcome": ("outcome",),
}
_RATINGS = ("outstanding", "good", "other", "not yet rated")
_6B_UNUSED = tuple(f"{r} {f}" for r in _RATINGS for f in ("numerator", "denominator", "outcome"))


class Sheet(NamedTuple):
    name: str  # sheet name, e.g. "Table_1a"
    code: str  # the publisher's 2024-25 metric code
    measure: str  # our measure id
    kind: Kind
    in_development: bool = False  # "official statistics in development" (client-level data, note 9)
    prefix: str = ""  # text before each field name ("6b " in table 6b)
    unused: tuple[str, ...] = ()  # other fields the sheet has, not read


# fmt: off
SHEETS: list[Sheet] = [
    Sheet("Table_1a", "1A", "ascof_scrqol", "survey"),
    Sheet("Table_1b", "1B", "ascof_adj_scrqol", "survey"),
    Sheet("Table_1c", "1C", "ascof_carer_qol", "survey"),
    Sheet("Table_1d", "1D", "ascof_satisfaction_users", "survey"),
    Sheet("Table_1e", "1E", "ascof_satisfaction_carers", "survey"),
    Sheet("Table_2a", "2A", "ascof_short_term_outcome", "counts", in_development=True),
    Sheet("Table_2b", "2B", "ascof_admissions_18_64", "counts", in_development=True),
    Sheet("Table_2c", "2C", "ascof_admissions_65", "counts", in_development=True),
    Sheet("Table_2d(1)", "2D(1)", "ascof_reablement_home_12wk", "counts", in_development=True),
    Sheet("Table_2d(2)", "2D(2)", "ascof_reablement_after_hospital", "counts", in_development=True),
    Sheet("Table_2e(1)", "2E(1)", "ascof_ld_own_home", "counts", in_development=True),
    Sheet("Table_2e(2a)", "2E(2a)", "ascof_home_18_64", "counts", in_development=True),
    Sheet("Table_2e(2b)", "2E(2b)", "ascof_home_65", "counts", in_development=True),
    Sheet("Table_3a", "3A", "ascof_control", "survey"),
    Sheet("Table_3b", "3B", "ascof_carers_included", "survey"),
    Sheet("Table_3c(1)", "3C(1)", "ascof_info_users", "survey"),
    Sheet("Table_3c(2)", "3C(2)", "ascof_info_carers", "survey"),
    Sheet("Table_3d(1a)", "3D(1a)", "ascof_sds_users", "counts", in_development=True),
    Sheet("Table_3d(2a)", "3D(2a)", "ascof_dp_users", "counts", in_development=True),
    Sheet("Table_4a", "4A", "ascof_feel_safe", "survey"),
    Sheet("Table_4b", "4B", "ascof_s42_risk_reduced", "counts"),
    Sheet("Table_5a(1)", "5A(1)", "ascof_social_contact_users", "survey"),
    Sheet("Table_5a(2)", "5A(2)", "ascof_social_contact_carers", "survey"),
    Sheet("Table_6a", "6A", "oflog_workforce_turnover", "outcome"),
    Sheet("Table_6b", "6B", "ascof_cqc_good_outstanding", "counts", prefix="6b ", unused=_6B_UNUSED),
]
# fmt: on
SURVEY_MEASURES = frozenset(s.measure for s in SHEETS if s.kind == "survey")
