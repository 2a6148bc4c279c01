"""The participation advice as a PDF, drawn with reportlab's platypus.

Helvetica with WinAnsi encoding covers Dutch (ë, ï, é, ö, …); reportlab falls back to its
Symbol font for the rare character outside it. Text goes through `escape`, because
platypus Paragraphs read a small markup language and a "<" in the advice must stay text.
"""

import io
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .models import DutyCheck, ParticipationAdvice


def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=sheet["Title"], alignment=0, fontSize=18),
        "h2": ParagraphStyle("h2", parent=sheet["Heading2"], spaceBefore=10),
        "body": ParagraphStyle("body", parent=sheet["BodyText"], fontSize=10, leading=14),
        "muted": ParagraphStyle(
            "muted", parent=sheet["BodyText"], fontSize=9, textColor=colors.HexColor("#4b4b4b")
        ),
        "cell": ParagraphStyle("cell", parent=sheet["BodyText"], fontSize=9, leading=12),
    }


def _text(value: str) -> str:
    """Plain text as platypus markup: escaped, with the author's line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def render_advice_pdf(*, advice: ParticipationAdvice, duties: list[DutyCheck]) -> bytes:
    """The whole advice as a PDF document (bytes)."""
    styles = _styles()
    buffer = io.BytesIO()
    municipality = str(getattr(settings, "SAMENSPEL_MUNICIPALITY", ""))
    title = _("Participatieadvies: %(title)s") % {"title": advice.challenge.title}
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=f"{municipality} · {_('Ontwikkelteam')}",
        lang="nl",
        pageCompression=1,
    )
    story = [
        Paragraph(_text(title), styles["title"]),
        Paragraph(
            _text(
                f"{advice.reference} · {advice.challenge.reference} · {advice.get_status_display()}"
            ),
            styles["muted"],
        ),
        Spacer(1, 4 * mm),
    ]

    facts = [
        (_("Aanvragende afdeling"), advice.requesting_department.name),
        (_("Besluit door"), advice.get_deciding_body_display()),
        (_("Datum van het besluit"), date_format(advice.decision_date)),
        (
            _("Advies gegeven op"),
            date_format(timezone.localtime(advice.given_at).date()) if advice.given_at else "–",
        ),
    ]
    fact_table = Table(
        [
            [Paragraph(_text(k), styles["cell"]), Paragraph(_text(v), styles["cell"])]
            for k, v in facts
        ],
        colWidths=[50 * mm, None],
    )
    fact_table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (0, -1), "Helvetica-Bold"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c4c4c4")),
            ]
        )
    )
    story.append(fact_table)

    kernen = ", ".join(kern.name for kern in advice.kernen.all()) or _("geen kern")
    sections = [
        (_("Adviesvraag"), advice.question),
        (_("Wie worden geraakt"), f"{advice.affected}\n{_('Kernen')}: {kernen}"),
        (
            _("Beoogde trede op de participatieladder"),
            f"{advice.get_ladder_level_display() or _('nog niet bepaald')}\n"
            f"{advice.ladder_rationale}",
        ),
        (_("Rol van de gemeente"), advice.get_government_role_display() or _("nog niet bepaald")),
    ]
    for heading, body in sections:
        story.append(Paragraph(_text(heading), styles["h2"]))
        story.append(Paragraph(_text(body.strip()), styles["body"]))

    story.append(Paragraph(_text(_("Plichten")), styles["h2"]))
    applies_text = {None: _("nog niet beoordeeld"), True: _("ja"), False: _("nee")}
    rows = [
        [
            Paragraph(f"<b>{_text(_('Plicht'))}</b>", styles["cell"]),
            Paragraph(f"<b>{_text(_('Van toepassing'))}</b>", styles["cell"]),
            Paragraph(f"<b>{_text(_('Toelichting'))}</b>", styles["cell"]),
        ]
    ]
    for check in duties:
        rows.append(
            [
                Paragraph(_text(check.get_duty_display()), styles["cell"]),
                Paragraph(_text(applies_text[check.applies]), styles["cell"]),
                Paragraph(_text(check.note), styles["cell"]),
            ]
        )
    checklist = Table(rows, colWidths=[65 * mm, 28 * mm, None], repeatRows=1)
    checklist.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7a7a7a")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story.append(checklist)

    for heading, body in [
        (_("Planning ten opzichte van het besluit"), advice.timing),
        (_("Terugkoppeling aan deelnemers"), advice.feedback),
        (_("Evaluatie"), advice.evaluation),
        (_("Kritische kanttekeningen van het team"), advice.critical_remarks),
    ]:
        story.append(Paragraph(_text(heading), styles["h2"]))
        story.append(Paragraph(_text(body or "–"), styles["body"]))

    if advice.followed:
        story.append(Paragraph(_text(_("Opvolging na het besluit")), styles["h2"]))
        story.append(
            Paragraph(
                _text(
                    f"{_('Is het advies opgevolgd?')} {advice.get_followed_display()}\n"
                    f"{advice.result}"
                ),
                styles["body"],
            )
        )
    document.build(story)
    return buffer.getvalue()
