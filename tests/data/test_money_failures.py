"""`python -m accountability.prepare` on malformed money and market files: it stops, says where, writes nothing.

Same harness as test_prepare_failures: a raw folder of symlinks with one file replaced by a corrupted
copy (its reader put first: the build stops at the bad file whichever order its readers run in), and
a copy of the committed store that must stay byte for byte as it was.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.test_prepare_failures import Build, replace_file

FINANCE = "finance/RO3_LA_Data_2024-25_data_by_LA.ods"
CQC = "cqc-la-assessments/cqc_league_tables.html"
LAIT_DICTIONARY = "lait-dfe/lait_data_dictionary.csv"

pytestmark = pytest.mark.raw


@pytest.fixture
def build(tmp_path: Path, raw_dir: Path, store_dir: Path) -> Build:
    return Build(tmp_path, raw_dir, store_dir)


def test_a_workbook_that_is_not_one_stops_the_build_naming_it(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    replace_file(build.raw, FINANCE, b"this is not a spreadsheet")
    err = build.fails(capsys, "council spending on social care")
    assert "RO3_LA_Data_2024-25_data_by_LA.ods: cannot read the workbook" in err


def test_an_unknown_cqc_rating_stops_the_build_naming_column_and_line(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    text = build.published(CQC).decode("utf-8")
    marker = '<td class="rating-cell outstanding">Outstanding</td>'
    at = text.index(marker)
    line = text.count("\n", 0, text.rfind("<tr", 0, at)) + 1  # the line of Camden's <tr>
    replace_file(build.raw, CQC, text.replace(marker, '<td class="rating-cell">Brilliant</td>', 1).encode("utf-8"))
    err = build.fails(capsys, "CQC council assessments")
    assert f"cqc_league_tables.html, column 'Overall', row {line}: 'Brilliant' is not a CQC rating" in err


def test_a_unit_cost_the_dictionary_now_gives_a_direction_stops_the_build(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    published = build.published(LAIT_DICTIONARY)
    changed = published.replace(b'"RescareFinance",NA,', b'"RescareFinance","Low",', 1)
    assert changed != published
    replace_file(build.raw, LAIT_DICTIONARY, changed)
    err = build.fails(capsys, "children's care weekly unit costs")
    assert "lait_data_dictionary.csv, column 'Polarity'" in err and "'RescareFinance' now reads polarity 'Low'" in err
