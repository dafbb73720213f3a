"""Quotations: who said what, and what is no quotation, on sentences we wrote."""

from __future__ import annotations

import pytest

from _extract_helpers import records


def test_a_quoted_name_is_no_quote():
    body = ('Officers announced the results of a targeted "Safe Harbor" enforcement operation, '
            'Field Office Director Nora Quill said.')
    assert records(body, kind="quote") == []


def test_a_spoken_sentence_is_a_quote():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            '"We will keep working with our partners," said Field Office Director Nora Quill.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Nora Quill" and q["text"].startswith("We will keep working")


def test_pronoun_and_role_speakers_are_the_titled_person_named_before():
    body = ('ICE officers arrested 40 people in Reno on Monday, Field Office Director Nora Quill said.\n\n'
            '"We will keep working with our partners," she said.\n\n'
            'Washoe County Sheriff Dale Perrin said his deputies took no part.\n\n'
            '"Our office was told nothing in advance," the sheriff said in a statement.')
    speakers = [q["speaker"]["name"] for q in records(body, kind="quote")]
    assert speakers == ["Nora Quill", "Dale Perrin"]


def test_a_pronoun_with_nobody_titled_before_it_has_no_speaker():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            '"They came at dawn and took everyone," he said.')
    assert records(body, kind="quote") == []


def test_a_surname_that_is_a_town_is_still_a_person():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            'City Council member Luis Anaheim, whose ward saw most of the arrests, said the count was too high. '
            '"These were our neighbors," he said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Luis Anaheim"
    ops = records(body, kind="operation")
    assert all(p["name"] != "Anaheim" for r in ops for p in r["places"])


def test_a_role_in_apposition_starts_after_the_sentence_before_it():
    # the quotation is read in its paragraph, but a title never reaches back over a sentence's end
    body = ('ICE officers arrested 40 people in Reno, Nev., on Monday. A spokeswoman, Tara Quist, said the '
            'arrests were "part of our daily work."')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Tara Quist", "title": "A spokeswoman"}


def test_a_role_in_apposition_before_the_name_is_the_title():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            '"Our officers did their jobs," the agency spokeswoman, Tara Quist, said.')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Tara Quist", "title": "the agency spokeswoman"}


def test_she_said_after_a_private_person_is_nobody_official():
    body = ('ICE officers arrested 40 people in Reno on Monday, agency spokesman Carl Voss said.\n\n'
            'Lena Ortiz, whose brother was detained at a gas station, waited outside the field office. '
            '"They would not tell us anything," she said.')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == []


def test_she_said_is_not_a_spokesman():
    body = ('ICE officers arrested 40 people in Reno on Monday, agency spokesman Carl Voss said.\n\n'
            '"We are hearing from families every hour," she said.')
    assert records(body, kind="quote") == []


def test_a_surname_alone_is_the_person_not_the_town():
    body = ('ICE officers arrested 40 people in Reno on Monday, agency spokesman Carl Voss said.\n\n'
            'Mayor Elena Tucson said the city was not warned. "We found out from residents," Tucson said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Elena Tucson" and q["about"] is None


def test_a_name_after_a_role_noun_is_a_person_even_when_the_model_misses_it():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            'In an emailed statement, spokeswoman Noor Vellan said "every arrest followed the law."')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Noor Vellan", "title": "spokeswoman"}


def test_she_said_in_a_paragraph_about_someone_unnamed_by_the_model_is_nobody_earlier():
    body = ('Border agents apprehended 900 migrants last week, Chief Patrol Agent Ross Kettle said.\n\n'
            'Sister Ana Lucia Beltran, who runs a shelter in the city, said beds ran out. '
            '"We have cots in the hallway," she said.')
    assert all(q["speaker"]["name"] != "Ross Kettle" for q in records(body, kind="quote"))


def test_a_judge_who_wrote():
    body = ('Officers arrested at least 38 people in or near the courthouses last year.\n\n'
            'In a 30-page opinion, U.S. District Judge Mara Quell barred the arrests.\n\n'
            '"A court people fear to enter cannot do justice," Quell wrote.')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Mara Quell", "title": "U.S. District Judge"}


