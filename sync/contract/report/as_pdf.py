"""The draft 通报 as PDF (reportlab): text, the six tables with a bar chart each, and
weekly entry charts for the entry-timeliness section.

Chinese text uses reportlab's built-in CID font STSong-Light, which needs no font file: the
PDF viewer supplies the glyphs (Adobe-GB1), so the report builds on any machine.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from sync.contract.chart_ticks import whole_ticks
from sync.contract.indicator_values import short_name_of
from sync.contract.report.content import Report
from sync.contract.report.draft import Attachment, draft_of
from sync.contract.report.review_words import SectionTable
from sync.contract.report.wording import THRESHOLDS, ranking
from sync.contract.timeliness import RegionTimeliness

FONT = "STSong-Light"
_BELOW = colors.HexColor("#FFC7CE")
_BAR = colors.HexColor("#4472C4")
_WIDTH = 170 * mm


def _styles() -> dict[str, ParagraphStyle]:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    base = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=18, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=24, alignment=1),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, alignment=1),
        # A heading or a chart's caption never ends a page: it goes over with what it names.
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=13, leading=22, spaceBefore=8, keepWithNext=1
        ),
        "body": ParagraphStyle("para", parent=base, firstLineIndent=22),
        "caption": ParagraphStyle(
            "caption", parent=base, fontSize=12, spaceBefore=6, keepWithNext=1
        ),
    }


def _table(attachment: Attachment) -> Table:
    data = [list(attachment.columns), *[list(r) for r in attachment.rows], list(attachment.total)]
    table = Table(data, colWidths=[18 * mm, 40 * mm, 36 * mm, 40 * mm, 30 * mm], repeatRows=1)
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EDEDED")),
        ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
    ]
    for index, low in enumerate(attachment.highlighted, start=1):
        if low:
            style.append(("BACKGROUND", (0, index), (-1, index), _BELOW))
    table.setStyle(TableStyle(style))
    return table


def _section_table(table: SectionTable) -> Table:
    data = [list(table.columns), *[list(r) for r in table.rows], list(table.total)]
    widths = [34 * mm, *[(_WIDTH - 34 * mm) / (len(table.columns) - 1)] * (len(table.columns) - 1)]
    grid = Table(data, colWidths=widths, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")),
                ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#EDEDED")),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return grid


def _bar_chart(
    labels: Sequence[str], values: Sequence[float], *, line: float | None, line_label: str
) -> Drawing:
    drawing = Drawing(_WIDTH, 62 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 14 * mm
    chart.width, chart.height = _WIDTH - 20 * mm, 44 * mm
    chart.data = [list(values) or [0.0]]
    chart.bars[0].fillColor = _BAR
    # No labels on the bars, so no headroom: a rate chart of full regions ends at 100 %.
    step, top = whole_ticks(max([*values, line or 0.0]), headroom=1.0)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.labels.fontName = FONT
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30 if len(labels) > 8 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 8 else "n"
    drawing.add(chart)
    if line is not None:
        y = chart.y + chart.height * line / top
        drawing.add(
            Line(
                chart.x, y, chart.x + chart.width, y, strokeColor=colors.red, strokeDashArray=[4, 2]
            )
        )
        drawing.add(String(chart.x + chart.width + 2, y - 3, line_label, fontName=FONT, fontSize=8))
    return drawing


def _rate_chart(report: Report, attachment: Attachment) -> Drawing:
    ranked = ranking(report.indicators.children, attachment.indicator)
    labels = [short_name_of(r.item.region) for r in ranked]
    values = [float(r.item.indicators[attachment.indicator].rate or Decimal(0)) for r in ranked]
    threshold = THRESHOLDS[attachment.indicator]
    return _bar_chart(labels, values, line=float(threshold), line_label=f"{threshold}%")


def _weekly_chart(weekly: Sequence[int]) -> Drawing:
    # A year has 53 weeks: label every fourth so the labels stay legible.
    step = 1 if len(weekly) <= 14 else 4
    labels = [f"第{n}周" if (n - 1) % step == 0 else "" for n in range(1, len(weekly) + 1)]
    return _bar_chart(labels, [float(v) for v in weekly], line=None, line_label="")


def _timeliness_flowables(
    timeliness: Sequence[RegionTimeliness], styles: dict[str, ParagraphStyle]
) -> list[Any]:
    weeks = max((len(t.weekly) for t in timeliness), default=0)
    overall = [sum(t.weekly[w] for t in timeliness if w < len(t.weekly)) for w in range(weeks)]
    parts: list[Any] = [Paragraph("各周录入条数(合计)", styles["caption"]), _weekly_chart(overall)]
    for t in timeliness:
        if t.rushed:
            caption = f"{short_name_of(t.region)}:各周录入条数(突击录入)"
            parts += [Paragraph(caption, styles["caption"]), _weekly_chart(t.weekly)]
    return parts


def render_pdf(report: Report) -> bytes:
    """The text, then per attachment its table and a bar chart with the threshold line."""
    draft = draft_of(report)
    styles = _styles()
    story: list[Any] = [
        Paragraph(draft.title, styles["title"]),
        Paragraph(draft.subtitle, styles["subtitle"]),
        Spacer(1, 6 * mm),
    ]
    for section in draft.sections:
        story.append(Paragraph(section.heading, styles["heading"]))
        story.extend(Paragraph(text, styles["body"]) for text in section.paragraphs)
        if section.heading.startswith("二、") and report.timeliness:
            story.extend(_timeliness_flowables(report.timeliness, styles))
        if section.table is not None:
            story.append(Paragraph(section.table.title, styles["caption"]))
            story.append(_section_table(section.table))
    for attachment in draft.attachments:
        story.append(PageBreak())
        story.append(Paragraph(attachment.title, styles["heading"]))
        story.append(_table(attachment))
        story.append(Spacer(1, 6 * mm))
        story.append(_rate_chart(report, attachment))
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title=draft.title
    )
    document.build(story)
    return out.getvalue()
