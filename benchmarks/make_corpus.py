"""Generate a benchmark corpus: unrelated prose mixed with enforcement reports.

Real news feeds are mostly not about immigration enforcement, so extraction speed has to be
measured on a mix (issue 3) as well as on enforcement reports alone (issue 2).

- Unrelated prose comes from text that ships with Python (the language reference topics in
  `pydoc_data`, stdlib docstrings, the Zen of Python), chopped into article-length documents.
- Enforcement reports are variations of the files in examples/: cities, numbers and dates are
  swapped so that every generated document is distinct.

Deterministic for a given --seed and Python version.

    python benchmarks/make_corpus.py /tmp/corpus --docs 600 --seed 7
    python benchmarks/make_corpus.py /tmp/corpus --docs 500 --only-enforcement
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import hashlib
import importlib
import inspect
import io
import random
import re
from datetime import date, timedelta
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NEGATIVE_EXAMPLES = {"11-council-budget.txt"}  # not an enforcement report

# Pure stdlib modules only: importing them has no side effects (no browser, no GUI, no output).
DOC_MODULES = (
    "abc argparse ast asyncio base64 bisect calendar collections concurrent.futures configparser "
    "contextlib copy csv dataclasses datetime decimal difflib email email.message enum fnmatch "
    "fractions functools getopt gettext glob gzip hashlib heapq hmac html http.client http.server "
    "imaplib inspect io ipaddress itertools json locale logging lzma mailbox mimetypes numbers "
    "operator optparse pathlib pickle pkgutil platform poplib pprint queue random re sched "
    "secrets selectors shelve shlex shutil smtplib socketserver sqlite3 statistics string struct "
    "subprocess tarfile tempfile textwrap threading timeit tokenize traceback types typing "
    "unittest urllib.parse urllib.request uuid warnings wave weakref xml.dom.minidom "
    "xml.etree.ElementTree zipfile"
).split()

# (city, state name, USPS code, AP abbreviation)
CITIES = [
    ("Houston", "Texas", "TX", "Texas"), ("Newark", "New Jersey", "NJ", "N.J."),
    ("Atlanta", "Georgia", "GA", "Ga."), ("Phoenix", "Arizona", "AZ", "Ariz."),
    ("Philadelphia", "Pennsylvania", "PA", "Pa."), ("San Antonio", "Texas", "TX", "Texas"),
    ("Miami", "Florida", "FL", "Fla."), ("Seattle", "Washington", "WA", "Wash."),
    ("Minneapolis", "Minnesota", "MN", "Minn."), ("Detroit", "Michigan", "MI", "Mich."),
    ("Charlotte", "North Carolina", "NC", "N.C."), ("Nashville", "Tennessee", "TN", "Tenn."),
    ("Salt Lake City", "Utah", "UT", "Utah"), ("Baltimore", "Maryland", "MD", "Md."),
    ("Los Angeles", "California", "CA", "Calif."), ("San Diego", "California", "CA", "Calif."),
    ("Dallas", "Texas", "TX", "Texas"), ("Portland", "Oregon", "OR", "Ore."),
    ("Omaha", "Nebraska", "NE", "Neb."), ("Las Vegas", "Nevada", "NV", "Nev."),
    ("Raleigh", "North Carolina", "NC", "N.C."), ("Milwaukee", "Wisconsin", "WI", "Wis."),
    ("Kansas City", "Missouri", "MO", "Mo."), ("Albuquerque", "New Mexico", "NM", "N.M."),
]
# Places in the example texts that a variant may swap, in the same (city, state, USPS, AP) shape.
SOURCE_CITIES = [
    ("New York City", "New York", "NY", "N.Y."), ("Chicago", "Illinois", "IL", "Ill."),
    ("Aurora", "Colorado", "CO", "Colo."), ("Denver", "Colorado", "CO", "Colo."),
    ("Boston", "Massachusetts", "MA", "Mass."),
]
PUBLISHERS = [
    "Example Evening Ledger", "Example Harbor Times", "Example County Courier", "Example Daily Register",
    "Example Public Radio", "Example Civic Review", "Example Morning Star", "Example Plains Journal",
]
PROSE_PUBLISHERS = [
    "Example Software Weekly", "Example Tech Review", "Example Developer Digest", "Example Code Gazette",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_AP_DATE = re.compile(r"\b(" + "|".join(re.escape(m) for m in AP_MONTHS) + r") (\d{1,2})\b(?:, (\d{4})\b)?")
_LONG_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}), (\d{4})\b")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")  # also inside 2025-01-28T07:30
_BIG_NUMBER = re.compile(r"(?<![\d,.$-])(\d{1,3}(?:,\d{3})+|\d{3})(?![\d,]*%)(?![\d.-])")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


# ---------------------------------------------------------------- unrelated prose

def stdlib_paragraphs() -> list[str]:
    """Prose paragraphs from text that ships with Python, code samples and headings dropped."""
    texts: list[str] = []
    try:
        from pydoc_data.topics import topics
        texts.extend(topics[name] for name in sorted(topics))
    except ImportError:  # some distributions strip pydoc_data
        pass
    for name in DOC_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        texts.append(inspect.getdoc(module) or "")
        for member_name, member in sorted(vars(module).items()):
            if member_name.startswith("_") or getattr(member, "__module__", None) != module.__name__:
                continue
            texts.append(inspect.getdoc(member) or "")
    with contextlib.redirect_stdout(io.StringIO()):  # `import this` prints the Zen
        import this
    texts.append(codecs.decode(this.s, "rot13"))
    paragraphs = []
    for text in texts:
        for block in re.split(r"\n\s*\n", text):
            lines = [line.strip() for line in block.splitlines()]
            if any(line.startswith((">>>", "...", "::=")) for line in lines) or block.startswith("   "):
                continue
            paragraph = " ".join(line for line in lines if line)
            letters = sum(ch.isalpha() or ch.isspace() for ch in paragraph)
            if len(paragraph.split()) >= 12 and letters / max(len(paragraph), 1) > 0.85:
                paragraphs.append(paragraph)
    return sorted(set(paragraphs))


def prose_document(rng: random.Random, paragraphs: list[str], index: int) -> str:
    words_wanted = rng.randint(250, 700)
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < words_wanted:
        chosen.append(rng.choice(paragraphs))
    title = " ".join(chosen[0].split()[:rng.randint(5, 9)]).rstrip(".,;:")
    published = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
    publisher = rng.choice(PROSE_PUBLISHERS)
    front = _front_matter(publisher, published.isoformat(), "news", title, f"https://example.org/prose/{index:05d}")
    return front + title + "\n\n" + "\n\n".join(chosen) + "\n"


# ---------------------------------------------------------------- enforcement variants

def load_templates() -> list[tuple[str, str]]:
    """(file name, full text) of every enforcement example."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.iterdir())
            if p.suffix in (".txt", ".html") and p.name not in NEGATIVE_EXAMPLES]


