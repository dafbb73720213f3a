"""Fuzzing the readers: N malformed files of many kinds through `etrack extract` and `etrack ingest`.

    python benchmarks/fuzz_inputs.py                 # 10,000 files (about an hour on 2 busy cores)
    python benchmarks/fuzz_inputs.py --files 2000    # what a shared machine allows

Files are made in a temporary folder from a fixed seed, then run in batches, each batch one
`etrack` process (light kinds many files a batch; the heavy kinds, megabyte lines and tag
floods, one file a process so that a slow file is seen as one). Per kind it prints how many
files were read, refused with one clear `error: FILE: ...` line, ended in a traceback, ran over
the time limit, and the peak resident memory of the processes that read them (from wait4).
A process's own start-up (Python, spaCy, the model) is measured first on a one-line file and
taken off every run's time, so "over 20 s" is time spent on the inputs. The done-condition of
issue 13: 0 tracebacks, 0 runs over 20 s, peak under 2 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from enforcement_tracker.ingest.reader import printable

CLAIM = "ICE arrested 1,200 people in Chicago on Sunday, officials said."
FILLER = ("The council met again on Tuesday and talked about roads, parks and the budget. "
          "Residents asked questions about the schedule and the new bus routes. ")
Maker = Callable[[random.Random, Path, int], list[Path]]


def _write(folder: Path, name: str, data: bytes | str) -> list[Path]:
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    return [path]


def _front(rng: random.Random) -> str:
    return f"---\npublished: 2025-01-{rng.randint(1, 31):02d}\npublisher: Fuzz Wire\n---\n"


def random_bytes(rng, folder, i):
    return _write(folder, f"rb{i}.txt", rng.randbytes(rng.randint(1, 20_000)))


def broken_utf8(rng, folder, i):
    data = bytearray((_front(rng) + CLAIM + " " + FILLER * rng.randint(1, 20)).encode())
    for _ in range(rng.randint(1, 30)):
        data.insert(rng.randrange(len(data)), rng.choice([0x80, 0xC3, 0xE2, 0xF0, 0xFF, 0xC0]))
    return _write(folder, f"bu{i}.txt", bytes(data))


def mixed_encodings(rng, folder, i):
    parts = [(CLAIM + " “Déjà vu,” said the mayor. ").encode(rng.choice(["utf-8", "cp1252", "latin-1", "mac_roman"]), "replace")
             for _ in range(rng.randint(2, 12))]
    return _write(folder, f"me{i}.txt", b"".join(parts))


def utf16(rng, folder, i):
    text = _front(rng) + CLAIM + "\n" + FILLER * rng.randint(1, 10)
    data = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
    if rng.random() < 0.3:
        data = data[:-1]  # odd length: cut in the middle of a code unit
    if rng.random() < 0.3:
        data = b"\xff\xfe" + rng.randbytes(rng.randint(1, 500))
    return _write(folder, f"u16-{i}.txt", data)


def nul_bytes(rng, folder, i):
    text = bytearray((_front(rng) + (FILLER * rng.randint(1, 80)) + CLAIM).encode())
    for _ in range(rng.randint(1, 5)):
        text.insert(rng.randrange(len(text)), 0)
    return _write(folder, f"nul{i}.txt", bytes(text))


def huge_line(rng, folder, i):
    n = rng.choice([900_000, 990_000, 1_000_001, 1_300_000])
    body = (FILLER * (n // len(FILLER) + 1))[:n]
    cut = rng.randrange(len(body))
    return _write(folder, f"hl{i}.txt", _front(rng) + body[:cut] + " " + CLAIM + " " + body[cut:] + "\n")


def claim_dense(rng, folder, i):
    n = rng.choice([200_000, 600_000, 990_000])
    line = (CLAIM + " ") * (n // (len(CLAIM) + 1))
    return _write(folder, f"cd{i}.txt", _front(rng) + (line if rng.random() < 0.5 else line.replace(". ", ".\n")))


def deep_html(rng, folder, i):
    depth = rng.choice([300, 5_000, 50_000, 200_000])
    tag = rng.choice(["div", "span", "b", "table"])
    html = "<html><body>" + f"<{tag}>" * depth + f"<p>{CLAIM}</p>" + f"</{tag}>" * (depth if rng.random() < 0.5 else 0)
    return _write(folder, f"deep{i}.html", html + "</body></html>")


def tag_heavy_html(rng, folder, i):
    n = rng.choice([30_000, 100_000, 500_000])
    tag = rng.choice(["<p>", "<br>", "<a href=x>", "<i></i>", "<!-- c -->"])
    return _write(folder, f"tags{i}.html", "<html><body>" + tag * n + f"<p>{CLAIM}</p></body></html>")


def truncated_html(rng, folder, i):
    html = (f"<!doctype html><html><head><title>{CLAIM}</title><script>var a = '<p>';</script></head><body>"
            f"<article><p>{CLAIM}</p><p>{FILLER}</p></article><!-- unclosed <p> comment </body></html>")
    return _write(folder, f"cut{i}.htm", html[:rng.randrange(10, len(html))])


def _alias_bomb(levels: int, width: int) -> str:
    lines = ["a: &a [" + ",".join(["x"] * width) + "]"]
    for k in range(1, levels):
        lines.append(f"{chr(97 + k)}: &{chr(97 + k)} [" + ",".join([f"*{chr(96 + k)}"] * width) + "]")
    return "\n".join(lines) + f"\ntitle: *{chr(96 + levels)}\n"


HOSTILE_YAML = [
    lambda rng: _alias_bomb(9, 9), lambda rng: _alias_bomb(rng.randint(2, 12), rng.randint(2, 12)),
    lambda rng: "published: 2025-02-30\n", lambda rng: "published: 2025-13-01\n", lambda rng: "published: 0000-01-01\n",
    lambda rng: "published: 2025-01-01 25:00:00\n", lambda rng: "published: 2025-01-01T10:00:00+25:00\n",
    lambda rng: "published: !!int 2025\n", lambda rng: f"published: {'9' * 5000}\n",
    lambda rng: f"title: {'9' * rng.randint(4000, 60000)}\n", lambda rng: "title: !!python/object/apply:os.system ['true']\n",
    lambda rng: "title: " + "[" * 5000 + "]" * 5000 + "\n", lambda rng: "title: 'unterminated\n",
    lambda rng: "kind: sermon\n", lambda rng: "? [a, b]\n: c\n", lambda rng: "<<: {title: x}\n",
    lambda rng: "title: \"\\x00\\ud800\"\n", lambda rng: "publisher:\n  - a\n  - b\n",
    lambda rng: "url: " + "a" * 100_000 + "\n", lambda rng: "\t" + "x: y\n",
]


def hostile_yaml(rng, folder, i):
    block = "".join(rng.choice(HOSTILE_YAML)(rng) for _ in range(rng.randint(1, 3)))
    return _write(folder, f"yaml{i}.txt", f"---\n{block}---\n{CLAIM}\n")


def huge_numbers(rng, folder, i):
    n = rng.choice(["123456789012345678901234567890", "9" * 400, "9" * 5000, "1e999", "-538", "1,000,000,000,000",
                    "99999999999 million", "nine hundred ninety nine billion trillion", "0" * 300 + "1",
                    "1." + "5" * 300, "between 10 and " + "9" * 50])
    return _write(folder, f"num{i}.txt", f"{_front(rng)}ICE arrested {n} people in Chicago on Sunday, "
                                         f"a target of {n} a day, officials said.\n")


ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u202e", "\u202d", "\u0301", "\u00ad", "\u180e"]


def zero_width(rng, folder, i):
    text = _front(rng) + CLAIM + " " + FILLER
    chars = list(text)
    for _ in range(rng.randint(1, 200)):
        chars.insert(rng.randrange(len(chars)), rng.choice(ZERO_WIDTH))
    return _write(folder, f"zw{i}.txt", "".join(chars))


def quote_flood(rng, folder, i):
    mark = rng.choice(["“", "\"", "”", "‘", "«", "(", "["])
    n = rng.choice([1_000, 20_000, 100_000])
    glue = rng.choice(["", " ", "\n"])
    return _write(folder, f"qf{i}.txt", _front(rng) + mark * n + glue + CLAIM + "\n")


def control_chars(rng, folder, i):
    sep = rng.choice(["\r", "\x0c", "\x0b", "\x85", "\u2028", "\r\r\n", "\x1b[31m"])
    return _write(folder, f"cc{i}.txt", sep.join([CLAIM, FILLER, CLAIM]) * rng.randint(1, 30))


def odd_names(rng, folder, i):
    stem = rng.choice(["with space", "new\nline", "-starts-with-dash", "ünïcödé", "tab\there", "quote\"d", "a" * 200,
                       "emoji😀", "semi;colon", "back\\slash", "$(echo hi)", ".hidden", "trailing.", "x" * 250])
    suffix = rng.choice([".txt", ".TXT", ".Html", ".md", ".txt.txt", ".htm"])
    return _write(folder, f"{stem}{i}"[:250 - len(suffix)] + suffix, _front(rng) + CLAIM + "\n")


def links(rng, folder, i):
    choice = rng.randrange(5)
    path = folder / f"link{i}.txt"
    if choice == 0:
        path.symlink_to(path.name)  # a link to itself
    elif choice == 1:
        other = folder / f"link{i}b.txt"
        path.symlink_to(other.name)
        other.symlink_to(path.name)
    elif choice == 2:
        path.symlink_to(f"missing{i}.txt")
    elif choice == 3:
        path.symlink_to("/dev/zero")
    else:
        sub = folder / f"loopdir{i}"
        sub.mkdir()
        (sub / "self").symlink_to("..", target_is_directory=True)
        (sub / "good.txt").write_text(CLAIM + "\n")
        return [sub]
    return [path]


def fifos(rng, folder, i):
    path = folder / f"fifo{i}.txt"
    os.mkfifo(path)
    return [path]


def oversize(rng, folder, i):
    path = folder / f"big{i}.txt"
    with path.open("wb") as fh:  # sparse: no disk, but stat says it is big
        fh.write((_front(rng) + CLAIM + "\n").encode())
        fh.truncate(rng.choice([4_000_001, 50_000_000, 10**10]))
    return [path]


def empty_ish(rng, folder, i):
    return _write(folder, f"e{i}.txt", rng.choice(["", " ", "\n\n\n", "---\n---\n", "---\ntitle: x\n---\n  \n",
                                                   "<html></html>", "\ufeff", "\t\x0c\r\n"]))


# kind -> (maker, heavy): heavy kinds are made rarely and run one file a process.
KINDS: dict[str, tuple[Maker, bool]] = {
    "random_bytes": (random_bytes, False), "broken_utf8": (broken_utf8, False),
    "mixed_encodings": (mixed_encodings, False), "utf16": (utf16, False), "nul_bytes": (nul_bytes, False),
    "huge_line": (huge_line, True), "claim_dense": (claim_dense, True), "deep_html": (deep_html, True),
    "tag_heavy_html": (tag_heavy_html, True), "truncated_html": (truncated_html, False),
    "hostile_yaml": (hostile_yaml, False), "huge_numbers": (huge_numbers, False), "zero_width": (zero_width, False),
    "quote_flood": (quote_flood, True), "control_chars": (control_chars, False), "odd_names": (odd_names, False),
    "symlinks": (links, False), "fifos": (fifos, False), "oversize": (oversize, False), "empty": (empty_ish, False),
}
HEAVY_WEIGHT = 0.1


@dataclass
class Tally:
    files: int = 0
    read: int = 0
    refused: int = 0
    tracebacks: int = 0
    slow: int = 0
    unclear: int = 0
    peak_kb: int = 0
    worst_s: float = 0.0
    examples: list[str] = field(default_factory=list)


def make_files(root: Path, n: int, seed: int) -> dict[str, list[Path]]:
    rng = random.Random(seed)
    weights = {k: (HEAVY_WEIGHT if heavy else 1.0) for k, (_, heavy) in KINDS.items()}
    total = sum(weights.values())
    out: dict[str, list[Path]] = {}
    for kind, (maker, _) in KINDS.items():
        folder = root / kind
        folder.mkdir()
        count = max(2, round(n * weights[kind] / total))
        out[kind] = [p for i in range(count) for p in maker(rng, folder, i)]
    return out


def run(cmd: list[str], cwd: Path, limit: float) -> tuple[float, int, str, str, bool]:
    """(seconds, peak RSS in KB, stdout, stderr, killed) of one process, its memory from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > limit:
                os.killpg(proc.pid, signal.SIGKILL)
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return (seconds, usage.ru_maxrss, out.read().decode("utf-8", "replace"),
                err.read().decode("utf-8", "replace"), killed)


