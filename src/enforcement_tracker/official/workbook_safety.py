"""An .xlsx is a zip of XML files: checked before openpyxl reads it, and its parse errors named.

A worksheet never needs a DTD, and a DTD is how XML entity expansion gets in; a member that
unpacks to gigabytes (a zip bomb) would hold the import. Both are refused before any sheet is
parsed, and a sheet cut off halfway (ParseError in the middle of iter_rows) is one clear line.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError

from enforcement_tracker.errors import OfficialDataError

# ICE's biggest release (a year of arrests, one row each) unpacks to a few hundred megabytes.
MAX_MEMBER_BYTES = 1_500_000_000
MAX_TOTAL_BYTES = 3_000_000_000
# A prolog (XML declaration, comments) is short; a DOCTYPE must come before the root element.
PROLOG_BYTES = 65_536
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)
# What openpyxl and the XML parser raise for a broken workbook, besides our own errors.
WORKBOOK_ERRORS = (zipfile.BadZipFile, zlib.error, ParseError, KeyError, OSError, ValueError, TypeError,
                   EOFError, IndexError, AttributeError)


def check_workbook(path: Path, hint: str) -> None:
    """Refuse an .xlsx whose zip is broken or oversized or whose XML carries a DTD."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = zf.infolist()
            total = 0
            for info in members:
                total += info.file_size
                if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
                    raise OfficialDataError(
                        f"workbook member {info.filename!r} unpacks to more than {MAX_MEMBER_BYTES:,} bytes "
                        f"(a zip bomb, or not a workbook)", source=str(path), hint=f"the ledger is unchanged; {hint}")
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as fh:
                        head = fh.read(PROLOG_BYTES)
                    if _DTD.search(head):
                        raise OfficialDataError(
                            f"workbook member {info.filename!r} has a DTD (<!DOCTYPE or <!ENTITY>), which no "
                            f"workbook needs", source=str(path), hint=f"the ledger is unchanged; {hint}")
    except OfficialDataError:
        raise
    except WORKBOOK_ERRORS as exc:
        raise OfficialDataError(f"not a readable .xlsx workbook ({exc.__class__.__name__}: {_short(exc)})",
                                source=str(path), hint=f"the ledger is unchanged; {hint}") from exc


@contextmanager
def workbook_errors(path: Path, hint: str) -> Iterator[None]:
    """Turn a parse error met while reading sheets (a cut-off sheet, bad XML) into one clear line."""
    try:
        yield
    except OfficialDataError:
        raise
    except WORKBOOK_ERRORS as exc:
        raise OfficialDataError(f"a sheet of the workbook could not be read ({exc.__class__.__name__}: {_short(exc)})",
                                source=str(path), hint=f"the ledger is unchanged; {hint}") from exc


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120]
