"""Server-rendered SVG charts: a line chart with an optional band, a bar chart, a kern map.

A pure module (no Django). The charts contain no script, no ``<style>`` element and no
``style`` attribute, only SVG presentation attributes (``fill``, ``stroke``...), so they work
under the Content Security Policy and inside the PDF report. They are built with ElementTree,
which escapes every text, so a department or kern name cannot break the markup.

Accessibility (WCAG 2.1 AA): every chart is ``role="img"`` with a ``<title>`` and ``<desc>``
that ``aria-labelledby`` points to, and every function also returns the rows it drew, so the
page shows the same figures as a table and offers them as CSV (1.1.1, 1.3.1). Series differ by
colour and by dash pattern, never by colour alone (1.4.1); the colours have at least 4.5:1
contrast on white (1.4.11 asks 3:1 for graphics), text is near-black.

Callers pass translated titles and labels; the module itself holds no user-facing language
beyond the defaults of optional labels, which are Dutch because the UI is Dutch-first.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

SVG_NS = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG_NS)

TEXT = "#1a1a1a"
GRID = "#6b6b6b"
# Dark enough for at least 4.5:1 on white; paired with dash patterns below.
PALETTE = ("#1f4e79", "#a33d00", "#2a6a2f", "#6a2c91", "#8a1c1c", "#00606b")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")
# Sequential scale for the map, light to dark; the circles carry a dark outline so that even
# the lightest fill keeps 3:1 against the white background through its stroke.
SEQUENTIAL = ("#c6dbef", "#85bcdb", "#4a98c9", "#2070b4", "#08458a")
OUTLINE = "#08306b"
FLAG = "#a33d00"

Number = float | int
XValue = float | int | date
Formatter = Callable[[float], str]


def format_number(value: float) -> str:
    """Plain number: integers without decimals, otherwise up to two decimals."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "-"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_percent(value: float) -> str:
    """A share 0..1 as a whole percentage."""
    return f"{round(value * 100)}%"


@dataclass(frozen=True)
class Chart:
    """The SVG markup and the table it shows: ``columns`` and one tuple per row."""

    svg: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]


@dataclass(frozen=True)
class LineSeries:
    """One line; ``lower``/``upper`` (same length as ``ys``) draw a band around it."""

    label: str
    xs: Sequence[XValue]
    ys: Sequence[float | None]
    lower: Sequence[float] | None = None
    upper: Sequence[float] | None = None


def _svg_root(chart_id: str, width: int, height: int, title: str, description: str) -> ET.Element:
    root = ET.Element(
        f"{{{SVG_NS}}}svg",
        {
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "id": chart_id,
            "font-family": "sans-serif",
            "font-size": "12",
        },
    )
    _sub(root, "title", {"id": f"{chart_id}-title"}, title)
    _sub(root, "desc", {"id": f"{chart_id}-desc"}, description)
    _sub(
        root,
        "rect",
        {"x": "0", "y": "0", "width": str(width), "height": str(height), "fill": "#ffffff"},
    )
    return root


def _sub(
    parent: ET.Element, tag: str, attributes: dict[str, str], text: str | None = None
) -> ET.Element:
    element = ET.SubElement(parent, f"{{{SVG_NS}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _serialise(root: ET.Element) -> str:
    return ET.tostring(root, encoding="unicode")


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 times a power of ten) covering low..high."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0, 1.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _x_number(value: XValue) -> float:
    return float(value.toordinal()) if isinstance(value, date) else float(value)


