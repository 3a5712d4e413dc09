"""Turn one load run (reruns and samples) into the numbers the benchmark reports, and compare a run
with the bare page's run of the same shape.

Latency is per rerun as the user waits for it (send → script_finished). CPU per rerun is server CPU
time over the steady window (after the ramp, until the end) divided by the reruns finished in it, so
it counts everything the server does for a rerun: script, serialisation, garbage collection, sending.
Memory per extra session is (median RSS with every session open − RSS after warming the caches with
one session per replica) / sessions.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from typing import Any

from benchmarks.loadkit.probe import Sample
from benchmarks.loadkit.tab import Rerun

RATIO_KEYS = ("p50_s", "p95_s", "p99_s", "cpu_per_rerun_s", "bytes_per_rerun", "mb_per_session")


def percentile(values: list[float], q: float) -> float | None:
    """Linear-interpolated percentile (q in 0..100); None for no values."""
    vals = sorted(v for v in values if not math.isnan(v))
    if not vals:
        return None
    k = (len(vals) - 1) * q / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return vals[lo] + (vals[hi] - vals[lo]) * (k - lo)


def latency(reruns: list[Rerun]) -> dict[str, Any]:
    lat = [r.latency_s for r in reruns if r.status in ("ok", "exception") and r.latency_s is not None]
    return {
        "n": len(lat),
        "p50_s": percentile(lat, 50),
        "p95_s": percentile(lat, 95),
        "p99_s": percentile(lat, 99),
        "max_s": max(lat) if lat else None,
    }


def summarise(
    reruns: list[Rerun],
    samples: list[Sample],
    window: tuple[float, float],
    sessions: int,
    rss_warm: float,
    connect_errors: int,
) -> dict[str, Any]:
    t0, t1 = window
    steady = [r for r in reruns if r.t_done is not None and t0 <= r.t_done <= t1 and r.status in ("ok", "exception")]
    inside = [s for s in samples if t0 <= s.t <= t1]
    span = inside[-1].t - inside[0].t if len(inside) > 1 else 0.0
    cpu = inside[-1].cpu_s - inside[0].cpu_s if len(inside) > 1 else math.nan
    done_in_span = [r for r in steady if inside and inside[0].t <= (r.t_done or 0) <= inside[-1].t]
    ok = [r for r in reruns if r.status == "ok"]
    errors = Counter(r.status for r in reruns if r.status not in ("ok",))
    if connect_errors:
        errors["connect_error"] = connect_errors
    rss_open = statistics.median(s.rss_mb for s in inside) if inside else math.nan
    client = inside[-1].client_cpu_s - inside[0].client_cpu_s if len(inside) > 1 else math.nan
    out = latency(reruns)
    out |= {
        "interact": latency([r for r in reruns if r.kind != "load"]),
        "load": latency([r for r in reruns if r.kind == "load"]),
        "reruns": len(reruns),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "error_details": sorted({r.detail[:160] for r in reruns if r.status != "ok" and r.detail})[:5],
        "rps": len(done_in_span) / span if span else None,
        "cpu_per_rerun_s": cpu / len(done_in_span) if done_in_span else None,
        "server_cpu_pct": 100 * cpu / span if span else None,
        "client_cpu_pct": 100 * client / span if span else None,
        "script_s_p50": percentile([r.script_s for r in reruns if r.script_s is not None], 50),
        "script_s_p95": percentile([r.script_s for r in reruns if r.script_s is not None], 95),
        "bytes_per_rerun": statistics.fmean(r.bytes for r in reruns) if reruns else None,
        "elements_per_rerun": statistics.fmean(r.elements for r in ok) if ok else None,
        "wire_bytes_per_rerun": statistics.fmean(r.wire_bytes for r in reruns) if reruns else None,
        "rss_warm_mb": rss_warm,
        "rss_open_mb": rss_open,
        "rss_max_mb": max((s.rss_mb for s in samples), default=None),
        "mb_per_session": (rss_open - rss_warm) / sessions if sessions else None,
        "load1_mean": statistics.fmean(s.load1 for s in inside) if inside else None,
        "machine_busy_pct": statistics.fmean(s.busy_pct for s in inside[1:]) if len(inside) > 1 else None,
    }
    return out


def ratios(app: dict[str, Any], bare: dict[str, Any]) -> dict[str, float | None]:
    """Each reported number of the app divided by the bare page's from the same run."""
    out: dict[str, float | None] = {}
    for key in RATIO_KEYS:
        a, b = app.get(key), bare.get(key)
        out[key] = a / b if isinstance(a, int | float) and isinstance(b, int | float) and b > 0 else None
    return out


def memory_trend(samples: list[Sample], warm_from: float) -> dict[str, float | None]:
    """For a soak: RSS at the start and end of the warm part and the least-squares slope (MB/min)."""
    pts = [(s.t, s.rss_mb) for s in samples if s.t >= warm_from]
    if len(pts) < 10:
        return {"rss_start_mb": None, "rss_end_mb": None, "slope_mb_per_min": None}
    tenth = max(1, len(pts) // 10)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x in xs)
    return {
        "rss_start_mb": statistics.median(ys[:tenth]),
        "rss_end_mb": statistics.median(ys[-tenth:]),
        "slope_mb_per_min": slope * 60,
    }
