"""WCAG contrast of a Plotly figure, read from its own dict: every text and every line and marker.

`figure_contrast(fig)` returns one `Pair` per thing drawn and background it can be drawn on, and the
places where a colour is not set in the figure itself (Streamlit's chart theme would then supply
one: axis text #808495, 3.7:1). Rules, so a test can say what it proves:
- text (titles, axis titles and tick labels, legend, annotations, text beside points, hover
  labels) needs 4.5:1 against its background; an annotation's or legend's own background, if
  translucent, is laid over each background it can sit on;
- lines, markers, error bars, bars and line shapes need 3:1. A marker passes by its fill or by an
  outline at least 1 px wide (open symbols are drawn in the marker colour); a line drawn on a
  wider line along the same points (a halo) is judged against the halo;
- backgrounds: the paper (around the plot), the plot, and every filled thing drawn under lines and
  markers (rectangle shapes, filled areas, bars), each laid over the plot background. Judging every
  line against every one of them is stricter than the chart needs, never looser;
- not judged: gridlines and zero lines (the values are in hover text and tables); filled areas
  themselves (map classes, a projection band: the legend, hover and table give their values; they
  are backgrounds here); invisible hover targets (opacity under 0.1).
Colour maths: WCAG 2.2 relative luminance and contrast ratio; alpha composited in sRGB, as browsers do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

TEXT, GRAPHIC = 4.5, 3.0
NAMED = {"white": "#ffffff", "black": "#000000", "transparent": "rgba(0,0,0,0)"}
Rgba = tuple[float, float, float, float]


def parse(colour: str) -> Rgba:
    """'#rgb', '#rrggbb', 'rgb(…)', 'rgba(…)' or a few names -> (r, g, b in 0-255, alpha 0-1)."""
    text = NAMED.get(colour.strip().lower(), colour.strip().lower())
    if text.startswith("#"):
        digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:4])
        return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16), 1.0)
    found = re.fullmatch(r"rgba?\(([^)]*)\)", text)
    if not found:
        raise ValueError(f"cannot read colour {colour!r}")
    parts = [float(p) for p in found.group(1).split(",")]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) == 4 else 1.0)


def over(colour: str, background: Rgba) -> Rgba:
    r, g, b, a = parse(colour)
    return (a * r + (1 - a) * background[0], a * g + (1 - a) * background[1], a * b + (1 - a) * background[2], 1.0)


def luminance(c: Rgba) -> float:
    def channel(v: float) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])


def ratio(a: Rgba, b: Rgba) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass(frozen=True)
class Pair:
    what: str
    colour: str
    background: Rgba
    ratio: float
    needed: float


def _get(d: Any, *path: str) -> Any:
    for key in path:
        d = d.get(key) if isinstance(d, dict) else None
    return d


class _Walk:
    def __init__(self, fig: go.Figure) -> None:
        spec = fig.to_dict()
        self.layout: dict[str, Any] = {k: v for k, v in spec["layout"].items() if k != "template"}
        self.traces: list[dict[str, Any]] = spec["data"]
        self.pairs: list[Pair] = []
        self.unset: list[str] = []
        white = (255.0, 255.0, 255.0, 1.0)
        self.paper = over(self.need("paper_bgcolor", self.layout.get("paper_bgcolor")) or "#fff", white)
        self.plot = over(self.need("plot_bgcolor", self.layout.get("plot_bgcolor")) or "#fff", self.paper)
        self.underlays = list(dict.fromkeys([self.plot, *[over(c, self.plot) for c in self._fills()]]))

    def need(self, what: str, colour: Any) -> str | None:
        """The colour if the figure sets it; otherwise noted as unset (the chart theme would choose it)."""
        if isinstance(colour, str) and colour:
            return colour
        self.unset.append(what)
        return None

    def check(self, what: str, colour: str | None, backgrounds: list[Rgba], needed: float) -> None:
        for background in backgrounds if colour else []:
            self.pairs.append(
                Pair(what, colour or "", background, ratio(over(colour or "", background), background), needed)
            )

    def own(self, what: str, colour: Any, backgrounds: list[Rgba], needed: float) -> None:
        """Check a colour the figure must set itself (the chart theme would otherwise pick one)."""
        self.check(what, self.need(what, colour), backgrounds, needed)

    def _fills(self) -> list[str]:
        shapes = [s.get("fillcolor") for s in self.layout.get("shapes", []) if s.get("type") == "rect"]
        areas = [t.get("fillcolor") for t in self.traces if t.get("fill") not in (None, "none")]
        bars = [_get(t, "marker", "color") for t in self.traces if t.get("type") == "bar"]
        return [c for c in [*shapes, *areas, *bars] if isinstance(c, str)]

    def font(self, what: str, font: Any) -> str | None:
        """A text's own colour, else the figure's own default font colour (never the theme's)."""
        return self.need(what, _get(font, "color") or _get(self.layout, "font", "color"))

    def texts(self) -> None:
        self._titles()
        self._axis_texts()
        self._legend()
        self._annotations()
        self._trace_texts()
        self._hover()

    def _titles(self) -> None:
        title = self.layout.get("title") or {}
        if _get(title, "text"):
            self.own("title", _get(title, "font", "color"), [self.paper], TEXT)
        if _get(title, "subtitle", "text"):
            self.own("subtitle", _get(title, "subtitle", "font", "color"), [self.paper], TEXT)

    def _axis_texts(self) -> None:
        for name in sorted(self._axes()):
            axis = self.layout.get(name) or {}
            if axis.get("visible") is False:
                continue
            if _get(axis, "title", "text"):
                self.own(f"{name} title", _get(axis, "title", "font", "color"), [self.paper], TEXT)
            if axis.get("showticklabels") is not False:
                self.own(f"{name} tick labels", _get(axis, "tickfont", "color"), [self.paper], TEXT)

    def _annotations(self) -> None:
        for i, note in enumerate(self.layout.get("annotations", [])):
            self.check(
                f"annotation {i} {note.get('text', '')[:30]!r}",
                self.font(f"annotation {i}", note.get("font")),
                self._behind(note.get("bgcolor")),
                TEXT,
            )

    def _trace_texts(self) -> None:
        for trace in self.traces:
            if "text" in str(trace.get("mode", "")):
                self.check(
                    f"text of {trace.get('name')}",
                    self.font(f"text of {trace.get('name')}", trace.get("textfont")),
                    self.underlays,
                    TEXT,
                )

    def _hover(self) -> None:
        hover = self.layout.get("hoverlabel") or {}
        background = self.need("hover label background", hover.get("bgcolor"))
        if background:
            self.own("hover text", _get(hover, "font", "color"), [over(background, self.paper)], TEXT)

    def _axes(self) -> set[str]:
        named = {k for k in self.layout if re.fullmatch(r"[xy]axis\d*", k)}
        used = {f"{a}axis{str(t.get(a + 'axis', a))[1:]}" for t in self.traces for a in ("x", "y")}
        return named | used

    def _legend(self) -> None:
        shown = self.layout.get("showlegend") is not False and any(
            t.get("showlegend") is not False for t in self.traces
        )
        if not shown:
            return
        legend = self.layout.get("legend") or {}
        backgrounds = self._behind(legend.get("bgcolor")) if legend.get("bgcolor") else [self.paper]
        self.own("legend", _get(legend, "font", "color"), backgrounds, TEXT)

    def _behind(self, own: str | None) -> list[Rgba]:
        """Backgrounds of something that can sit anywhere: its own (translucent) background laid over each."""
        places = list(dict.fromkeys([self.paper, *self.underlays]))
        return list(dict.fromkeys(over(own, p) for p in places)) if own else places

    def graphics(self) -> None:
        for i, trace in enumerate(self.traces):
            if trace.get("visible") is not False:
                self._trace_graphics(i, trace, f"trace {i} ({trace.get('name')})")
        for i, shape in enumerate(self.layout.get("shapes", [])):
            if shape.get("type") == "line":
                self.own(f"shape {i} line", _get(shape, "line", "color"), self.underlays, GRAPHIC)

    def _trace_graphics(self, i: int, trace: dict[str, Any], name: str) -> None:
        if trace.get("type") == "bar":
            self._marker(name, trace, [self.plot, *[over(c, self.plot) for c in self._rects()]])
            return
        if trace.get("fill") not in (None, "none"):
            return  # a filled area: a background for what is drawn on it (see the module docstring)
        mode = str(trace.get("mode", "lines+markers"))
        line = trace.get("line") or {}
        if "lines" in mode and line.get("width", 2) > 0 and not self._is_halo(i):
            self.own(f"{name} line", line.get("color"), self._halo(i), GRAPHIC)
        opacity = _get(trace, "marker", "opacity")
        if "markers" in mode and (opacity is None or opacity >= 0.1):
            self._marker(name, trace, self.underlays)
        for bar in ("error_x", "error_y"):
            if _get(trace, bar, "visible"):
                self.own(f"{name} {bar}", _get(trace, bar, "color"), self.underlays, GRAPHIC)

    def _rects(self) -> list[str]:
        return [s["fillcolor"] for s in self.layout.get("shapes", []) if s.get("type") == "rect" and s.get("fillcolor")]

    def _is_halo(self, i: int) -> bool:
        after = self.traces[i + 1] if i + 1 < len(self.traces) else {}
        return bool(after) and self._halo(i + 1) != self.underlays

    def _halo(self, i: int) -> list[Rgba]:
        """A line drawn along the same points as a wider line just before it is seen against that line."""
        trace, before = self.traces[i], self.traces[i - 1] if i else {}
        same = before.get("x") == trace.get("x") and before.get("y") == trace.get("y")
        wider = (_get(before, "line", "width") or 2) > (_get(trace, "line", "width") or 2)
        halo = _get(before, "line", "color")
        return [over(halo, self.plot)] if same and wider and isinstance(halo, str) else self.underlays

    def _marker(self, name: str, trace: dict[str, Any], backgrounds: list[Rgba]) -> None:
        """Passes by its fill or by an outline at least 1 px wide; open symbols are drawn in the marker colour."""
        marker = trace.get("marker") or {}
        fill = marker.get("color") or (_get(trace, "line", "color") if "lines" in str(trace.get("mode", "")) else None)
        outline = _get(marker, "line", "color") if (_get(marker, "line", "width") or 0) >= 1 else None
        if str(marker.get("symbol", "")).endswith("-open"):
            outline = None
        for colour in fill if isinstance(fill, list) else [fill]:
            if not self.need(f"{name} marker colour", colour):
                continue
            for background in backgrounds:
                options = [(c, ratio(over(c, background), background)) for c in (colour, outline) if c]
                best, best_ratio = max(options, key=lambda option: option[1])
                self.pairs.append(Pair(f"{name} marker", best, background, best_ratio, GRAPHIC))


def figure_contrast(fig: go.Figure) -> tuple[list[Pair], list[str]]:
    """(every colour pair judged, every colour the figure leaves to the theme); see the module docstring."""
    walk = _Walk(fig)
    walk.texts()
    walk.graphics()
    return walk.pairs, walk.unset
