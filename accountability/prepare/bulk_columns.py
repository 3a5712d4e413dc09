"""Words for the bulk download's data package: what each table and column holds, and in what unit.

Read by `prepare.datapackage`. A column is described by (table, column) first, then by its name
alone; a column with neither gets no description and the data-package test names it, so a new
table or column is documented when it is added. Nothing here reads data.
"""

from __future__ import annotations

RESEARCH = "RESEARCH COMPILATION, not official statistics. "

TABLES: dict[str, str] = {
    "councils": (
        "Every English council (current and abolished since 2019), keyed by ONS code, with region, type and lifetime."
    ),
    "measures": (
        "The measures registry: what each measure is, its unit, which way is better, source, publisher and licence."
    ),
    "ascof_codes": "NHS England's own ASCOF measure codes for each measure, by framework version.",
    "ascof_survey_base": "Survey bases (people who answered) for ASCOF survey measures, as published.",
    "values": (
        "Every council's published value for every measure and period, with the 95% and 99.8% intervals computed here "
        "where the publisher gives the inputs."
    ),
    "benchmarks": "Published comparators: England, regions and council types, as published (never a mean of councils).",
    "peers": "Statistical neighbours (DfE children's services models), ranked by closeness.",
    "population": "ONS mid-year population estimates by council, year and age band.",
    "inspections": "Ofsted inspections of local authority children's services (ILACS), with the judgements.",
    "boundaries": (
        "Ultra-generalised council boundaries (GeoJSON geometry per council), by vintage. Contains OS data (c) Crown "
        "copyright and database right."
    ),
    "providers": "Every children's social care provider registered with Ofsted at 31 March of each year.",
    "provider_changes": "Children's social care providers joining and leaving the Ofsted register, by year.",
    "market_panel": RESEARCH
    + (
        "Children's services market measures compiled by B. Goodair, A. Bach-Mortensen et al. from DfE and Ofsted "
        "statistics."
    ),
    "asc_provision": (
        "Adult care provided in-house or bought from external providers (NHS Digital PSS-EX1, ASC-FR); rows with "
        "official = false are a series compiled by B. Goodair ("
    )
    + RESEARCH.strip()
    + ").",
    "row_accounts": (
        "For every published file read: rows read, kept, set missing and rejected, with reasons and the file's SHA-256."
    ),
    "changes": (
        "What each data release changed since the one before: new periods, revised values (old and new), new or "
        "withdrawn measures, councils newly below a floor or recovered, commitment statuses changed, new inspection "
        "judgements."
    ),
    "all_values": (
        "Every value for councils, England, regions and council types in one tidy table, with names, labels, units, "
        "intervals, status and source."
    ),
    "spend_lines": (
        "MHCLG revenue outturn (RO3, RSX) spend lines per council and year, in GBP thousand, as published, keyed by "
        "form and variable code: the cells every spend measure is derived from."
    ),
    "s251_provision": (
        "DfE section 251 outturn 2009-10 to 2013-14: children's services spend per council by line and by who "
        "provided it (own provision, private, voluntary, other public), in GBP."
    ),
    "cqc_assessments": (
        "COMPILATION, not an official CQC dataset: CQC's assessments of councils' adult social care (overall rating, "
        "score, date), from a private individual's compilation of CQC's published reports; 72 of 153 councils."
    ),
    "cqc_statements": (
        "COMPILATION, not an official CQC dataset: the nine quality-statement scores of each CQC council assessment "
        "in cqc_assessments."
    ),
    "measure_breaks": (
        "Every break in a measure's series (a framework change, a new data source or publisher), with whether values "
        "either side can be compared; trends and charts never join values across a break that is not comparable."
    ),
    "places": (
        "Place names (councils' official names and variants, districts, former districts, post towns) and the council "
        "that runs social care there, with how they are related; used only to find a council. Includes mySociety data "
        "(CC BY 4.0, attribution: mySociety)."
    ),
    "postcode_districts": (
        "English postcode districts (e.g. EX4) and the council at each district's published centre; used only to find "
        "a council. Contains OS data (c) Crown copyright and database right; Contains Royal Mail data (c) Royal Mail "
        "copyright and database right; Source: Office for National Statistics licensed under the OGL v3.0."
    ),
}

