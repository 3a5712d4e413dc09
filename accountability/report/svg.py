"""Charts for the progress report as small, self-contained SVG strings (no Plotly, kaleido or browser).

Three builders, each taking plain Python values and returning one `<svg role="img" aria-label=...>`:
- `floor_bars_svg`: councils below each floor standard (counts written beside each bar);
- `verdict_strip_svg`: one council's verdict on each standard, as a symbol, a word and a colour;
- `trend_svg`: a commitment measure over time for an area and England, the target and the
  framework break (lines are never drawn across the break).
Colour never carries meaning alone: every verdict has a symbol and a word, every line a marker
shape, a dash pattern and a legend. The same SVG is embedded in the HTML and drawn into the PDF.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

from accountability.formatting import format_value
from accountability.labels import FLOOR_VERDICT_STRIP

FONT = "Helvetica, Arial, sans-serif"
INK, MUTED, GRID = "#0b0c0c", "#505a5f", "#d8dbdd"
AREA, ENGLAND, BAR = "#12436D", "#801650", "#12436D"
VERDICT_COLOURS = {
    "below": "#801650",
    "cannot_tell": "#6B4FA0",
    "meets": "#12436D",
    "no_floor_yet": "#6f777b",
    "no_data": "#6f777b",
}
WIDTH = 640


def _open(height: float, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" aria-label="{escape(label)}" font-family="{FONT}">'
        f"<title>{escape(label)}</title>"
    )


def _text(x: float, y: float, text: str, size: int = 12, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">{escape(text)}</text>'
    )


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap into lines of at most `width` characters (a long word gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def floor_bars_svg(rows: Sequence[tuple[str, str, int, int, int]], label: str) -> str:
    """Rows of (standard, period, below, cannot_tell, councils judged): a bar per standard, counts as text."""
    row_h, top, label_w = 34, 8, 250
    scale = max([r[4] for r in rows] + [1])
    bar_w = WIDTH - label_w - 190
    parts = [_open(top + row_h * len(rows) + 8, label)]
    for i, (name, period, below, unsure, judged) in enumerate(rows):
        y = top + i * row_h
        lines = wrap(f"{name} ({period})", 40)[:2]
        for j, line in enumerate(lines):
            parts.append(_text(0, y + 19 - 7 * (len(lines) - 1) + j * 14, line, 11))
        width = bar_w * below / scale
        parts.append(f'<rect x="{label_w}" y="{y + 6}" width="{width:.1f}" height="18" fill="{BAR}"/>')
        parts.append(
            f'<rect x="{label_w}" y="{y + 6}" width="{bar_w}" height="18" fill="none" stroke="{GRID}"/>'
        )  # the scale: all councils judged
        parts.append(_text(label_w + bar_w + 8, y + 19, f"{below} below, {unsure} cannot tell, of {judged}", 11))
    return "".join(parts) + "</svg>"


def _symbol(verdict: str, x: float, y: float) -> str:
    """A white symbol on the verdict's colour, centred at (x, y): ▼ below, ◆ cannot tell, ✓ meets, – no data."""
    colour = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["no_data"])
    box = f'<rect x="{x - 9}" y="{y - 9}" width="18" height="18" rx="2" fill="{colour}"/>'
    shapes = {
        "below": f'<path d="M{x - 5} {y - 4} L{x + 5} {y - 4} L{x} {y + 5} Z" fill="#fff"/>',
        "cannot_tell": f'<path d="M{x} {y - 6} L{x + 6} {y} L{x} {y + 6} L{x - 6} {y} Z" fill="#fff"/>',
        "meets": f'<path d="M{x - 5} {y} L{x - 1.5} {y + 4} L{x + 5} {y - 4}" fill="none" stroke="#fff" '
        'stroke-width="2.2"/>',
    }
    mark = shapes.get(verdict, f'<rect x="{x - 5}" y="{y - 1}" width="10" height="2" fill="#fff"/>')
    return box + mark


