"""The secret a served ledger signs with (Datasette's `secret`: CSRF tokens, signed cookies).

Every process serving one ledger must sign with the same secret, or a form token one worker
issued is refused by the worker that receives the POST (`etrack serve --workers N`), and every
restart would void the forms open in reviewers' browsers. So the secret is kept in a file beside
the ledger, `.NAME.etrack-secret` (hidden, so a `cp demo.db*` of the ledger does not take it
along), made once with permission 0600 and read by every server of that ledger afterwards.

Never inside the ledger: the ledger is what the public reads (and `--allow-sql` lets anyone
query it); the secret signs what only this server should be able to issue.
`DATASETTE_SECRET` in the environment, Datasette's own way, overrides the file (a deployment
serving one ledger from several machines sets it on each).
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
import tempfile
from pathlib import Path

from enforcement_tracker.errors import PublishError

ENV_SECRET = "DATASETTE_SECRET"
SECRET_BYTES = 32


def secret_path(db_path: str | Path) -> Path:
    """Where the signing secret of the ledger at db_path is kept."""
    path = Path(db_path)
    return path.with_name(f".{path.name}.etrack-secret")


def ledger_secret(db_path: str | Path) -> str:
    """The ledger's signing secret: DATASETTE_SECRET if set, else the file beside the ledger,
    created with 0600 permissions when missing (by whichever process gets there first).

    A folder the server may not write (a ledger on read-only storage) gets a secret of this
    process alone, said on stderr: it serves, but its forms do not outlive a restart, and
    `etrack serve` hands that one secret to all its workers."""
    from_env = os.environ.get(ENV_SECRET, "").strip()
    if from_env:
        return from_env
    path = secret_path(db_path)
    if not path.exists():
        try:
            _create(path)
        except OSError as exc:
            print(f"warning: {path}: cannot keep a signing secret beside the ledger ({exc.strerror});"
                  f" review forms last until this server stops (set {ENV_SECRET} to keep one)",
                  file=sys.stderr, flush=True)
            return secrets.token_hex(SECRET_BYTES)
    return _read(path)


def _create(path: Path) -> None:
    """Write a new secret to `path` whole, or leave the one another process made first.

    Written to a private temporary file, then linked into place: the link fails if the file is
    already there, so two workers starting at once end up with one secret, never a torn one."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".etrack-secret-")  # 0600 from the start
    try:
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(SECRET_BYTES) + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another server of this ledger made it a moment ago: use theirs
    finally:
        os.unlink(tmp)


def _read(path: Path) -> str:
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PublishError("the ledger's signing secret may be read by other users", source=str(path),
                           hint=f"run `chmod 600 {path}` (or delete it: a new one is made, and review forms"
                                " open in browsers must be reloaded)")
    try:
        text = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise PublishError(f"cannot read the ledger's signing secret ({exc})", source=str(path),
                           hint="delete the file; the next `etrack serve` makes a new one") from exc
    if len(text) < 2 * SECRET_BYTES:  # _create writes whole secrets: this one was edited by hand
        raise PublishError("the ledger's signing secret is too short", source=str(path),
                           hint="delete the file; the next `etrack serve` makes a new one")
    return text
