"""The quarterly report (通报) and its formats: json, text, docx, xlsx, pdf.

Pure Python (no Qt, no HTTP): the centre's CLI and API and the desktop all render here.
"""

from __future__ import annotations

from collections.abc import Callable

from sync.contract.report.content import Report, build_report

FORMATS: tuple[str, ...] = ("json", "text", "docx", "xlsx", "pdf")
MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _renderer(fmt: str) -> Callable[[Report], bytes]:
    # Imported on demand: python-docx and reportlab cost time to import and the JSON path
    # (the API, the desktop) never needs them.
    if fmt == "json":
        from sync.contract.report.as_json import render_json

        return render_json
    if fmt == "text":
        from sync.contract.report.as_text import render_text

        return lambda report: render_text(report).encode("utf-8")
    if fmt == "docx":
        from sync.contract.report.as_docx import render_docx

        return render_docx
    if fmt == "xlsx":
        from sync.contract.report.as_xlsx import render_xlsx

        return render_xlsx
    if fmt == "pdf":
        from sync.contract.report.as_pdf import render_pdf

        return render_pdf
    raise ValueError(f"unknown report format {fmt!r}; one of {', '.join(FORMATS)}")


def render(report: Report, fmt: str) -> bytes:
    """The report in format ``fmt`` (one of :data:`FORMATS`) as bytes."""
    return _renderer(fmt)(report)


__all__ = ["FORMATS", "MEDIA_TYPES", "Report", "build_report", "render"]