def verdict_strip_svg(rows: Sequence[tuple[str, str, str]], label: str) -> str:
    """Rows of (standard, period, verdict): symbol, verdict in words, the standard and period."""
    row_h = 26
    parts = [_open(row_h * len(rows) + 6, label)]
    for i, (name, period, verdict) in enumerate(rows):
        y = 14 + i * row_h
        parts.append(_symbol(verdict, 10, y))
        parts.append(_text(26, y + 4, FLOOR_VERDICT_STRIP.get(verdict, verdict), 12))
        parts.append(_text(150, y + 4, f"{name} ({period})", 12))
    return "".join(parts) + "</svg>"


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round-numbered axis ticks covering low..high."""
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    raw = (high - low) / count
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 2.5, 5, 10) if step * m >= raw)
    start = math.floor(low / step) * step
    return [start + k * step for k in range(math.ceil((high - start) / step) + 1)]


def _segments(xs: list[float], ys: list[float | None], periods: list[str], brk: str | None) -> list[list[str]]:
    """Runs of consecutive points to join: a gap or the framework break starts a new run."""
    runs: list[list[str]] = [[]]
    for k, (x, y) in enumerate(zip(xs, ys, strict=True)):
        crosses = brk is not None and k > 0 and periods[k - 1] < brk <= periods[k]
        if y is None or crosses:
            runs.append([])
        if y is not None:
            runs[-1].append(f"{x:.1f},{y:.1f}")
    return [r for r in runs if len(r) > 1]  # a lone point is drawn by its marker alone


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


STYLES = [(AREA, "", "circle"), (ENGLAND, ' stroke-dasharray="6 4"', "square")]


def trend_svg(
    periods: list[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str,
    label: str,
    target: float | None = None,
    break_period: str | None = None,
) -> str:
    """Lines by period for up to two series, with a target line and the framework break marked."""
    height, left, right, top, bottom = 250, 64, 16, 34, 44
    found = [v for _, vals in series for v in vals if v is not None] + ([target] if target is not None else [])
    ticks = _nice_ticks(min(found, default=0.0), max(found, default=1.0))
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / max(len(periods), 1)
    xs = [left + step * (k + 0.5) for k in range(len(periods))]

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    parts = [_open(height, label), *_axes(ticks, y_of, unit, left, plot_w)]
    parts += _x_labels(periods, xs, height - bottom + 16)
    if break_period is not None and periods and periods[0] < break_period <= periods[-1]:
        k = next(i for i, p in enumerate(periods) if p >= break_period)
        bx = xs[k] - step / 2
        parts.append(f'<line x1="{bx:.1f}" y1="{top}" x2="{bx:.1f}" y2="{top + plot_h}" stroke="{MUTED}" '
                     'stroke-dasharray="2 3"/>')  # fmt: skip
        parts.append(_text(bx, top - 6, f"Framework change {break_period}", 10, "middle", MUTED))
    if target is not None:
        ty = y_of(target)
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{left + plot_w}" y2="{ty:.1f}" stroke="{INK}" '
                     'stroke-dasharray="1 3" stroke-width="1.5"/>')  # fmt: skip
        label_y = ty + 13 if ty - top < 16 else ty - 4  # below the line near the top, clear of the break label
        parts.append(_text(left + plot_w - 2, label_y, f"Target {format_value(target, unit)}", 10, "end"))
    for (_name, vals), (colour, dash, shape) in zip(series, STYLES, strict=False):
        ys = [y_of(v) if v is not None else None for v in vals]
        for run in _segments(xs, ys, periods, break_period):
            parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        parts += [_marker(shape, x, y, colour) for x, y in zip(xs, ys, strict=True) if y is not None]
    parts += _legend([name for name, _ in series], left)
    return "".join(parts) + "</svg>"


def _axes(ticks: list[float], y_of: Callable[[float], float], unit: str, left: float, plot_w: float) -> list[str]:
    parts = []
    for t in ticks:
        y = y_of(t)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(_text(left - 6, y + 4, _tick_text(t, unit), 10, "end", MUTED))
    return parts


def _tick_text(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}%" if unit == "%" else text


def _x_labels(periods: list[str], xs: list[float], y: float) -> list[str]:
    every = 1 if len(periods) <= 9 else 2
    return [_text(x, y, p, 10, "middle", MUTED) for k, (x, p) in enumerate(zip(xs, periods, strict=True))
            if (len(periods) - 1 - k) % every == 0]  # fmt: skip


def _legend(names: list[str], left: float) -> list[str]:
    parts, x = [], left
    for name, (colour, dash, shape) in zip(names, STYLES, strict=False):
        parts.append(f'<line x1="{x}" y1="14" x2="{x + 26}" y2="14" stroke="{colour}" stroke-width="2"{dash}/>')
        parts.append(_marker(shape, x + 13, 14, colour))
        parts.append(_text(x + 32, 18, name, 11))
        x += 44 + 7 * len(name)
    return parts
