"""The draft 通报 as plain text (UTF-8), attachments as tab-separated tables."""

from __future__ import annotations

from sync.contract.report.content import Report
from sync.contract.report.draft import draft_of


def render_text(report: Report) -> str:
    """The draft report in the seed's words, followed by the ranked attachments 附件1-6."""
    draft = draft_of(report)
    lines = [draft.title, draft.subtitle, ""]
    for section in draft.sections:
        lines.append(section.heading)
        lines.extend(section.paragraphs)
        if section.table is not None:
            lines.append(section.table.title)
            lines.append("\t".join(section.table.columns))
            lines.extend("\t".join(str(c) for c in row) for row in section.table.rows)
            lines.append("\t".join(str(c) for c in section.table.total))
        lines.append("")
    for attachment in draft.attachments:
        lines.append(attachment.title)
        lines.append("\t".join(attachment.columns))
        for row, low in zip(attachment.rows, attachment.highlighted, strict=True):
            cells = "\t".join(str(c) for c in row)
            lines.append(f"{cells}\t未达标" if low else cells)
        lines.append("\t".join(str(c) for c in attachment.total))
        lines.append("")
    return "\n".join(lines)
