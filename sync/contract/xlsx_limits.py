"""What an XLSX file may unpack to before openpyxl opens it: the guard against zip bombs.

An XLSX file is a zip archive of XML parts. A few MB on disk can unpack to gigabytes: a
4 MB workbook with a huge shared-strings part took 7.9 GB of memory in the laptop's import
and 2.7 GB in ``import-records``. openpyxl streams the worksheets in read-only mode, but
reads every other part (shared strings, styles, the workbook) whole into memory, so the
sizes are judged from the archive's directory before any part is unpacked. The sizes a
member declares are what ``zipfile`` unpacks at most (it stops at the declared size), so a
member cannot unpack to more than the guard saw.

The limits, measured on 340,000 rows of sample records (the largest import the program is
built for, docs/architecture.md):

- written by the program's own export (openpyxl, inline strings): one worksheet part of
  510 MB (592 MB for 395,832 rows), compression ratio 8.5;
- the same rows as Excel writes them (a shared-strings table): worksheet 248 MB at ratio
  7.6, shared strings 44 MB (1.19 million strings) at ratio 3.6.

So a real workbook compresses about 4 to 9 times; :data:`MAX_RATIO` allows ten times that
(sparse sheets compress better), and the sizes allow about 1.5 times the export (whole
archive) and twice the shared strings (longer real addresses). Small parts are not judged
by their ratio: a few kB of repeated XML legitimately compresses far better.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_RATIO = 100  # uncompressed / compressed size of one member
RATIO_FROM_BYTES = 1_000_000  # members smaller than this are not judged by ratio
MAX_TOTAL_BYTES = 800_000_000  # all members together, unpacked
MAX_WHOLE_PART_BYTES = 100_000_000  # one member that openpyxl reads whole (not a worksheet)
_STREAMED = "xl/worksheets/"  # read row by row in read-only mode


def xlsx_problem(path: Path) -> str | None:
    """Why ``path`` must not be opened as an XLSX workbook, or None when it may be.

    Reads only the archive's directory: seconds at most, whatever the file claims to hold.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        return f"{path.name}: not a readable XLSX file ({type(exc).__name__})"
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size >= RATIO_FROM_BYTES and size > MAX_RATIO * member.compress_size:
            ratio = size // max(member.compress_size, 1)
            return (
                f"{path.name}: 文件异常，不能导入（{member.filename} 的压缩比为 {ratio}:1，"
                f"正常的表格不超过 {MAX_RATIO}:1，可能是恶意构造的文件）"
            )
        if size > MAX_WHOLE_PART_BYTES and not member.filename.startswith(_STREAMED):
            return (
                f"{path.name}: 文件过大，不能导入（{member.filename} 解压后 {_mb(size)} MB，"
                f"上限 {_mb(MAX_WHOLE_PART_BYTES)} MB）"
            )
    if total > MAX_TOTAL_BYTES:
        return (
            f"{path.name}: 文件过大，不能导入（解压后共 {_mb(total)} MB，"
            f"上限 {_mb(MAX_TOTAL_BYTES)} MB；请分成几个文件导入）"
        )
    return None


def _mb(size: int) -> int:
    return -(-size // 1_000_000)
