"""The draft 通报 as an editable Word document (python-docx)."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell

from sync.contract.report.content import Report
from sync.contract.report.draft import draft_of
from sync.contract.report.review_words import SectionTable

_FONT = "SimSun"  # 宋体: present on every Chinese Windows installation
_BELOW_SHADE = "FFC7CE"


def _shade(cell: _Cell, colour: str) -> None:
    # python-docx has no API for cell shading; this is the WordprocessingML element for it.
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _section_table(document: Any, table: SectionTable) -> None:
    document.add_paragraph(table.title)
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, label in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = label
    for row in table.rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.text = str(value)
    for cell, value in zip(grid.add_row().cells, table.total, strict=True):
        cell.text = str(value)
        for run in cell.paragraphs[0].runs:
            run.bold = True


def render_docx(report: Report) -> bytes:
    """Title, the numbered sections and paragraphs, then 附件1-6 as Word tables."""
    draft = draft_of(report)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(12)
    # East Asian text uses its own font slot in Word.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), _FONT)
    document.add_heading(draft.title, level=0)
    subtitle = document.add_paragraph(draft.subtitle)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for section in draft.sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.first_line_indent = Pt(24)
        if section.table is not None:
            _section_table(document, section.table)
    for attachment in draft.attachments:
        heading = document.add_heading(attachment.title, level=2)
        heading.paragraph_format.page_break_before = True
        table = document.add_table(rows=1, cols=len(attachment.columns))
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, attachment.columns, strict=True):
            cell.text = label
        for row, low in zip(attachment.rows, attachment.highlighted, strict=True):
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = str(value)
                if low:
                    _shade(cell, _BELOW_SHADE)
        for cell, value in zip(table.add_row().cells, attachment.total, strict=True):
            cell.text = str(value)
            for run in cell.paragraphs[0].runs:
                run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
