"""Markdown for benchmarks/RESULTS.md from one scenario's results (benchmarks/load.py)."""

from __future__ import annotations

from typing import Any


def _num(value: Any, fmt: str = "{:.2f}") -> str:
    return "–" if value is None else fmt.format(value)


def _row(name: str, run: dict[str, Any]) -> str:
    load = " / ".join(f"{x:.1f}" for x in run["loadavg_before"])
    cells = [
        name,
        f"{_num(run['p50_s'])} / {_num(run['p95_s'])} / {_num(run['p99_s'])}",
        f"{_num(run['interact']['p50_s'])} / {_num(run['interact']['p95_s'])}",
        f"{run['errors']} of {run['reruns']}",
        _num(run["rps"]),
        _num(run["cpu_per_rerun_s"], "{:.3f}"),
        _num(run["server_cpu_pct"], "{:.0f}"),
        _num(run["bytes_per_rerun"] and run["bytes_per_rerun"] / 1000, "{:.1f}"),
        f"{_num(run['rss_warm_mb'], '{:.0f}')} → {_num(run['rss_open_mb'], '{:.0f}')}",
        _num(run["mb_per_session"]),
        f"{load} (mean {_num(run['load1_mean'], '{:.1f}')})",
    ]
    return "| " + " | ".join(cells) + " |"


HEADER = (
    "| run | rerun p50 / p95 / p99 (s) | interactions p50 / p95 (s) | errors | reruns/s | server CPU per rerun (s) "
    "| server CPU % | KB per rerun | RSS warm → all open (MB) | MB per extra session "
    "| load avg before (mean during) |\n"
    "|---|---|---|---|---:|---:|---:|---:|---|---:|---|"
)


def markdown(results: dict[str, Any]) -> str:
    sc = results["scenario"]
    title = (
        f"**{sc['sessions']} sessions, {sc['replicas']} replica(s), {sc['via']}** "
        f"({results['started']}; {sc['duration']:.0f} s, ramp {sc['ramp']:.0f} s, think {sc['think']:.0f} s ± 50%)"
    )
    lines = [title, "", HEADER]
    lines += [_row(name, run) for name, run in results["runs"].items()]
    lines.append("")
    for name, run in results["runs"].items():
        for bare, ratio in (run.get("ratio_to") or {}).items():
            parts = ", ".join(f"{k.removesuffix('_s')} {_num(v, '{:.1f}')}×" for k, v in ratio.items())
            lines.append(f"- {name} / {bare}: {parts}")
        if run.get("elements_per_rerun") is not None:
            lines.append(f"- {name}: {run['elements_per_rerun']:.1f} elements on the page per rerun (mean)")
        if run.get("script_s_p50") is not None:
            lines.append(
                f"- {name}: Streamlit's own script time (page_profile) p50 {run['script_s_p50']:.3f} s, "
                f"p95 {run['script_s_p95']:.3f} s"
            )
        if run["errors"]:
            lines.append(f"- {name} errors: {run['error_kinds']} {run['error_details']} {run['connect_errors']}")
        trend = run.get("memory_trend") or {}
        if trend.get("slope_mb_per_min") is not None and sc["duration"] >= 300:
            lines.append(
                f"- {name} memory once warm: {trend['rss_start_mb']:.0f} → {trend['rss_end_mb']:.0f} MB, "
                f"slope {trend['slope_mb_per_min']:+.2f} MB/min"
            )
    return "\n".join(lines) + "\n"
