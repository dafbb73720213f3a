"""Every server of one ledger signs with one secret: a form token from one worker works on another."""

from __future__ import annotations

import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from _serve import InProcess as Server
from enforcement_tracker.errors import PublishError
from enforcement_tracker.pipeline import ingest_paths
from enforcement_tracker.publish import make_datasette
from enforcement_tracker.publish.signing import ENV_SECRET, ledger_secret, secret_path
from enforcement_tracker.settings import ExtractSettings
from enforcement_tracker.store import connect, reviewers

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("signing") / "built.db"
    conn = connect(path)
    ingest_paths(conn, [EXAMPLES / "09-syndicated-sunday-count.txt"], ExtractSettings(processes=1))
    conn.close()
    return path


@pytest.fixture(autouse=True)
def no_env_secret(monkeypatch):
    monkeypatch.delenv(ENV_SECRET, raising=False)



def _ledger(built: Path, folder: Path) -> tuple[Path, str, str]:
    folder.mkdir()
    path = folder / "ledger.db"
    shutil.copy(built, path)
    conn = connect(path)
    token = reviewers.add(conn, "dana")
    record_id = conn.execute("SELECT id FROM records ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()
    return path, token, record_id


def _form_token(server: Server, cookies: dict) -> tuple[str, dict]:
    """The CSRF field of the review page and the cookie that goes with it, as a browser keeps them."""
    page = server.get("/review", cookies=cookies)
    field = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
    return field, {**cookies, "ds_csrftoken": page.cookies.get("ds_csrftoken") or cookies["ds_csrftoken"]}


def _state(path: Path, record_id: str) -> str:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT review FROM records WHERE id = ?", (record_id,)).fetchone()[0]


def test_a_form_token_from_one_worker_is_accepted_by_another(built, tmp_path):
    path, token, record_id = _ledger(built, tmp_path / "one")
    first, second = Server(path), Server(path)
    field, cookies = _form_token(first, {})
    signed_in = second.post("/review/sign-in", data={"token": token, "csrftoken": field}, cookies=cookies)
    assert signed_in.status_code == 303 and signed_in.cookies.get("etrack_token") == token
    cookies["etrack_token"] = token
    field, cookies = _form_token(second, cookies)
    accepted = first.post(f"/review/{record_id}", data={"action": "accept", "why": "matches the text",
                                                        "csrftoken": field}, cookies=cookies)
    assert accepted.status_code == 303 and _state(path, record_id) == "reviewed"


def test_the_secret_is_a_private_file_beside_the_ledger_not_in_it(built, tmp_path):
    path, _, _ = _ledger(built, tmp_path / "one")
    Server(path)
    kept = secret_path(path)
    assert kept.parent == path.parent and kept.name == ".ledger.db.etrack-secret"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    secret = kept.read_text().strip()
    assert len(secret) == 64 and ledger_secret(path) == secret  # made once, read after
    with sqlite3.connect(path) as c:  # the ledger the public reads does not hold it
        tables = [t for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in c.execute(f"SELECT * FROM [{table}]"):
                assert not any(isinstance(v, str) and secret in v for v in row), table


def test_another_ledgers_form_token_is_refused(built, tmp_path):
    path, token, record_id = _ledger(built, tmp_path / "one")
    other_path, _, _ = _ledger(built, tmp_path / "two")
    field, cookies = _form_token(Server(other_path), {})
    refused = Server(path).post("/review/sign-in", data={"token": token, "csrftoken": field}, cookies=cookies)
    assert refused.status_code == 403 and "etrack_token" not in refused.cookies


def test_a_secret_others_may_read_is_refused_with_the_fix(built, tmp_path):
    path, _, _ = _ledger(built, tmp_path / "one")
    ledger_secret(path)
    secret_path(path).chmod(0o644)
    with pytest.raises(PublishError, match="read by other users") as caught:
        make_datasette(path)
    assert f"chmod 600 {secret_path(path)}" in str(caught.value)


def test_datasette_secret_in_the_environment_overrides_the_file(built, tmp_path, monkeypatch):
    path, _, _ = _ledger(built, tmp_path / "one")
    monkeypatch.setenv(ENV_SECRET, "s" * 64)
    assert ledger_secret(path) == "s" * 64 and not secret_path(path).exists()


def test_workers_share_one_secret_even_where_no_file_can_be_kept(built, tmp_path, monkeypatch):
    # A ledger on storage the server may not write keeps no secret file: `etrack serve --workers N`
    # then makes one secret and hands it to every worker in the spec they are built from.
    from enforcement_tracker.publish import app, signing

    path, token, _ = _ledger(built, tmp_path / "one")

    def no_write(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(signing.tempfile, "mkstemp", no_write)
    handed: dict = {}
    monkeypatch.setattr(app, "run_workers", lambda db_path, make_args, **kw: handed.update(make_args))
    app.serve(path, port=0, workers=2)
    assert not secret_path(path).exists() and len(handed["secret"]) == 64
    first, second = Server(path, **handed), Server(path, **handed)
    field, cookies = _form_token(first, {})
    signed_in = second.post("/review/sign-in", data={"token": token, "csrftoken": field}, cookies=cookies)
    assert signed_in.status_code == 303
