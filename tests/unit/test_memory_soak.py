"""The soak summary's arithmetic (benchmarks/memory_soak.py): the RSS read at a minute and the slope
over the last five minutes, which benchmarks/RESULTS.md quotes for the memory target of issue 14."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("memory_soak", ROOT / "benchmarks" / "memory_soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


soak = _module()


def _samples(rss_at_second: dict[int, float]) -> list[list[float]]:
    return [[float(t), 0.0, rss, 0.0] for t, rss in sorted(rss_at_second.items())]


def test_a_flat_curve_has_no_slope_and_a_rising_one_its_rate() -> None:
    flat = _samples(dict.fromkeys(range(0, 601), 400.0))
    rising = _samples({t: 300 + 10 * t / 60 for t in range(0, 601)})  # 10 MB a minute throughout
    assert soak.slope_mb_per_min(flat) == pytest.approx(0.0)
    assert soak.slope_mb_per_min(rising) == pytest.approx(10.0)


def test_the_slope_reads_only_the_last_five_minutes() -> None:
    # Growing 20 MB a minute for five minutes, then flat: the target's case of caches filling, then full.
    filling_then_flat = _samples({t: 300 + 20 * min(t, 300) / 60 for t in range(0, 601)})
    assert soak.slope_mb_per_min(filling_then_flat) == pytest.approx(0.0, abs=0.1)
    assert soak.slope_mb_per_min(filling_then_flat, last_s=600) > 5


def test_rss_at_a_minute_is_the_first_sample_at_or_after_it() -> None:
    samples = _samples({0: 100.0, 59: 110.0, 61: 120.0, 130: 130.0})
    assert soak.rss_at(samples, 0) == 100.0
    assert soak.rss_at(samples, 1) == 120.0
    assert soak.rss_at(samples, 2) == 130.0
    assert soak.rss_at(samples, 10) is None


@pytest.mark.parametrize("samples", [[], [[0.0, 0.0, 1.0, 0.0]]])
def test_too_few_samples_give_no_slope(samples: list[list[float]]) -> None:
    assert soak.slope_mb_per_min(samples) is None