COLUMNS: dict[str, str] = {
    "code": "ONS (GSS) code of the council",
    "area_code": "GSS code of the area (E92000001 England, E12 regions, E06/E08/E09/E10 councils) or council-type code",
    "area_type": "Kind of area: england, region, council_type or council",
    "area_name": "Name of the area as published",
    "name": "Name",
    "period": "Period the value refers to: '2022-23' is a financial or academic year, '2023' a year or a census date",
    "year": "Year (the start year of a financial year where the publisher uses them)",
    "measure": "Measure id (see the measures table)",
    "value": "Value as published, in the measure's unit (empty when not published: see status)",
    "numerator": "Numerator as published (people or events), where given",
    "denominator": "Denominator as published (people), where given",
    "moe": "Published survey margin of error (95%), in the value's unit",
    "status": (
        "Publication status: published, suppressed, not_available, not_applicable, low, low_reliability or missing"
    ),
    "ci_method": (
        "How the interval was calculated: wilson, byar, exact_poisson, survey_moe; not_reproducible or none when there"
        " is no interval"
    ),
    "ci_low": "Lower limit of the 95% confidence interval, in the value's unit",
    "ci_high": "Upper limit of the 95% confidence interval, in the value's unit",
    "ci998_low": "Lower limit of the 99.8% confidence interval, in the value's unit",
    "ci998_high": "Upper limit of the 99.8% confidence interval, in the value's unit",
    "source_file": "Published file the row was read from",
    "source_row": "1-based line (CSV) or row (spreadsheet) of the published file",
    "unit": "Unit of the value",
    "official": "true for official statistics; false for research compilations and measures derived by this project",
    "region_code": "GSS code of the council's region (E12)",
    "region": "Name of the council's region",
    "la_name": "Local authority name as published",
    "urn": "Ofsted unique reference number of the provider",
    "provision_type": "Type of provision as published by Ofsted",
    "sector": "Ownership sector as published by Ofsted",
    "places": "Registered places",
    "label": "Short label",
    "description": "Plain-English description",
}

