"""Adult care 2014-15 activity reader (PSS-EX1, wide by council) and the 2016-17 keyed file left unused."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from accountability.sources import asc_fr_activity as act
from accountability.sources.base import RowAccount, SourceFileError

LABELS = "Support type,Age category,Primary support reason,Service delivery mechanism,Provision"


def councils() -> pl.DataFrame:
    rows = [("E10000006", "Cumbria", [], "102", None, date(2023, 4, 1)),
            ("E06000035", "Medway", [], "821", None, None)]  # fmt: skip
    schema = {"code": pl.String, "name": pl.String, "aliases": pl.List(pl.String), "cassr_code": pl.String,
              "valid_from": pl.Date, "valid_to": pl.Date}  # fmt: skip
    return pl.DataFrame(rows, schema=schema, orient="row")


def activity(tmp_path: Path, header: str = f"{LABELS},102 - Cumbria,821 - Medway Towns,ENGLAND") -> Path:
    lines = [
        ",,,,,NW,SE,",
        header,
        "Long term,Age 65 and over,Physical support,Residential,In house provision,100.5,:,900",
        "Long term,Age 65 and over,Physical support,Residential,External provision,200,50,8000",
        "Long term,Age 65 and over,Physical support,Residential,Total provision,300.5,50,8900",
        "Long term,Age 65 and over,Physical support,Nursing,External provision,70,20,4000",
        "Long term,Age 18 to 64,Physical support,Residential,In house provision,1,2,3",
        ",Age 18 and over,,Internal home care provision,Hourly rate,15,16,17",
        ",,,,,,,",
        "Notes:,,,,,,,",
    ]
    path = tmp_path / act.ACTIVITY_1415
    path.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    return path


def test_weeks_by_council_setting_provision_and_support_reason(tmp_path: Path) -> None:
    accounts: list[RowAccount] = []
    frame = act.read_activity_1415(activity(tmp_path), councils(), accounts)
    got = {(r["code"], r["setting"], r["provision"]): r for r in frame.iter_rows(named=True)}
    assert got[("E10000006", "residential", "in_house")]["value"] == 100.5
    assert got[("E06000035", "residential", "in_house")]["status"] == "not_available"  # ':' is not zero
    assert got[("E06000035", "nursing", "external")]["value"] == 20  # 'Medway Towns' by its CASSR code
    assert set(frame["unit"]) == {"weeks"} and set(frame["period"]) == {"2014-15"} and frame["official"].all()
    assert set(frame["support_reason"]) == {"Physical support"} and frame["source_row"].min() == 3
    account = accounts[0]
    assert account.kept == 3 and account.balanced()
    assert account.rejected["total provision row (in-house plus external; not stored)"] == 1


def test_a_council_column_that_matches_no_council_is_named(tmp_path: Path) -> None:
    header = f"{LABELS},102 - Cumbria,999 - Atlantis,ENGLAND"
    with pytest.raises(SourceFileError, match="999 - Atlantis"):
        act.read_activity_1415(activity(tmp_path, header), councils(), [])


def test_the_2016_17_keyed_file_is_accounted_as_read_and_not_used(tmp_path: Path) -> None:
    path = tmp_path / act.KEYED_2016_17
    path.write_text("UUID,ActivityProvision_KEY,SupportSetting_KEY,AgeBand_KEY,ItemValue\n1,2,7,2,10\n2,3,7,2,5\n")
    accounts: list[RowAccount] = []
    act.account_unverified(path, accounts)
    assert accounts[0].read == 2 and accounts[0].kept == 0 and accounts[0].rejected == {act.UNVERIFIED: 2}