def _x_label(value: XValue) -> str:
    return value.isoformat() if isinstance(value, date) else format_number(float(value))


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[LineSeries],
    x_label: str,
    y_label: str,
    y_format: Formatter = format_number,
    x_format: Callable[[XValue], str] = _x_label,
    y_min: float | None = None,
    y_max: float | None = None,
    band_labels: tuple[str, str] = ("ondergrens", "bovengrens"),
    threshold: float | None = None,
    threshold_label: str = "drempel",
    width: int = 640,
    height: int = 320,
) -> Chart:
    """A line chart; a series with ``lower``/``upper`` gets a shaded band (a forecast).

    The rows are one per x value (in order), with for each series its value and, when it has a
    band, the lower and upper bound: exactly what the lines and bands show.
    """
    margin_left, margin_right, margin_top, margin_bottom = 56, 16, 36, 44
    legend_height = 18 * len(series)
    plot_w = width - margin_left - margin_right
    plot_h = height - margin_top - margin_bottom - legend_height
    values: list[float] = []
    xs_all: list[XValue] = []
    for line in series:
        xs_all.extend(line.xs)
        values.extend(v for v in line.ys if v is not None)
        for bound in (line.lower, line.upper):
            if bound is not None:
                values.extend(v for v in bound if v is not None and math.isfinite(v))
    if threshold is not None:
        values.append(threshold)
    low = y_min if y_min is not None else min(values, default=0.0)
    high = y_max if y_max is not None else max(values, default=1.0)
    ticks = nice_ticks(low, high)
    low, high = (
        (y_min if y_min is not None else ticks[0]),
        (y_max if y_max is not None else ticks[-1]),
    )
    if high <= low:
        high = low + 1.0
    x_numbers = [_x_number(x) for x in xs_all] or [0.0, 1.0]
    x_low, x_high = min(x_numbers), max(x_numbers)
    if x_high <= x_low:
        x_high = x_low + 1.0

    def px(x: XValue) -> float:
        return margin_left + (_x_number(x) - x_low) / (x_high - x_low) * plot_w

    def py(y: float) -> float:
        return margin_top + (1 - (y - low) / (high - low)) * plot_h

    root = _svg_root(chart_id, width, height, title, description)
    axes = _sub(root, "g", {"stroke": GRID, "stroke-width": "1"})
    labels = _sub(root, "g", {"fill": TEXT})
    for tick in ticks:
        if low - 1e-9 <= tick <= high + 1e-9:
            y = py(tick)
            _sub(
                axes,
                "line",
                {
                    "x1": _n(margin_left),
                    "x2": _n(margin_left + plot_w),
                    "y1": _n(y),
                    "y2": _n(y),
                    "stroke-opacity": "0.35",
                },
            )
            _sub(
                labels,
                "text",
                {"x": _n(margin_left - 6), "y": _n(y + 4), "text-anchor": "end"},
                y_format(tick),
            )
    _sub(
        axes,
        "line",
        {
            "x1": _n(margin_left),
            "x2": _n(margin_left),
            "y1": _n(margin_top),
            "y2": _n(margin_top + plot_h),
        },
    )
    _sub(
        axes,
        "line",
        {
            "x1": _n(margin_left),
            "x2": _n(margin_left + plot_w),
            "y1": _n(margin_top + plot_h),
            "y2": _n(margin_top + plot_h),
        },
    )
    distinct = sorted(dict.fromkeys(xs_all), key=_x_number)
    stride = max(1, math.ceil(len(distinct) / 6))
    for x in distinct[::stride]:
        _sub(
            labels,
            "text",
            {"x": _n(px(x)), "y": _n(margin_top + plot_h + 16), "text-anchor": "middle"},
            x_format(x),
        )
    _sub(
        labels,
        "text",
        {
            "x": _n(margin_left + plot_w / 2),
            "y": _n(margin_top + plot_h + 34),
            "text-anchor": "middle",
        },
        x_label,
    )
    _sub(labels, "text", {"x": _n(margin_left), "y": "20", "text-anchor": "start"}, y_label)
    if threshold is not None:
        y = py(threshold)
        _sub(
            root,
            "line",
            {
                "x1": _n(margin_left),
                "x2": _n(margin_left + plot_w),
                "y1": _n(y),
                "y2": _n(y),
                "stroke": FLAG,
                "stroke-dasharray": "3 3",
                "stroke-width": "1.5",
            },
        )
        _sub(
            root,
            "text",
            {"x": _n(margin_left + plot_w), "y": _n(y - 4), "text-anchor": "end", "fill": FLAG},
            f"{threshold_label} {y_format(threshold)}",
        )

    for index, line in enumerate(series):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        group = _sub(root, "g", {"data-series": line.label})
        if line.lower is not None and line.upper is not None:
            top = [
                (px(x), py(u))
                for x, u in zip(line.xs, line.upper, strict=True)
                if u is not None and math.isfinite(u)
            ]
            bottom = [
                (px(x), py(lo))
                for x, lo in zip(line.xs, line.lower, strict=True)
                if lo is not None and math.isfinite(lo)
            ]
            if top and bottom:
                outline = top + bottom[::-1]
                _sub(
                    group,
                    "polygon",
                    {
                        "points": " ".join(f"{_n(a)},{_n(b)}" for a, b in outline),
                        "fill": colour,
                        "fill-opacity": "0.18",
                        "stroke": "none",
                    },
                )
        segments: list[list[tuple[float, float]]] = [[]]
        for x, y in zip(line.xs, line.ys, strict=True):
            if y is None:
                segments.append([])
            else:
                segments[-1].append((px(x), py(y)))
        attributes = {
            "fill": "none",
            "stroke": colour,
            "stroke-width": "2.5",
            "stroke-linejoin": "round",
        }
        if dash:
            attributes["stroke-dasharray"] = dash
        for segment in segments:
            if len(segment) > 1:
                _sub(
                    group,
                    "polyline",
                    {**attributes, "points": " ".join(f"{_n(a)},{_n(b)}" for a, b in segment)},
                )
            for a, b in segment:
                _sub(group, "circle", {"cx": _n(a), "cy": _n(b), "r": "2.5", "fill": colour})
        legend_y = height - legend_height + 18 * index + 4
        legend_attributes = {
            **attributes,
            "x1": _n(margin_left),
            "x2": _n(margin_left + 28),
            "y1": _n(legend_y),
            "y2": _n(legend_y),
        }
        _sub(root, "line", legend_attributes)
        _sub(
            root,
            "text",
            {"x": _n(margin_left + 36), "y": _n(legend_y + 4), "fill": TEXT},
            line.label,
        )

    columns: list[str] = [x_label]
    for line in series:
        columns.append(line.label)
        if line.lower is not None and line.upper is not None:
            columns.extend([f"{line.label} ({band_labels[0]})", f"{line.label} ({band_labels[1]})"])
    rows = []
    for x in distinct:
        row: list[object] = [x]
        for line in series:
            position = {key: i for i, key in enumerate(line.xs)}.get(x)
            row.append(line.ys[position] if position is not None else None)
            if line.lower is not None and line.upper is not None:
                row.append(line.lower[position] if position is not None else None)
                row.append(line.upper[position] if position is not None else None)
        rows.append(tuple(row))
    return Chart(_serialise(root), tuple(columns), tuple(rows))


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, float]],
    label_column: str,
    value_column: str,
    value_format: Formatter = format_number,
    max_value: float | None = None,
    width: int = 640,
) -> Chart:
    """Horizontal bars (long department and kern names stay readable), value printed at the end."""
    bar_h, gap, margin_top, label_w, value_w = 20, 8, 12, 180, 64
    height = margin_top * 2 + len(bars) * (bar_h + gap)
    top = max_value if max_value is not None else max((v for _, v in bars), default=0.0)
    top = top if top > 0 else 1.0
    plot_w = width - label_w - value_w - 16
    root = _svg_root(chart_id, width, max(height, 40), title, description)
    group = _sub(root, "g", {"fill": PALETTE[0]})
    labels = _sub(root, "g", {"fill": TEXT})
    for index, (label, value) in enumerate(bars):
        y = margin_top + index * (bar_h + gap)
        length = max(0.0, min(value, top)) / top * plot_w
        _sub(
            group,
            "rect",
            {"x": str(label_w), "y": _n(y), "width": _n(length), "height": str(bar_h)},
        )
        _sub(
            labels,
            "text",
            {"x": str(label_w - 8), "y": _n(y + bar_h * 0.7), "text-anchor": "end"},
            label,
        )
        _sub(
            labels,
            "text",
            {"x": _n(label_w + length + 6), "y": _n(y + bar_h * 0.7)},
            value_format(value),
        )
    _sub(
        root,
        "line",
        {
            "x1": str(label_w),
            "x2": str(label_w),
            "y1": str(margin_top - 4),
            "y2": _n(height - margin_top + 4),
            "stroke": GRID,
        },
    )
    return Chart(
        _serialise(root),
        (label_column, value_column),
        tuple((label, value) for label, value in bars),
    )


