"""Reading the pattern files of extract/patterns/: JSON Lines, one entry a line, each checked.

One reader for every JSONL file the rules load (lexicons, quantity frames, criminality categories,
anaphora, and the phrase patterns of extract/phrase_patterns.py), so a bad line is always named
the same way: the file and the line number; and one builder of the labelled Matchers among them,
in which "@name" stands for a lexicon of lexicon.jsonl.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from enforcement_tracker.errors import ExtractError


def entries(text: str, source: str, *, shape: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, entry) for every non-blank line of a JSONL text, `where` naming file and line.

    A line that is not a JSON object raises an ExtractError that says what a line should hold
    (`shape`, e.g. '{"lexicon": NAME, "words": [...]}')."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"not JSON ({exc.msg})", source=where, hint=f"write one object a line: {shape}") from exc
        if not isinstance(entry, dict):
            raise ExtractError("not a JSON object", source=where, hint=f"write one object a line: {shape}")
        yield where, entry


_TOKENIZER: list = []  # the one tokenizer of this process's phrase patterns, once chosen


def blank_tokenizer():
    """spaCy's English tokenizer alone, for patterns read over a phrase rather than the parse.

    Where the model was loaded first (every extraction), this is the model's own tokenizer
    (`use_model_tokenizer`): the phrases are then cut as the parse cuts them, and no second set
    of special cases is built (a spacy.blank costs a tenth of a second before the first document).
    Without a model (a pattern file checked alone), it is spacy.blank("en")'s: the same English rules.
    """
    if not _TOKENIZER:
        import spacy

        _TOKENIZER.append(spacy.blank("en").tokenizer)
    return _TOKENIZER[0]


def use_model_tokenizer(tokenizer) -> None:
    """Read the phrase patterns with a loaded model's tokenizer, unless patterns were read already
    (their matchers then hold the first tokenizer's vocabulary, which stays in use)."""
    if not _TOKENIZER:
        _TOKENIZER.append(tokenizer)


def expand_lexicons(value: Any, source: str) -> Any:
    """A pattern with each "@name" in an IN or NOT_IN list replaced by the words of that lexicon
    of lexicon.jsonl, lowercased (so every pattern file names a class of words in one place)."""
    from enforcement_tracker.extract.lexicon import lexicons

    if isinstance(value, dict):
        return {k: expand_lexicons(v, source) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for v in value:
            if isinstance(v, str) and v.startswith("@"):
                if v[1:] not in lexicons():
                    raise ExtractError(f"pattern names lexicon {v[1:]!r}, which lexicon.jsonl does not define",
                                       source=source, hint=f"known lexicons: {', '.join(sorted(lexicons()))}")
                out.extend(sorted({w.lower() for w in lexicons()[v[1:]]}))
            else:
                out.append(expand_lexicons(v, source))
        return out
    if isinstance(value, str) and value.startswith("@"):
        return expand_lexicons([value], source)
    return value


def labelled_matcher(text: str, source: str, vocab, labels, *, what: str = "label", hint: str | None = None):
    """A spaCy Matcher from JSONL lines `{"label": ..., "pattern": [...]}`, each label one of
    `labels`; a bad line is an ExtractError naming the file and line."""
    from spacy.matcher import Matcher

    matcher = Matcher(vocab, validate=True)
    for where, entry in entries(text, source, shape=f'{{"label": {what.upper()}, "pattern": [...]}}'):
        label = entry.get("label")
        if label not in labels:
            raise ExtractError(f"unknown {what} {label!r}", source=where, hint=hint or f"use one of {', '.join(labels)}")
        pattern = expand_lexicons(entry.get("pattern"), where)
        if not isinstance(pattern, list) or not pattern:
            raise ExtractError("a pattern is a non-empty list of token specs", source=where,
                               hint="see spaCy's Matcher pattern format")
        try:
            matcher.add(label, [pattern])
        except (ValueError, KeyError, TypeError) as exc:
            raise ExtractError(f"spaCy refused the pattern ({str(exc).splitlines()[0][:200]})", source=where,
                               hint="see spaCy's Matcher pattern format") from exc
    return matcher