def enforcement_document(rng: random.Random, name: str, text: str, index: int) -> tuple[str, str]:
    """A distinct variant of one example: other cities, scaled numbers, dates shifted by whole weeks."""
    weeks = rng.randint(-60, 60)
    shift = timedelta(weeks=weeks)  # whole weeks keep every weekday in the text true
    factor = rng.uniform(0.4, 2.5)
    targets = rng.sample(CITIES, len(SOURCE_CITIES))
    meta, body = _split(text)
    published = meta.get("published")
    year = int(published[:4]) if published and published[:4].isdigit() else 2025

    body = _swap_places(body, targets)
    body = _ISO_DATE.sub(lambda m: _shift_iso(m, shift), body)
    body = _LONG_DATE.sub(lambda m: _shift_long(m, shift), body)
    body = _AP_DATE.sub(lambda m: _shift_ap(m, shift, year), body)
    body = _BIG_NUMBER.sub(lambda m: _scale(m.group(1), factor), body)

    suffix = Path(name).suffix
    if suffix == ".html":
        return suffix, body  # an HTML page carries its metadata in <meta> tags
    if published and len(published) == 10:
        published = (date.fromisoformat(published) + shift).isoformat()
    title = next((line for line in body.splitlines() if line.strip()), "Untitled")
    front = _front_matter(rng.choice(PUBLISHERS), published, meta.get("kind", "news"), title,
                          f"https://example.org/enforcement/{index:05d}")
    return suffix, front + body.lstrip("\n")


