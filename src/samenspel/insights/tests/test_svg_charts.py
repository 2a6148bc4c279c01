"""SVG charts: well-formed, script- and style-free, accessible, and carrying their numbers."""

import xml.etree.ElementTree as ET
from datetime import date

from samenspel.insights.charts import (
    PALETTE,
    LineSeries,
    MapPoint,
    bar_chart,
    kern_map,
    line_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, not untrusted input)


def _assert_csp_safe(root: ET.Element) -> None:
    for element in root.iter():
        assert element.tag not in (f"{SVG}script", f"{SVG}style", f"{SVG}foreignObject")
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
        assert not any("javascript:" in value for value in element.attrib.values())


def _texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def _forecast_chart():
    months = [date(2025, m, 1) for m in range(1, 7)]
    return line_chart(
        chart_id="bereik",
        title="Bereik per maand",
        description="Aandeel medewerkers met ten minste één betrokkenheid, met prognose.",
        series=[
            LineSeries("Gemeten", months[:4], [0.1, 0.2, 0.35, None]),
            LineSeries(
                "Prognose",
                months,
                [0.1, 0.21, 0.34, 0.5, 0.64, 0.75],
                lower=[0.1, 0.2, 0.3, 0.42, 0.55, 0.66],
                upper=[0.1, 0.22, 0.38, 0.58, 0.72, 0.83],
            ),
        ],
        x_label="Maand",
        y_label="Bereik",
        y_min=0.0,
        y_max=1.0,
        threshold=0.8,
    )


def test_line_chart_is_well_formed_svg_without_script_or_style():
    root = _parse(_forecast_chart().svg)
    assert root.tag == f"{SVG}svg"
    _assert_csp_safe(root)


def test_line_chart_names_itself_for_screen_readers():
    root = _parse(_forecast_chart().svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "bereik-title bereik-desc"
    assert root.find(f"{SVG}title").text == "Bereik per maand"
    assert root.find(f"{SVG}title").get("id") == "bereik-title"
    assert "prognose" in root.find(f"{SVG}desc").text


def test_forecast_band_is_drawn_and_its_bounds_are_in_the_table():
    chart = _forecast_chart()
    root = _parse(chart.svg)
    assert len(list(root.iter(f"{SVG}polygon"))) == 1
    assert chart.columns == (
        "Maand",
        "Gemeten",
        "Prognose",
        "Prognose (ondergrens)",
        "Prognose (bovengrens)",
    )
    assert chart.rows[2] == (date(2025, 3, 1), 0.35, 0.34, 0.3, 0.38)
    assert chart.rows[5] == (date(2025, 6, 1), None, 0.75, 0.66, 0.83)


def test_series_differ_by_dash_pattern_not_only_by_colour():
    root = _parse(_forecast_chart().svg)
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}polyline")}
    assert None in dashes and len(dashes) == 2


def test_bar_chart_prints_each_value_next_to_its_label():
    chart = bar_chart(
        chart_id="afdelingen",
        title="Bereik per afdeling",
        description="Aandeel medewerkers per afdeling.",
        bars=[("Ruimte & <Wonen>", 12), ("Sociaal domein", 30.5)],
        label_column="Afdeling",
        value_column="Medewerkers",
    )
    root = _parse(chart.svg)
    _assert_csp_safe(root)
    texts = _texts(root)
    assert "Ruimte & <Wonen>" in texts  # escaped in the markup, intact for the reader
    assert "12" in texts and "30.5" in texts
    assert chart.rows == (("Ruimte & <Wonen>", 12), ("Sociaal domein", 30.5))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")][1:]
    assert widths[0] < widths[1]


def _map():
    return kern_map(
        chart_id="kernen",
        title="Signalen per 1.000 inwoners",
        description="Dekking per kern; kernen zonder activiteit zijn gemarkeerd.",
        points=[
            MapPoint("Almkerk", 51.77, 4.96, 12.5),
            MapPoint("Werkendam", 51.81, 4.89, 4.0),
            MapPoint("Uitwijk", 51.76, 4.93, 0.0, flagged=True),
        ],
    )


def test_kern_map_places_the_kernen_by_their_coordinates():
    root = _parse(_map().svg)
    _assert_csp_safe(root)
    labels = {text.text.split(" (")[0]: text for text in root.iter(f"{SVG}text")}
    # Werkendam lies north-west of Almkerk: further left and higher up on the map.
    assert float(labels["Werkendam"].get("x")) < float(labels["Almkerk"].get("x"))
    assert float(labels["Werkendam"].get("y")) < float(labels["Almkerk"].get("y"))
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    for circle in root.iter(f"{SVG}circle"):
        assert 0 <= float(circle.get("cx")) <= width and 0 <= float(circle.get("cy")) <= height


def test_kern_map_marks_unheard_kernen_in_words_and_table():
    chart = _map()
    assert "Uitwijk (0), geen activiteit" in _texts(_parse(chart.svg))
    assert chart.rows == (
        ("Almkerk", 12.5, False),
        ("Werkendam", 4.0, False),
        ("Uitwijk", 0.0, True),
    )


def test_kern_map_sizes_circles_by_value():
    root = _parse(_map().svg)
    radii = sorted(float(c.get("r")) for c in root.iter(f"{SVG}circle") if c.get("fill") != "none")
    assert radii[0] < radii[1] < radii[2]


def _contrast_on_white(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_line_colours_keep_wcag_contrast_on_white():
    assert all(_contrast_on_white(colour) >= 4.5 for colour in PALETTE)


def test_empty_data_still_gives_a_valid_chart():
    chart = line_chart(
        chart_id="leeg",
        title="Leeg",
        description="Nog geen gegevens.",
        series=[],
        x_label="Maand",
        y_label="Bereik",
    )
    _assert_csp_safe(_parse(chart.svg))
    assert chart.rows == ()
    assert kern_map(chart_id="k", title="t", description="d", points=[]).rows == ()