def judge(kind: str, batch: list[Path], root: Path, command: str, etrack: str, startup: float, limit: float,
          db: Path, tally: Tally) -> None:
    names = [str(p.relative_to(root)) for p in batch]
    if command == "extract":
        cmd = [etrack, "extract", "--jsonl", "--processes", "1", *names]
    else:
        cmd = [etrack, "ingest", "--processes", "1", "--db", str(db), *names]
    # A hang is ended well past the limit, so that it is counted rather than waited for.
    seconds, peak, out, err, killed = run(cmd, root, startup + 3 * limit + 30)
    tally.files += len(batch)
    tally.peak_kb = max(tally.peak_kb, peak)
    spent = seconds - startup
    tally.worst_s = max(tally.worst_s, spent)
    if killed or spent > limit:  # a light batch as a whole must stay within one file's limit
        tally.slow += 1
        tally.examples.append(f"{command} {names[:3]}: {spent:.1f} s{' (killed)' if killed else ''}")
    if "Traceback (most recent call last)" in err:
        tally.tracebacks += 1
        tally.examples.append(f"{command} {names[:3]}: {err.strip().splitlines()[-1][:200]}")
    for name in names:
        marker = f"error: {printable(name)}: "
        hits = err.count(marker)
        if hits == 1:
            tally.refused += 1
        elif hits > 1:
            tally.unclear += 1
        elif command == "extract" and f'"file": ' in out and _json_name(name) in out:
            tally.read += 1
        elif command == "ingest" and not killed and "documents:" in err + out:
            tally.read += 1
        elif os.path.isdir(root / name) and not killed and (out.strip() or "documents:" in err):
            tally.read += 1
        else:
            tally.unclear += 1
            tally.examples.append(f"{command} no clear outcome for {name!r}: {err.strip()[-200:]!r}")


