"""Reading a file's bytes with bounds: regular files only, and never more than the size limit.

A FIFO blocks a reader forever and /dev/zero never ends, so the file is opened without
blocking and checked on the open descriptor (no race between the check and the read); its
size is known before a byte is read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from enforcement_tracker.errors import IngestError

_KINDS = (
    (stat.S_ISDIR, "is a folder", "pass the folder to `etrack ingest`, or name a file"),
    (stat.S_ISFIFO, "is a FIFO (named pipe), not a regular file", "save what it carries to a file and read that"),
    (stat.S_ISSOCK, "is a socket, not a regular file", "save what it carries to a file and read that"),
    (stat.S_ISCHR, "is a device, not a regular file", "name a text or HTML file"),
    (stat.S_ISBLK, "is a device, not a regular file", "name a text or HTML file"),
)


def read_bounded(path: str | Path, name: str, max_bytes: int) -> bytes:
    """The whole content of a regular file of at most max_bytes, or an IngestError naming it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _open_error(exc, name) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            for test, what, hint in _KINDS:
                if test(info.st_mode):
                    raise IngestError(what, source=name, hint=hint)
            raise IngestError("is not a regular file", source=name, hint="name a text or HTML file")
        if info.st_size > max_bytes:
            raise _too_big(name, info.st_size, max_bytes)
        chunks: list[bytes] = []
        size = 0
        # Read one byte past the limit: a file that grows while we read is caught too.
        while size <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)
        return b"".join(chunks)
    except OSError as exc:
        raise IngestError(f"could not be read ({exc.strerror or exc})", source=name,
                          hint="check that the file is readable") from exc
    finally:
        os.close(fd)


def _too_big(name: str, size: int, max_bytes: int) -> IngestError:
    return IngestError(f"is {size:,} bytes, more than the document size limit of {max_bytes:,}", source=name,
                       hint="split it into one file per report, or raise ETRACK_MAX_DOCUMENT_BYTES")


def _open_error(exc: OSError, name: str) -> IngestError:
    if exc.errno == errno.ENOENT:
        return IngestError("no such file", source=name, hint="check the path")
    if exc.errno == errno.ELOOP:
        return IngestError("is a symbolic link that loops or points nowhere", source=name,
                           hint="point the link at a real file")
    if exc.errno == errno.EACCES:
        return IngestError("may not be read (permission denied)", source=name, hint="check the file's permissions")
    if exc.errno == errno.EISDIR:
        return IngestError("is a folder", source=name, hint="pass the folder to `etrack ingest`, or name a file")
    return IngestError(f"could not be opened ({exc.strerror or exc})", source=name, hint="check the path")
