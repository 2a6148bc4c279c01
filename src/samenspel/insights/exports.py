"""The dashboard's figures as CSV, XLSX, ODS and the quarterly council report as PDF.

All formats read the same ``Measure`` objects as the page, so a figure never differs between
the screen, the download and the report. The PDF draws its charts with reportlab's own
graphics from the chart rows (svglib, which would embed the page's SVG, is not installed);
the kern map appears in the PDF as its table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _

from .selectors import Filters, Measure, Table


def cell(value: object) -> object:
    """A table value as a spreadsheet or CSV cell: dates as ISO text, no NaN."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 4) if math.isfinite(value) else None
    return value


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.chart.columns)
    for row in table.chart.rows:
        writer.writerow(["" if cell(v) is None else cell(v) for v in row])
    return buffer.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    title = "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "tabel"
    base, number = title, 2
    while title in used:
        title = f"{base[:28]} {number}"
        number += 1
    used.add(title)
    return title


def figures_xlsx(measures: list[Measure], filters: Filters) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = _("Kerncijfers")
    summary.append([_("Samenspel: inzicht"), filters.label])
    summary.append([])
    summary.append([_("Maat"), _("Hoe berekend"), _("Cijfer")])
    for measure in measures:
        lines = measure.figures or [measure.note]
        for line in lines:
            summary.append([measure.title, measure.how, line])
    used = {summary.title}
    for measure in measures:
        for table in measure.tables:
            sheet = book.create_sheet(_sheet_title(table.caption, used))
            sheet.append(list(table.chart.columns))
            for row in table.chart.rows:
                sheet.append([cell(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def figures_ods(measures: list[Measure], filters: Filters) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table as OdsTable
    from odf.table import TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()

    def add_row(sheet, values) -> None:
        row = TableRow()
        for value in values:
            value = cell(value)
            if isinstance(value, bool) or value is None or isinstance(value, str):
                text = "" if value is None else str(value)
                ods_cell = TableCell(valuetype="string")
                ods_cell.addElement(P(text=text))
            else:
                ods_cell = TableCell(valuetype="float", value=value)
                ods_cell.addElement(P(text=str(value)))
            row.addElement(ods_cell)
        sheet.addElement(row)

    used: set[str] = set()
    summary = OdsTable(name=_sheet_title(_("Kerncijfers"), used))
    add_row(summary, [_("Samenspel: inzicht"), filters.label])
    add_row(summary, [_("Maat"), _("Hoe berekend"), _("Cijfer")])
    for measure in measures:
        for line in measure.figures or [measure.note]:
            add_row(summary, [measure.title, measure.how, line])
    document.spreadsheet.addElement(summary)
    for measure in measures:
        for table in measure.tables:
            sheet = OdsTable(name=_sheet_title(table.caption, used))
            add_row(sheet, table.chart.columns)
            for row in table.chart.rows:
                add_row(sheet, row)
            document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _numeric(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) and math.isfinite(float(value)):
        return float(value)
    return None


def _drawing(table: Table):
    """A reportlab drawing of a chart from its rows, or None (the map: table only)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.lineplots import LinePlot
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    rows = table.chart.rows
    columns = table.chart.columns
    if not rows or table.key == "kernen":
        return None
    palette = [colors.HexColor(c) for c in ("#1f4e79", "#a33d00", "#2a6a2f", "#6a2c91", "#8a1c1c")]
    if len(columns) == 2 and not isinstance(rows[0][0], dt.date):
        drawing = Drawing(460, 24 + 16 * len(rows))
        chart = HorizontalBarChart()
        chart.x, chart.y = 170, 10
        chart.width, chart.height = 270, 16 * len(rows)
        chart.data = [[_numeric(r[1]) or 0.0 for r in reversed(rows)]]
        chart.categoryAxis.categoryNames = [str(r[0])[:40] for r in reversed(rows)]
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.valueMin = 0
        chart.bars[0].fillColor = palette[0]
        drawing.add(chart)
        return drawing
    drawing = Drawing(460, 200)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 40, 40, 400, 140
    lines = []
    names = []
    for index in range(1, len(columns)):
        points = [
            (i, _numeric(row[index]))
            for i, row in enumerate(rows)
            if _numeric(row[index]) is not None
        ]
        if points:
            lines.append(points)
            names.append(columns[index])
    if not lines:
        return None
    plot.data = lines
    for i in range(len(lines)):
        plot.lines[i].strokeColor = palette[i % len(palette)]
        plot.lines[i].strokeWidth = 1.5
    plot.xValueAxis.valueMin = 0
    plot.xValueAxis.valueMax = max(len(rows) - 1, 1)
    plot.xValueAxis.labels.fontSize = 7
    step = max(1, len(rows) // 6)
    plot.xValueAxis.valueSteps = list(range(0, len(rows), step))
    plot.xValueAxis.labelTextFormat = lambda v: str(cell(rows[int(v)][0]))[:7]
    plot.yValueAxis.labels.fontSize = 7
    drawing.add(plot)
    for i, name in enumerate(names):
        drawing.add(
            String(
                40 + 140 * (i % 3),
                6 + 10 * (i // 3),
                str(name)[:30],
                fontSize=7,
                fillColor=palette[i % len(palette)],
            )
        )
    return drawing


def council_report_pdf(measures: list[Measure], filters: Filters) -> bytes:
    """The quarterly council report: plain Dutch text, the figures, charts and tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    sheet = getSampleStyleSheet()
    styles = {
        "title": ParagraphStyle("title", parent=sheet["Title"], alignment=0, fontSize=18),
        "h2": ParagraphStyle("h2", parent=sheet["Heading2"], spaceBefore=10),
        "body": ParagraphStyle("body", parent=sheet["BodyText"], fontSize=10, leading=14),
        "cell": ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=8, leading=10),
    }
    municipality = str(getattr(settings, "SAMENSPEL_MUNICIPALITY", ""))
    quarter = (filters.end.month - 1) // 3 + 1
    title = _("Kwartaalrapportage voor de raad: kwartaal %(q)d %(year)d") % {
        "q": quarter,
        "year": filters.end.year,
    }
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=title,
        author=f"{municipality} · {_('Ontwikkelteam')}",
        lang="nl",
    )
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(
            escape(
                _(
                    "Hoe ver is de nieuwe manier van werken verspreid, en wanneer is het "
                    "ontwikkelteam overbodig? Periode: %(period)s."
                )
                % {"period": filters.label}
            ),
            styles["body"],
        ),
    ]
    for measure in measures:
        story.append(Paragraph(escape(measure.title), styles["h2"]))
        story.append(Paragraph(escape(measure.how), styles["body"]))
        for line in measure.figures:
            story.append(Paragraph(escape(line), styles["body"]))
        if measure.note:
            story.append(Paragraph(escape(measure.note), styles["body"]))
        for table in measure.tables:
            story.append(Spacer(1, 4))
            story.append(Paragraph(f"<b>{escape(table.caption)}</b>", styles["body"]))
            drawing = _drawing(table)
            if drawing is not None:
                story.append(drawing)
            rows = table.chart.rows[-24:]
            data = [[Paragraph(escape(str(c)), styles["cell"]) for c in table.chart.columns]]
            for row in rows:
                data.append(
                    [
                        Paragraph(escape("" if cell(v) is None else str(cell(v))), styles["cell"])
                        for v in row
                    ]
                )
            pdf_table = PdfTable(data, repeatRows=1)
            pdf_table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#6b6b6b")),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(pdf_table)
    document.build(story)
    return buffer.getvalue()