def _json_name(name: str) -> str:
    import json

    return json.dumps(name, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="how many malformed files to make (default 10,000)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--batch", type=int, default=50, help="files a process for the light kinds")
    parser.add_argument("--limit", type=float, default=20.0, help="seconds a file may take (after start-up)")
    parser.add_argument("--commands", default="extract,ingest")
    parser.add_argument("--keep", action="store_true", help="keep the folder of files (its path is printed)")
    args = parser.parse_args()
    etrack = shutil.which("etrack") or str(Path(sys.executable).with_name("etrack"))
    root = Path(tempfile.mkdtemp(prefix="etrack-fuzz-"))
    try:
        t0 = time.monotonic()
        files = make_files(root, args.files, args.seed)
        made = sum(len(v) for v in files.values())
        print(f"made {made:,} inputs of {len(files)} kinds in {time.monotonic() - t0:.1f} s under {root}")
        (root / "tiny.txt").write_text(CLAIM + "\n")
        startups = [run([etrack, "extract", "--jsonl", "tiny.txt"], root, 120)[0] for _ in range(2)]
        startup = min(startups)
        print(f"start-up of one etrack process on a one-line file (reference, best of 2): {startup:.1f} s")
        tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
        for command in args.commands.split(","):
            db = root / f"fuzz-{command}.db"
            for kind, paths in files.items():
                size = 1 if KINDS[kind][1] else args.batch
                for k in range(0, len(paths), size):
                    judge(kind, paths[k:k + size], root, command, etrack, startup, args.limit, db,
                          tallies[(command, kind)])
        header = f"{'command':8} {'kind':16} {'files':>6} {'read':>6} {'refused':>8} {'traceb.':>8} {'>limit':>7} " \
                 f"{'unclear':>8} {'worst s':>8} {'peak MB':>8}"
        print(header)
        totals: dict[str, Tally] = defaultdict(Tally)
        for (command, kind), t in tallies.items():
            print(f"{command:8} {kind:16} {t.files:6} {t.read:6} {t.refused:8} {t.tracebacks:8} {t.slow:7} "
                  f"{t.unclear:8} {t.worst_s:8.1f} {t.peak_kb / 1024:8.0f}")
            s = totals[command]
            s.files += t.files; s.read += t.read; s.refused += t.refused; s.tracebacks += t.tracebacks
            s.slow += t.slow; s.unclear += t.unclear; s.peak_kb = max(s.peak_kb, t.peak_kb)
            s.worst_s = max(s.worst_s, t.worst_s); s.examples += t.examples
        for command, s in totals.items():
            print(f"{command:8} {'ALL':16} {s.files:6} {s.read:6} {s.refused:8} {s.tracebacks:8} {s.slow:7} "
                  f"{s.unclear:8} {s.worst_s:8.1f} {s.peak_kb / 1024:8.0f}")
            for line in s.examples[:10]:
                print(f"  {line}")
        print(f"total {time.monotonic() - t0:.0f} s; worst time is after taking off the {startup:.1f} s start-up; "
              f"peak is the largest resident set of one etrack process")
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