def test_a_surname_after_the_words_beats_the_last_name_in_the_paragraph():
    body = ('ICE officers arrested 40 people in Reno on Monday.\n\n'
            'An ICE spokeswoman, Rhea Vantongeren, said Tomas Ilic had an order of removal. '
            '"This was one person with a final order," Vantongeren said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Rhea Vantongeren" and "spokeswoman" in q["speaker"]["title"]


def _speakers(body: str) -> list[tuple[str, str]]:
    return [(r["speaker"]["name"], r["text"]) for r in records(body, kind="quote")]


def test_said_then_a_surname_named_before_is_that_person():
    body = ("Deputy Director Marcus Ellery Brandt of the agency spoke at the plant, where agents "
            "arrested 40 workers.\n\n"
            '"This action is part of our effort to enforce the law at worksites," said Brandt.')
    assert _speakers(body) == [("Marcus Ellery Brandt",
                                "This action is part of our effort to enforce the law at worksites")]


def test_said_then_a_title_is_not_a_surname():
    body = ('"The numbers are not a plan," said Rep. Corinne Ashdale, D-Ore., after ICE arrested '
            "25 people in Salem.")
    assert [name for name, _ in _speakers(body)] == ["Corinne Ashdale"]


def test_a_pronoun_before_a_quoted_fragment_is_the_official_named_before():
    body = ("Mayor Ilse Norquist spoke on Monday about the ICE operation. She said federal officials "
            'had planned to send agents "as early as Friday," and that the city was ready.')
    assert _speakers(body) == [("Ilse Norquist", "as early as Friday")]


def test_a_surname_before_a_quoted_fragment_is_the_person_named_earlier():
    body = ("Field office spokeswoman Dana Whitlock confirmed the ICE arrests.\n\n"
            'Asked on Tuesday, Whitlock said totals would come "when the operation is finished."')
    assert _speakers(body) == [("Dana Whitlock", "when the operation is finished.")]


def test_a_pronoun_before_a_fragment_after_a_private_person_is_nobody():
    body = ("Ana Pruitt, whose husband was detained by ICE, spoke to reporters. She said she had heard "
            '"nothing at all from anyone."')
    assert _speakers(body) == []


def test_words_after_a_colon_of_a_titled_person_are_a_quote():
    body = ('DHS spokesman Pell Arkwright, in a written statement about the ICE arrests: '
            '"The operation will continue until it is done."')
    assert _speakers(body) == [("Pell Arkwright", "The operation will continue until it is done.")]


def test_a_quoted_title_of_a_hearing_is_no_quote():
    body = ('The hearing, titled "Oversight of Federal Detention Standards and Arrest Goals," ran long '
            "when Rep. Mira Castellane asked about ICE arrest quotas.")
    assert _speakers(body) == []


def test_a_fragment_someone_else_told_the_speaker_is_no_quote_of_theirs():
    body = ("Sheriff Wade Tolliver confirmed the ICE plan. Tolliver said federal officials had told his "
            'office to expect agents "as early as next Monday."')
    assert _speakers(body) == []


_SCENE = ("ICE agents arrested 300 people in Denver last week, and deputy field office director Tom "
          "Albright and Mayor Janet Ruiz spoke afterward. ")


def test_a_name_and_its_apposition_right_after_the_words_say_who_spoke():
    body = _SCENE + '"We will not back down," Albright, the agency\'s deputy field office director, said.'
    assert [name for name, _ in _speakers(body)] == ["Tom Albright"]


def test_words_an_unnamed_spokesperson_said_are_nobody_named_before():
    body = _SCENE + '"We do not discuss ongoing operations," an ICE spokesperson said.'
    assert _speakers(body) == []


def test_a_name_with_a_middle_initial_keeps_its_surname():
    body = ("ICE Field Office Director Maria T. Gomez spoke on Monday about the arrests of 40 people.\n\n"
            '"We will keep working with our partners," said Gomez.')
    assert [name for name, _ in _speakers(body)] == ["Maria T. Gomez"]


@pytest.mark.parametrize("line,speaker", [
    ('According to Albright, "every arrest was lawful."', "Tom Albright"),
    ('Albright added: "Every arrest was lawful."', "Tom Albright"),
    ('"We target public safety threats," Carla Benning, a spokeswoman for ICE, said in an email.', "Carla Benning"),
])
def test_the_speaker_is_the_one_the_attribution_names_not_the_last_name_before(line, speaker):
    assert [name for name, _ in _speakers(_SCENE + line)] == [speaker]


@pytest.mark.parametrize("line", [
    '"Every arrest was lawful," the statement said.',
    '"They took my father," Ana Ruiz, 45, said.',
])
def test_words_of_a_document_or_a_private_person_are_nobody_named_before(line):
    assert _speakers(_SCENE + line) == []


def test_a_quotation_that_goes_on_after_its_attribution_is_one_quote():
    body = _SCENE + '"Every arrest was lawful," Albright told reporters. "We followed the law."'
    assert [name for name, _ in _speakers(body)] == ["Tom Albright"]


# Names the small model tags as a place or an organisation, or cuts short (extract/person_names.py).
@pytest.mark.parametrize("body,speaker,title", [
    ('Warden Ossian Pellerin said the ICE detention center was short of staff after 40 arrests. '
     '"We are running at ninety-five percent," Pellerin told the county commission.', "Ossian Pellerin", "Warden"),
    ('U.S. Rep. Wendell Strake, whose district includes the center, said ICE had made 40 arrests. '
     '"Nobody has told me what the ceiling is," Strake said.', "Wendell Strake", "U.S. Rep."),
    ('An ICE spokesman in Boston, Rufus Oakhurst, said the agency made 40 arrests. '
     '"When a department steps back, we send more officers," Oakhurst said.', "Rufus Oakhurst", "An ICE spokesman in Boston"),
    ('A spokeswoman for the agency in Denver, Ana Cruz, said ICE made 40 arrests. '
     '"We do this every week," Cruz said.', "Ana Cruz", "A spokeswoman for the agency in Denver"),
    ('ICE arrested 40 people, Mayor Adela Moreno-Quist said Thursday. "I was told it would not happen," '
     'Moreno-Quist said at City Hall.', "Adela Moreno-Quist", "Mayor"),
])
def test_an_uncommon_name_after_a_title_or_in_apposition_is_the_speaker(body, speaker, title):
    [q] = records(body, kind="quote")
    assert (q["speaker"]["name"], q["speaker"]["title"]) == (speaker, title)


def test_a_private_person_in_apposition_still_gives_no_quote():
    body = 'A neighbor on Elm Street, Rosa Lind, said ICE agents arrested two men at dawn. "They took him," Lind said.'
    assert records(body, kind="quote") == []


def test_a_headline_in_title_case_names_nobody():
    from enforcement_tracker.extract.nlp import parse
    from enforcement_tracker.extract.person_names import mend_people
    from enforcement_tracker.settings import ExtractSettings

    # the model's own reading of the headline aside (no entities), the mending finds no name in it
    doc = parse([("Judge Halts Arrests As Mayor Promises Lawsuit Over Raids", None)], ExtractSettings(processes=1))[0][0]
    doc.ents = []
    assert not mend_people(doc, lambda text: False)
    doc = parse([("Judge Ana Cruz halted the arrests on Monday.", None)], ExtractSettings(processes=1))[0][0]
    doc.ents = []
    assert mend_people(doc, lambda text: False) and [e.text for e in doc.ents] == ["Ana Cruz"]


def test_he_or_she_is_the_subject_of_the_sentence_before_not_the_last_name_in_it():
    body = ('The deputy field office director for ICE, Marisol Venn, said officers arrested 57 people in March.\n\n'
            'Asked by council member Teodor Blay who those 57 people were, Venn answered plainly. '
            '"Nineteen of them had no criminal record at all," she said.')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Marisol Venn"]


@pytest.mark.parametrize("title", ["Senate Appropriations Chair", "State Del."])
def test_a_lawmaker_s_title_before_an_uncommon_name(title):
    body = (f'{title} Cyrus Pennock, who wrote the amendment, said ICE had made 40 arrests in the county. '
            '"If these beds are not here, the people will be held elsewhere," he said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Cyrus Pennock"


@pytest.mark.parametrize("attribution,speaker,title", [
    ("her spokeswoman, Ione Castellan, said", "Ione Castellan", "her spokeswoman"),
    ("the mayor's spokesman, Tom Reyes, told reporters", "Tom Reyes", "the mayor's spokesman"),
])
def test_a_role_then_a_name_after_the_words_is_the_speaker_not_the_one_named_before(attribution, speaker, title):
    body = f'Gov. Liesl Varga said ICE arrested 40 people. "The state will not help with this," {attribution}.'
    [q] = records(body, kind="quote")
    assert (q["speaker"]["name"], q["speaker"]["title"]) == (speaker, title)


@pytest.mark.parametrize("intro,speaker,title", [
    ("Idunn Baptiste-Okonkwo, the county sheriff, spoke to reporters Tuesday.", "Idunn Baptiste-Okonkwo",
     "the county sheriff"),
    ("Marit Szabo-Lindqvist, a spokeswoman for the agency, confirmed the figure.", "Marit Szabo-Lindqvist",
     "a spokeswoman"),
    ("Teodor Vance-Amadi, the county's public defender, spoke after the hearing.", "Teodor Vance-Amadi",
     "the county's public defender"),
])
def test_a_name_before_a_role_in_apposition_is_the_person_its_surname_names(intro, speaker, title):
    # An uncommon (hyphenated) name the model reads as an organisation: the role after the comma
    # makes it a person, and the surname alone later is that person.
    body = (f"ICE arrested 40 people in Aurora, Colo., on Monday. {intro} "
            f'"People need to know what happened here," {speaker.split()[-1]} said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == speaker and title in q["speaker"]["title"]


def test_a_place_before_a_comma_and_a_role_is_no_person():
    from enforcement_tracker.extract.nlp import load_nlp
    from enforcement_tracker.extract.person_names import mend_people
    from enforcement_tracker.settings import ExtractSettings

    doc = load_nlp(ExtractSettings().model)("In Port Lavaca Heights, the mayor said the city was not told.")
    mend_people(doc, lambda text: False)
    assert not [e.text for e in doc.ents if e.label_ == "PERSON"]


def test_words_an_unnamed_person_urged_are_nobody_named_before():
    body = ("ICE arrested 40 people in Aurora, Colo., on Monday. Sen. Ione Castellan questioned the field office "
            'director, Tomas Brandvold. Castellan read from an email in which a supervisor urged staff to '
            '"get the numbers up." Brandvold said he had not seen it.')
    assert records(body, kind="quote") == []


@pytest.mark.parametrize("after", ["Brandvold said.", "Brandvold said in a statement."])
def test_a_name_after_words_closed_by_a_period_speaks_them_when_the_verb_ends_the_sentence(after):
    body = ("ICE arrested 40 people in Aurora, Colo., on Monday. Tomas Brandvold, the field office director, "
            f'spoke at noon. "We will be back next month to finish the work." {after}')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Tomas Brandvold"]


def test_said_then_a_long_title_is_the_name_that_ends_the_clause():
    # the model reads "Denver Special" as a name; the speaker is the name the attribution ends on
    body = ('Federal agents arrested 40 people in Denver last week, the agency said. "This case began with one '
            'tip from a worker," said HSI Denver Special Agent in Charge Imelda Vasquez-Toomey.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Imelda Vasquez-Toomey" and "Special Agent in Charge" in q["speaker"]["title"]


def test_a_hyphenated_surname_the_model_cut_short_is_still_the_person_named_before():
    body = ("Deputy Director Wendeline Marsh-Obuya said ERO officers made 1,206 arrests in Denver last year.\n\n"
            "Under questioning, Marsh-Obuya acknowledged that a memo asked each field office to aim for 20 "
            'arrests a day. "It is a management tool, not a quota," she said.')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Wendeline Marsh-Obuya"]


def test_he_said_after_a_sentence_that_would_not_say_is_still_the_speaker_before():
    # "would not say where." ends its sentence: the words after it are no one else's
    body = ('ICE agents made arrests in Greeley. ICE spokesman Harlan Tegge said officers had taken eight people '
            'into custody.\n\nTegge said the operation would resume Friday and would not say where. '
            '"We will be back out tomorrow," he said.')
    [q] = records(body, kind="quote")
    assert (q["speaker"]["name"], q["speaker"]["title"]) == ("Harlan Tegge", "ICE spokesman")


def test_an_accented_name_after_a_long_role_in_apposition_speaks_later_by_surname():
    body = ("ICE arrested 40 people in San Juan. The consul general of Peru in San Juan, Rosalba Núñez, said the "
            "consulate had sent staff to the detention center.\n\n"
            '"We ask that families be allowed to bring medicines," Núñez said on Monday.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Rosalba Núñez" and q["speaker"]["title"].startswith("The consul general of Peru")


def test_a_public_role_no_one_is_named_in_speaks_as_that_role():
    body = ('ICE officers arrested 23 people in Greeley on Monday, an agency spokeswoman said.\n\n'
            '"These were targeted arrests," the ICE spokeswoman said. She said most were at home.\n\n'
            '"We do not discuss future operations," the spokeswoman said when asked about more arrests.')
    speakers = [q["speaker"] for q in records(body, kind="quote")]
    assert speakers == [{"name": None, "title": "ICE spokeswoman"}, {"name": None, "title": "spokeswoman"}]


@pytest.mark.parametrize("role", ["officer", "manager", "woman", "attorney"])
def test_an_unnamed_officer_manager_or_bystander_is_no_speaker(role):
    body = ('ICE officers arrested 12 people in Greeley on Monday.\n\n'
            f'"It was a quiet morning until then," the {role} said.')
    assert records(body, kind="quote") == []


def test_a_role_whose_holder_was_named_is_that_person_not_the_role():
    body = ('ICE agents arrested 12 people on Monday, Weld County Sheriff Dana Whitlow said.\n\n'
            '"We were not told in advance," the sheriff said.')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Dana Whitlow"]


def test_a_surname_after_a_name_with_a_long_lowercase_role_is_that_official():
    body = ('Agents arrested 17 people in Boise on Monday.\n\n'
            'Dana Kealoha, the Homeland Security Investigations resident agent in charge for the region, said '
            'federal agents took part. "When a case touches federal law, we are going to be in the room," '
            'Kealoha said.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Dana Kealoha" and "agent in charge" in q["speaker"]["title"]


def test_a_hyphenated_surname_after_said_is_one_name():
    body = ('Agents arrested 56 workers at the plant on Monday.\n\n'
            '"This shows what agents can do when a bank raises a concern," said Victor Ambrose-Kent, special '
            'agent in charge of HSI in the region.')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Victor Ambrose-Kent", "title": "special agent in charge"}


def test_a_subject_that_spoke_in_the_sentence_before_does_not_say_the_words():
    body = ('Officers arrested 45 people in Dayton last week.\n\n'
            'ICE says no. "Our officers work from a list of people we have located, not from a number," said '
            'Desmond Ferraro-Lyle, a spokesman for the agency.')
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == "Desmond Ferraro-Lyle"


@pytest.mark.parametrize("intro,line,speaker", [
    # a title with lowercase words inside it, inverted after "said"
    ("", '"We will keep at this work," said Special Agent in Charge Talia Brennan-Okoro of HSI Denver.',
     ("Talia Brennan-Okoro", "Special Agent in Charge")),
    # two-word titles, and "member" after an office, before a name the model misses; later the surname alone
    ("Stark County Executive Imelda Vasquez-Roe said her office heard about the arrests from residents.\n\n",
     '"Nobody told us a thing," Vasquez-Roe said in a statement.', ("Imelda Vasquez-Roe", "County Executive")),
    ("Canton City Council member Obadiah Fenwick-Lau said his phone rang all morning.\n\n",
     '"People were afraid to drive to work," Fenwick-Lau said.', ("Obadiah Fenwick-Lau", "Canton City Council member")),
    ("", '"Families want answers," said Stark County Supervisor Lucinda Abara-Voss, whose district includes Massillon.',
     ("Lucinda Abara-Voss", "County Supervisor")),
])
def test_titles_the_model_misses_before_an_uncommon_name(intro, line, speaker):
    body = "Immigration officers arrested 40 people in the county last week.\n\n" + intro + line
    [q] = records(body, kind="quote")
    assert q["speaker"]["name"] == speaker[0] and q["speaker"]["title"].endswith(speaker[1])


def test_an_executive_order_is_nobody():
    body = ('Immigration officers arrested 40 people in the county last week.\n\n'
            '"We follow Executive Order 14159 to the letter," said Mayor Ana Ruiz.')
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Ana Ruiz"]


@pytest.mark.parametrize("line", [
    '"They took four of my best workers," said plant Supervisor Dario Quintanilla-Best.',
    '"They took four of my best workers," said Shift Supervisor Dario Quintanilla-Best.',
])
def test_a_businesss_supervisor_is_no_public_speaker(line):
    assert records("Agents arrested 40 workers at the plant on Monday.\n\n" + line, kind="quote") == []


def test_a_surname_the_model_may_miss_speaks_for_the_pronoun_after_it():
    body = ('Regional Director Agnes Holloway-Brandt of the Toledo office announced the effort on Monday.\n\n'
            'Most arrests came after March 3, when the agency began a push in Findlay that Holloway-Brandt '
            'said would go on for weeks. "We are not finished in this county," she said in an interview.')
    [q] = records(body, kind="quote")
    assert q["speaker"] == {"name": "Agnes Holloway-Brandt", "title": "Regional Director"}
    assert q["text"].startswith("We are not finished")


def test_a_private_persons_words_take_none_of_the_three_quote_places():
    body = ('ICE officers arrested 31 people in Tiffin and Fostoria last week, Field Office Director '
            'Nora Quill said.\n\n'
            '"These were people with final orders," Quill said.\n\n'
            'Marisol Ebberts, a cook in Tiffin, says her brother did not come home from work. '
            '"Nobody will tell us where he is," she said.\n\n'
            'Seneca County Sheriff Dale Perrin said his deputies were not asked to help. '
            '"We learned about it from the radio," he said.\n\n'
            'Tiffin Mayor Oren Castellanos said the city would hold a forum. '
            '"People here want answers," he said.')
    speakers = [q["speaker"]["name"] for q in records(body, kind="quote")]
    assert speakers == ["Nora Quill", "Dale Perrin", "Oren Castellanos"]


@pytest.mark.parametrize("body,speaker", [
    # titles of local and state office written before the name
    ('At the Lima council meeting, Councilor Imelda Fairbanks-Oduya asked for the arrest figures.\n\n'
     '"People here deserve a straight answer," Fairbanks-Oduya said.',
     {"name": "Imelda Fairbanks-Oduya", "title": "Councilor"}),
    ('ICE officers arrested 40 people in Lima.\n\n'
     'Delegate Rainer Okonjo-Lind, who represents part of Allen County, said the email should be public.\n\n'
     '"Somebody decided on that number," Okonjo-Lind said.',
     {"name": "Rainer Okonjo-Lind", "title": "Delegate"}),
    # a role in apposition before a name that ends its sentence
    ('Nine arrests were made in Lima and five in Findlay, according to an ICE spokesman in Detroit, '
     'Casimir Ndiaye-Holt.\n\n"The officers worked from a list," Ndiaye-Holt said.',
     {"name": "Casimir Ndiaye-Holt", "title": "an ICE spokesman in Detroit"}),
    # a lowercase role straight before a name, whatever the model tags the name
    ('ICE officers arrested 40 people in Toledo.\n\n"Most of them had final orders," said ICE spokeswoman '
     'Begoña Ibáñez-Thorsen.', {"name": "Begoña Ibáñez-Thorsen", "title": "ICE spokeswoman"}),
    # a long title in apposition after "by", with its offices and places, then the surname alone
    ('Agents arrested 40 workers at a plant in Laurel on Tuesday.\n\nThe announcement was made by ICE Special '
     'Agent in Charge of the Office of Investigations in Toledo, Marcus B. Quell, and a prosecutor.\n\n'
     '"This action is part of a wider effort," said Quell.',
     {"name": "Marcus B. Quell", "title": "ICE Special Agent in Charge of the Office of Investigations in Toledo"}),
    # a title with its office after "for"
    ('ICE officers arrested 40 people in Toledo.\n\n"These are the people we look for," said Assistant '
     'Secretary for Public Affairs Leontine Varga-Osei.',
     {"name": "Leontine Varga-Osei", "title": "Assistant Secretary for Public Affairs"}),
])
def test_titles_and_roles_of_many_shapes_name_the_speaker(body, speaker):
    [q] = records(body, kind="quote")
    assert q["speaker"] == speaker


def test_a_lowercase_role_before_one_capitalised_word_names_no_one():
    body = ('ICE officers arrested 40 people in Toledo.\n\n"We followed the law," a spokeswoman Tuesday said.')
    assert all(q["speaker"]["name"] != "Tuesday" for q in records(body, kind="quote"))


@pytest.mark.parametrize("private", [
    "A Lima mother who asked that only her first name, Maribel, be used said her brother was arrested outside a "
    "lumber yard on Wednesday.",
    "Rosa Ellingwood-Marsh, whose husband was arrested Tuesday outside the Findlay bakery where he works, spoke to "
    "the Example Courier.",
])
def test_a_pronoun_after_a_private_person_named_in_the_paragraph_before_gives_no_official_the_quote(private):
    body = ("ICE officers arrested 26 people in Findlay and Lima last week, the agency said.\n\n"
            "“Our schools are open to every child,” said Dana Quillfeather, a spokeswoman for Findlay City Schools.\n\n"
            f"{private}\n\n“They had his photograph,” she said.")
    assert [q["speaker"]["name"] for q in records(body, kind="quote")] == ["Dana Quillfeather"]


def test_a_pronoun_after_an_official_named_again_by_surname_alone_is_that_official():
    body = ("Nine of the arrests were in Findlay, ICE spokeswoman Dana Quillfeather said.\n\n"
            "The remaining four had no criminal record, Quillfeather said.\n\n"
            "“This operation is finished,” she said.")
    assert [(q["speaker"]["name"], q["text"]) for q in records(body, kind="quote")] == \
        [("Dana Quillfeather", "This operation is finished")]