def _swap_places(body: str, targets: list[tuple[str, str, str, str]]) -> str:
    # Placeholders first, so that a swapped-in name is never swapped again.
    for i, (city, state, usps, ap) in enumerate(SOURCE_CITIES):
        for pattern in (f"{city}, {state}", f"{city.upper()}, {ap}", f"{city}, {usps}", city, city.upper()):
            body = re.sub(rf"(?<!\w){re.escape(pattern)}(?!\w)", f"\x00{i}:{_form(pattern, city, state, usps, ap)}\x00", body)
    body = re.sub(r"(?<!\w)New York(?!\w)", "\x000:bare\x00", body)  # "the New York arrests" means the city
    body = re.sub(r"(?<!\w)Massachusetts(?!\w)", "\x004:state\x00", body)  # Boston's statewide operation
    def fill(match: re.Match[str]) -> str:
        city, state, usps, ap = targets[int(match.group(1))]
        return {"full": f"{city}, {state}", "ap": f"{city.upper()}, {ap}", "usps": f"{city}, {usps}",
                "upper": city.upper(), "bare": city, "state": state}[match.group(2)]
    return re.sub(r"\x00(\d+):(\w+)\x00", fill, body)


def _form(pattern: str, city: str, state: str, usps: str, ap: str) -> str:
    return {f"{city}, {state}": "full", f"{city.upper()}, {ap}": "ap", f"{city}, {usps}": "usps",
            city.upper(): "upper"}.get(pattern, "bare")


def _shift_iso(match: re.Match[str], shift: timedelta) -> str:
    try:
        return (date(*map(int, match.groups())) + shift).isoformat()
    except ValueError:
        return match.group(0)


def _shift_long(match: re.Match[str], shift: timedelta) -> str:
    moved = date(int(match.group(3)), MONTHS.index(match.group(1)) + 1, int(match.group(2))) + shift
    return f"{MONTHS[moved.month - 1]} {moved.day}, {moved.year}"


def _shift_ap(match: re.Match[str], shift: timedelta, year: int) -> str:
    stated_year = match.group(3)
    try:
        moved = date(int(stated_year or year), AP_MONTHS.index(match.group(1)) + 1, int(match.group(2))) + shift
    except ValueError:
        return match.group(0)
    return f"{AP_MONTHS[moved.month - 1]} {moved.day}" + (f", {moved.year}" if stated_year else "")


def _scale(number: str, factor: float) -> str:
    value = max(2, round(int(number.replace(",", "")) * factor))
    return f"{value:,}"


def _split(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip().strip('"')
    return meta, text[match.end():]


def _front_matter(publisher: str, published: str | None, kind: str, title: str, url: str) -> str:
    lines = ["---", f'publisher: "{publisher}"']
    if published:
        lines.append(f"published: {published}")
    title = title.replace('"', "'")
    lines += [f"kind: {kind}", f'title: "{title}"', f'url: "{url}"',
              'note: "Generated benchmark text (benchmarks/make_corpus.py); not a real report."', "---", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------- corpus

def make_corpus(outdir: str | Path, docs: int = 600, seed: int = 7, enforcement_share: float = 0.2,
                only_enforcement: bool = False) -> list[Path]:
    """Write `docs` documents into outdir and return their paths in a stable order."""
    rng = random.Random(seed)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    templates = load_templates()
    n_enforcement = docs if only_enforcement else round(docs * enforcement_share)
    paragraphs = stdlib_paragraphs() if n_enforcement < docs else []
    is_enforcement = [True] * n_enforcement + [False] * (docs - n_enforcement)
    rng.shuffle(is_enforcement)
    seen: set[str] = set()
    paths = []
    for index, enforcement in enumerate(is_enforcement):
        for _attempt in range(20):  # retry the rare duplicate so that every document is distinct
            if enforcement:
                name, template = templates[index % len(templates)]
                suffix, text = enforcement_document(rng, name, template, index)
            else:
                suffix, text = ".txt", prose_document(rng, paragraphs, index)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in seen:
                break
        seen.add(digest)
        path = outdir / f"{index:05d}-{'enf' if enforcement else 'prose'}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", help="folder to write the documents into (created if missing)")
    parser.add_argument("--docs", type=int, default=600, help="number of documents (default 600)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--enforcement-share", type=float, default=0.2,
                        help="share of enforcement reports in a mixed corpus (default 0.2)")
    parser.add_argument("--only-enforcement", action="store_true",
                        help="enforcement reports only (the issue-2 benchmark corpus)")
    args = parser.parse_args()
    paths = make_corpus(args.outdir, args.docs, args.seed, args.enforcement_share, args.only_enforcement)
    enforcement = sum("-enf" in p.name for p in paths)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({enforcement} enforcement, {len(paths) - enforcement} prose, "
          f"{size / 1e6:.1f} MB) to {args.outdir}")


if __name__ == "__main__":
    main()