@dataclass(frozen=True)
class MapPoint:
    """A kern on the map: its centroid, the value that colours and sizes it, and a flag."""

    name: str
    lat: float
    lon: float
    value: float
    flagged: bool = False


def kern_map(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[MapPoint],
    name_column: str = "kern",
    value_column: str = "waarde",
    flag_column: str = "gemarkeerd",
    flag_label: str = "geen activiteit",
    value_format: Formatter = format_number,
    width: int = 640,
    height: int = 480,
) -> Chart:
    """Circles at the kernen's coordinates, no tile server: size and colour show the value.

    Equirectangular projection around the mean latitude (longitudes shrink by its cosine),
    which is exact enough for one municipality. Flagged kernen (no activity in six months)
    get a dashed orange ring and the flag label, so they are not told by colour alone.
    """
    margin = 48
    root = _svg_root(chart_id, width, height, title, description)
    if points:
        mean_lat = sum(p.lat for p in points) / len(points)
        shrink = math.cos(math.radians(mean_lat))
        xs = [p.lon * shrink for p in points]
        ys = [p.lat for p in points]
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-6)
        scale = min(width - 2 * margin, height - 2 * margin) / span
        x_mid, y_mid = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        top = max((p.value for p in points), default=0.0)
        low = min((p.value for p in points), default=0.0)
        circles = _sub(root, "g", {"stroke": OUTLINE, "stroke-width": "1.5"})
        labels = _sub(root, "g", {"fill": TEXT, "font-size": "11"})
        # Largest first, so small circles stay visible on top.
        for point in sorted(points, key=lambda p: -p.value):
            cx = width / 2 + (point.lon * shrink - x_mid) * scale
            cy = height / 2 - (point.lat - y_mid) * scale
            share = (point.value - low) / (top - low) if top > low else 1.0
            radius = 5 + 17 * math.sqrt(max(share, 0.0))
            colour = SEQUENTIAL[min(len(SEQUENTIAL) - 1, int(share * len(SEQUENTIAL)))]
            _sub(circles, "circle", {"cx": _n(cx), "cy": _n(cy), "r": _n(radius), "fill": colour})
            if point.flagged:
                _sub(
                    circles,
                    "circle",
                    {
                        "cx": _n(cx),
                        "cy": _n(cy),
                        "r": _n(radius + 4),
                        "fill": "none",
                        "stroke": FLAG,
                        "stroke-width": "2",
                        "stroke-dasharray": "3 2",
                    },
                )
            text = f"{point.name} ({value_format(point.value)})"
            if point.flagged:
                text += f", {flag_label}"
            _sub(labels, "text", {"x": _n(cx + radius + 4), "y": _n(cy + 4)}, text)
    rows = tuple((p.name, p.value, p.flagged) for p in points)
    return Chart(_serialise(root), (name_column, value_column, flag_column), rows)
