"""Which paragraphs the model reads: the word tests, in any case, and the paragraphs beside each."""

from __future__ import annotations

from _extract_helpers import number, records
from enforcement_tracker.extract.prefilter import select_paragraphs

STORY = ("Deportation officers spent the week in three river towns.\n\n"
         "The weather was mild and the roads were clear.\n\n"
         "Arrests were made in Fresno (12) and Modesto (8).\n\n"
         "The county fair opens on Saturday.\n\n"
         "Operations this month also reached Visalia.\n")


def _read(text: str) -> list[str]:
    return [window for _, _, window in select_paragraphs(text)]


def test_claim_words_count_at_the_start_of_a_sentence_too():
    read = _read(STORY)
    assert "Arrests were made in Fresno (12) and Modesto (8)." in read
    assert "Operations this month also reached Visalia." in read


def test_the_paragraphs_beside_a_claim_are_read_and_others_are_not():
    read = _read(STORY + "\nThe county fair opens on Saturday.\n\nThe roads stay open all week.\n")
    assert "The weather was mild and the roads were clear." in read
    assert "The county fair opens on Saturday." in read
    assert "The roads stay open all week." not in read


def test_a_story_without_enforcement_words_is_not_read():
    assert _read("The library opens a new reading room.\n\nPolice made an arrest downtown.\n") != []
    assert _read("The library opens a new reading room.\n\nVolunteers repainted the hall.\n") == []


def test_a_count_in_a_capitalised_sentence_reaches_the_ledger():
    found = records("Immigration officers worked in two towns last week.\n\n"
                    "Arrests were made in Fresno (12) and Modesto (8).", kind="arrest_count")
    assert sorted(number(r["count"]) for r in found) == [8, 12]


def test_a_list_set_out_a_line_each_is_read_whole_after_its_lead_in():
    from enforcement_tracker.extract.prefilter import select_paragraphs

    lines = [f"Town{c} — {n}" for c, n in zip("ABCDEFG", range(3, 10))]
    text = "Officers arrested 42 people, the agency said.\n\nThe arrests by town:\n\n" + "\n".join(lines) + \
        "\n\nThe county fair opened on Saturday.\n\nIt sold pies."
    read = [t for _, _, t in select_paragraphs(text)]
    assert all(line in read for line in lines)
    assert "It sold pies." not in read
