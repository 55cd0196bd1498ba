"""What a file is before it is read as a sheet: text or binary, UTF-16 without its mark,
an old or password-protected workbook, an OpenDocument spreadsheet, a Word or PowerPoint
file renamed as a sheet.

A file people rename to .csv or .xlsx is named for what it is, with what to do, never
read as garbage or called "damaged" (``workbook_kind``). The signatures are the formats'
own: ZIP (OOXML, ODF), OLE2 (old Office, and MS-OFFCRYPTO's encrypted package), PDF,
PNG, JPEG, GIF.
"""

from __future__ import annotations

import io
from pathlib import Path

from toolkit.errors import ContactsError


#: How binary files that people rename to .csv begin: zip (.xlsx, .docx), OLE2 (.xls),
#: PDF, PNG, JPEG, GIF.
BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff",
                      b"GIF8")


UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def is_binary(data: bytes) -> bool:
    """True for a file that is not text (binary data renamed .csv).

    That is: a known signature, a NUL in the header line, or NULs in a file that is not
    UTF-8. A stray NUL in a UTF-8 cell is a control character (removed with a warning,
    see ``clean_text``), not a reason to refuse the file.
    """
    if data.startswith(BINARY_SIGNATURES):
        return True
    if b"\x00" not in data:
        return False
    first_line = data[:65536].split(b"\n", 1)[0]
    if b"\x00" in first_line:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def utf16_without_bom(data: bytes) -> str:
    """"utf-16-le" or "utf-16-be" for UTF-16 text written without a byte-order mark
    (some exports do), else "".

    Text in UTF-16 has a NUL byte beside every ASCII character: in the first 4,096
    bytes, NULs at most odd places and almost no even ones is little-endian, the other
    way round big-endian (a binary file has them everywhere or nowhere alike).
    """
    sample = data[:4096]
    sample = sample[:len(sample) - len(sample) % 2]
    half = len(sample) // 2
    if half < 4:
        return ""
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd >= 0.6 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return ""


#: How an OLE2 compound file (old .xls, or a password-protected .xlsx) begins.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def stop_other_workbooks(path: Path) -> None:
    """Raise ContactsError, naming what the file is, when an .xlsx is not one.

    A password-protected workbook is an OLE2 file holding an ``EncryptedPackage``
    stream (ECMA-376 Part 2 / MS-OFFCRYPTO); an old Excel workbook is an OLE2 file
    without one; an OpenDocument spreadsheet is a ZIP whose ``mimetype`` says so.
    Other damage is left to openpyxl (then "damaged or truncated").
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 20)
    except OSError as exc:
        raise ContactsError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    kind = workbook_kind(head)
    if kind:
        raise ContactsError(f"{path}: {kind}")


def workbook_kind(data: bytes) -> str:
    """What a workbook's first bytes say it is, as the start of a message, or "" for a
    ZIP that is neither an OpenDocument file nor a Word or PowerPoint file (an .xlsx,
    left to openpyxl) and for text.

    "this workbook is protected by a password: open it in Excel and save a copy without
    a password (File > Info > Protect Workbook > Encrypt with Password, clear it)", or
    the saving advice for an old Excel ``.xls`` and an OpenDocument ``.ods``
    spreadsheet. They are not read: openpyxl reads neither, and the readers that do
    (xlrd, odfpy) would not give the read report its cell-level facts (hidden rows,
    number formats, formulas without a saved value).
    """
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return ("this workbook is protected by a password, so it cannot be read: open it "
                    "in Excel and save a copy without a password (File > Info > Protect "
                    "Workbook > Encrypt with Password: clear the password), then run again "
                    "with the copy")
        return ("this is an old Excel 97-2003 workbook (.xls), which is not read: open it in "
                "Excel and save it as 'Excel Workbook (*.xlsx)' (File > Save As), or as "
                "'CSV UTF-8', then run again with that file")
    if data.startswith(b"PK"):
        other = _office_document(data)
        if other:
            return (f"this is {other}, not a spreadsheet: open it, copy the table into Excel "
                    "and save it as 'Excel Workbook (*.xlsx)' or 'CSV UTF-8', then run again "
                    "with that file")
    if data.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" \
            in data[:200]:
        return ("this is an OpenDocument spreadsheet (.ods), which is not read: open it in "
                "LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)' (File > Save As; "
                "keep the format), or as 'Text CSV (.csv)', then run again with that file")
    return ""


#: Office files that are not spreadsheets, by a part only they hold (ECMA-376 Part 1).
_OFFICE_PARTS = (("word/document.xml", "a Word document (.docx)"),
                 ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"))


def _office_document(data: bytes) -> str:
    """"a Word document (.docx)" or "a PowerPoint presentation (.pptx)" when the ZIP
    ``data`` is one (its parts say so), else "" (a workbook, or a ZIP cut short)."""
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return ""
    return next((kind for part, kind in _OFFICE_PARTS if part in names), "")