TABLE_COLUMNS: dict[tuple[str, str], str] = {
    ("places", "relation"): (
        "How the place relates to the council: own name, name variant, district, former district, former council or "
        "post town"
    ),
    ("places", "via_code"): "GSS code of the district or former council the place is (or was), where there is one",
    ("places", "via_name"): "Name of that district or former council",
    ("places", "abolished"): "Date the district or council was abolished, where it was",
    ("places", "name_source"): "Which lookup the name comes from",
    ("places", "share"): "For a post town: the share of its active postcodes in this council",
    ("postcode_districts", "postcode_district"): "The outward part of a postcode (e.g. EX4)",
    ("postcode_districts", "post_town"): "Royal Mail post town of the district",
    (
        "postcode_districts",
        "method",
    ): "How the council was found: the district's centre in the boundaries, or its area name",
    ("postcode_districts", "active_postcodes"): "Number of postcodes in use in the district",
    ("measures", "count_noun"): "What the measure counts, for sentences (people, referrals, children, plans)",
    (
        "measures",
        "break_periods",
    ): "Every period from which the measure's series is produced differently (see measure_breaks)",
    ("values", "in_development"): (
        "True for official statistics in development (ASCOF 2024-25 client-level data): new and not yet accredited"
    ),
    ("benchmarks", "in_development"): (
        "True for official statistics in development (ASCOF 2024-25 client-level data): new and not yet accredited"
    ),
    ("measure_breaks", "kind"): "What changed: framework (definition), source (data collection) or publisher",
    ("measure_breaks", "comparable"): "Whether values before and after the break can be compared in one series",
    ("measure_breaks", "note"): "What changed, in words, with the publisher's reference",
    ("population", "derived_from"): (
        "Empty when published; otherwise how the figure was derived (a council created in April 2023: the sum of its "
        "former districts' published estimates)"
    ),
    ("spend_lines", "form"): "Return the line is from: RO3 (social care) or RSX (subjective analysis)",
    ("spend_lines", "variable"): "MHCLG's stable variable code for the line (column heading code in the workbook)",
    ("spend_lines", "marker"): "The publisher's marker where no number was published ([x], [z], [n] or a note)",
    ("spend_lines", "source_column"): "Column letter of the cell in the published workbook",
    ("s251_provision", "line"): "Section 251 expenditure line (e.g. residential care, fostering services)",
    ("s251_provision", "provision"): "Who provided the service: own, private, voluntary or other public",
    ("cqc_assessments", "name_in_source"): "Council name as written in the compilation",
    ("cqc_assessments", "report_url"): "Address of CQC's published assessment report",
    ("cqc_assessments", "assessed"): "Month of CQC's assessment report",
    ("cqc_assessments", "overall_rating"): (
        "Overall rating as read (outstanding, good, requires_improvement, inadequate); empty where not rated"
    ),
    ("cqc_assessments", "overall_as_published"): "Overall rating exactly as written in the compilation",
    ("cqc_assessments", "score_total"): "Sum of the nine quality-statement scores (each 1 to 4)",
    ("cqc_assessments", "score_percent"): "Score total as a percentage of the maximum (36)",
    ("cqc_assessments", "rating_from_scores"): "Overall rating CQC's published rule gives the score percentage",
    ("cqc_assessments", "second_copy_overall"): "Overall rating in the compilation's second copy of the assessment",
    ("cqc_assessments", "check"): (
        "Cross-check: agrees, differs_from_scores, copies_disagree or not_rated_in_compilation"
    ),
    ("cqc_statements", "statement"): "Quality statement number (1 to 9)",
    ("cqc_statements", "statement_id"): "Quality statement code (e.g. assessing_needs, safeguarding)",
    ("cqc_statements", "score"): "Score CQC gave the statement (1 to 4)",
    ("cqc_statements", "rating"): "Rating the score corresponds to",
    ("cqc_statements", "second_copy_rating"): "Rating in the compilation's second copy",
    ("cqc_statements", "agrees"): "Whether the two copies agree",
    ("councils", "council_type"): "London borough, Metropolitan district, Unitary authority or County council",
    ("councils", "dfe_la_code"): "DfE's three-digit local authority code",
    ("councils", "cassr_code"): "NHS England's council (CASSR) code",
    ("councils", "valid_from"): "First day the council existed (empty: before the data start)",
    ("councils", "valid_to"): "Day after the council was abolished (empty: current)",
    ("councils", "predecessors"): "Codes of councils it replaced, separated by '; '",
    ("councils", "successors"): "Codes of councils that replaced it, separated by '; '",
    ("councils", "aliases"): "Other names it is known by, separated by '; '",
    ("councils", "former_codes"): "Earlier codes for the same council, separated by '; '",
    ("councils", "source_file"): "Lookup file the council was read from",
    ("measures", "id"): "Measure id, used in every other table",
    ("measures", "domain"): "adults or children",
    ("measures", "value_type"): "proportion, rate, score or count",
    ("measures", "polarity"): "higher_is_better, lower_is_better or no_judgement",
    ("measures", "source"): "Dataset the measure is published in",
    ("measures", "publisher"): "Publishing body",
    ("measures", "framework_version"): "Framework version (e.g. ASCOF 2023-24)",
    ("measures", "source_codes"): "The publisher's own codes for the measure, across framework versions",
    ("measures", "multiplier"): "Turns numerator / denominator into the unit (100 for %, 100000 per 100,000)",
    ("measures", "break_period"): "First period of a new framework: the series must not be joined across it",
    ("measures", "period_note"): "What a period means for this measure",
    ("measures", "source_url"): "Where the publisher publishes it",
    ("measures", "licence"): "Licence of the published data",
    ("measures", "note"): "Caveats",
    ("ascof_codes", "code"): "NHS England's ASCOF measure code",
    ("ascof_codes", "framework"): "ASCOF framework version",
    ("ascof_codes", "first_period"): "First period the code was used",
    ("ascof_codes", "last_period"): "Last period the code was used",
    ("ascof_codes", "published_description"): "The measure's description as published",
    ("ascof_survey_base", "base"): "Survey base: people who answered",
    ("peers", "model"): "Statistical neighbour model (DfE 2021 or 2025)",
    ("peers", "rank"): "Closeness rank (1 = closest)",
    ("peers", "peer_code"): "ONS code of the neighbour",
    ("peers", "closeness"): "Closeness band as published",
    ("population", "age_band"): "Age band",
    ("population", "population"): "People (mid-year estimate)",
    ("inspections", "framework"): "Inspection framework (ILACS)",
    ("inspections", "inspection_type"): "Kind of inspection",
    ("inspections", "inspection_start"): "Date the inspection started",
    ("inspections", "inspection_end"): "Date the inspection ended",
    ("inspections", "published"): "Date the report was published",
    ("inspections", "overall_effectiveness"): "Overall effectiveness judgement",
    ("inspections", "leaders"): "Judgement: impact of leaders",
    (
        "inspections",
        "help_and_protection",
    ): "Judgement: experiences and progress of children who need help and protection",
    ("inspections", "children_in_care"): "Judgement: experiences and progress of children in care",
    ("inspections", "care_leavers"): "Judgement: experiences and progress of care leavers",
    ("inspections", "is_latest"): "true for the council's latest inspection",
    ("boundaries", "vintage"): "Boundary vintage (e.g. December 2022)",
    ("boundaries", "geometry"): "GeoJSON geometry (WGS84)",
    ("providers", "owner"): "Owning organisation as published (the legal entity, not the ultimate owner)",
    ("providers", "registration_status"): "Registration status",
    ("providers", "latest_inspection_date"): "Date of the latest inspection",
    ("providers", "latest_judgement"): "Latest overall judgement",
    ("providers", "latest_judgement_published"): "Latest judgement as published",
    ("provider_changes", "change"): "joined or left",
    ("provider_changes", "date"): "Date of joining or leaving",
    ("market_panel", "value"): "Value as compiled by the researchers, in the row's unit",
    ("asc_provision", "setting"): "residential or nursing",
    ("asc_provision", "provision"): "in_house or external",
    ("asc_provision", "support_reason"): "Primary support reason ('all reasons' where the file has no breakdown)",
    ("row_accounts", "reader"): "The reader (publisher) that read the file",
    ("row_accounts", "file"): "Published file (and sheet)",
    ("row_accounts", "folder"): "Folder of the raw data it was found in",
    ("row_accounts", "sha256"): "SHA-256 of the file read",
    ("row_accounts", "outcome"): "read, kept, set_missing or rejected",
    ("row_accounts", "reason"): "Why rows were set missing or rejected",
    ("row_accounts", "rows"): "Number of rows",
    ("changes", "release"): "Date of the release the change belongs to",
    ("changes", "release_hash"): "Content hash of that release",
    ("changes", "previous_hash"): "Content hash of the release it was compared with (empty for a first release)",
    (
        "changes",
        "kind",
    ): (
        "first_release, new_measure, withdrawn_measure, new_period, withdrawn_period, revised_value, added_value, "
        "removed_value, newly_below, recovered, status_changed, new_inspection or revised_inspection"
    ),
    ("changes", "commitment_id"): "Commitment id (see data/commitments.toml) for status changes",
    ("changes", "old_period"): "Period of the previous release's figure (floor verdicts, commitment progress)",
    ("changes", "old_value"): "Value in the previous release",
    ("changes", "new_value"): "Value in this release",
    ("changes", "old_code"): "Status, floor verdict, progress status or Ofsted judgement in the previous release",
    ("changes", "new_code"): "Status, floor verdict, progress status or Ofsted judgement in this release",
    ("changes", "date"): "Start date of the inspection (inspection changes)",
    ("changes", "councils"): "Councils with a value in a new period",
    ("all_values", "measure_label"): "Measure label",
    ("all_values", "domain"): "adults or children",
    ("all_values", "polarity"): "higher_is_better, lower_is_better or no_judgement",
    ("all_values", "status_label"): "Publication status in words",
    ("all_values", "publisher"): "Publishing body",
    ("all_values", "source"): "Dataset the value is published in",
    ("all_values", "licence"): "Licence of the published data",
}


def describe_column(table: str, column: str) -> str | None:
    """The description of `table`.`column`, or None when there is none yet."""
    return TABLE_COLUMNS.get((table, column)) or COLUMNS.get(column)
