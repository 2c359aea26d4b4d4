"""When an opening was posted and when applications close: dates as adverts write them, the
cues of each language, and the dates near a cue that are not closing dates."""

from datetime import date

import pytest

from app.importer.dates import find_dates
from app.importer.extract import extract
from app.importer.read import read_page
from app.importer.segment import split_openings
from tests.importer.adverts import every, one


def deadline(prose: str, posted: str = "") -> date | None:
    front = f"---\ntitle: Baker\ndate: {posted}\n---\n" if posted else "# Baker\n\n"
    return one(f"{front}{prose}\n").deadline


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("1.2.2027", date(2027, 2, 1)),
        ("2027-02-01", date(2027, 2, 1)),
        ("October 15th, 2021", date(2021, 10, 15)),
        ("15 de marzo de 2027", date(2027, 3, 15)),
        ("15 marzo 2027", date(2027, 3, 15)),
        ("15 maart 2027", date(2027, 3, 15)),
        ("15 de março de 2027", date(2027, 3, 15)),
        ("1er décembre 2027", date(2027, 12, 1)),
        ("15 janv. 2027", date(2027, 1, 15)),
        ("15 mrt 2027", date(2027, 3, 15)),
    ],
)
def test_dates_are_read_in_every_form_adverts_use(text: str, found: date) -> None:
    assert [when for _, when in find_dates(text)] == [found]


def test_a_weekday_tells_the_year_of_a_date_written_without_one() -> None:
    assert find_dates("Friday 1st December", near=2017) == [(7, date(2017, 12, 1))]


def test_a_date_without_a_year_or_weekday_has_no_year_to_guess() -> None:
    assert find_dates("1st December", near=2017) == []


def test_the_end_of_a_month_is_its_last_day_in_the_year_after_posting() -> None:
    assert find_dates("end of June", after=date(2016, 6, 20)) == [(0, date(2016, 6, 30))]


@pytest.mark.parametrize(
    "prose",
    [
        "Apply by 1 March 2027.",
        "Bewerbungsfrist: 01.03.2027",
        "Date limite de candidature : 1er mars 2027",
        "Fecha límite: 1 de marzo de 2027",
        "Scadenza: 1 marzo 2027",
        "Sollicitaties uiterlijk 1 maart 2027 sturen.",
        "Prazo de inscrição: 1 de março de 2027",
    ],
)
def test_each_language_cues_a_closing_date(prose: str) -> None:
    assert deadline(prose) == date(2027, 3, 1)


def test_before_a_date_closes_in_a_sentence_about_applying() -> None:
    prose = "Candidates should send a CV before October 15th, 2021 for a start in 2022."
    assert deadline(prose) == date(2021, 10, 15)


def test_until_a_date_is_not_a_closing_date_outside_a_sentence_about_applying() -> None:
    assert deadline("The post is available as soon as possible; until 31/12/2027.") is None


def test_a_start_date_after_a_cue_is_not_a_closing_date() -> None:
    prose = "Applications are welcome; the appointment is to begin no later than 1 March 2027."
    assert deadline(prose) is None


def test_a_rolling_review_date_is_not_a_closing_date() -> None:
    assert deadline("Applications will be reviewed starting 1 March 2027.") is None


def test_a_contract_end_is_not_a_closing_date() -> None:
    assert deadline("Poste à pourvoir dès que possible, contrat jusqu'au 31/12/2027.") is None


def test_a_months_end_after_a_cue_takes_the_posting_year() -> None:
    assert deadline("Merci de candidater d'ici fin juin.", posted="2016-06-20") == date(2016, 6, 30)


def test_of_two_closing_dates_the_later_one_is_in_force() -> None:
    prose = (
        "## Current round\n\nClosing date for applications: Friday 1st December.\n\n"
        "## Key dates\n\nThe deadline for applications is Tuesday 15th August 2017."
    )
    assert deadline(prose) == date(2017, 12, 1)


def test_a_closing_cue_wins_over_a_bare_word() -> None:
    prose = "Send your CV until 1 May 2027.\n\nDeadline: 20 April 2027."
    assert deadline(prose) == date(2027, 4, 20)


def test_a_page_expiry_key_is_no_closing_date_for_an_advert_open_until_filled() -> None:
    opening = one("---\ntitle: Baker\nexpirydate: 2027-03-01\n---\nOpen until filled.\n")
    assert opening.deadline is None


def test_a_page_expiry_key_is_the_closing_date_otherwise() -> None:
    opening = one("---\ntitle: Baker\nvalid-through: 2027-03-01\n---\nBake.\n")
    assert (opening.deadline, opening.sources["deadline"]) == (
        date(2027, 3, 1),
        "front matter: valid-through",
    )


def test_a_prose_deadline_says_its_line_in_the_file() -> None:
    opening = one("---\ntitle: Baker\n---\n\nBake bread.\n\nDeadline: 1 May 2027.\n")
    assert opening.sources["deadline"] == "prose: line 7"


def test_a_deadline_before_the_openings_of_a_page_holds_for_each() -> None:
    page = read_page(
        "a.md",
        b"# Jobs\n\nDeadline for all roles: 1 May 2027.\n\n"
        b"- [Engineer](#engineer)\n- [Designer](#designer)\n\n"
        b"## Engineer\n\nBuild.\n\n## Designer\n\nDraw.\n",
    )
    openings = [extract(draft) for draft in split_openings(page)]
    assert [opening.deadline for opening in openings] == [date(2027, 5, 1)] * 2
    assert openings[0].sources["deadline"] == "page prose: line 3"


def test_posted_comes_from_a_date_key_first() -> None:
    opening = one("---\ntitle: Baker\ncreated_at: 2027-01-02\n---\nBake.\n", "2026-12-01-b.md")
    assert (opening.posted, opening.sources["posted"]) == (
        date(2027, 1, 2),
        "front matter: created_at",
    )


def test_a_modified_date_key_is_not_the_posting_date() -> None:
    opening = one("---\ntitle: Baker\ndate_modified: 2027-01-02\n---\nBake.\n")
    assert opening.posted is None


def test_posted_comes_from_the_file_name_without_a_date_key() -> None:
    opening = one("# Baker\n\nBake.\n", "jobs/2026-12-01-baker.md")
    assert (opening.posted, opening.sources["posted"]) == (date(2026, 12, 1), "file name")


def test_posted_comes_from_the_prose_last() -> None:
    opening = one("# Baker\n\nBake.\n\nPosted on 3 January 2027.\n")
    assert (opening.posted, opening.sources["posted"]) == (date(2027, 1, 3), "prose: line 5")


def test_a_posting_date_under_a_wrapping_mapping_is_read() -> None:
    opening = one("---\ntitle: Baker\nmetadata:\n  apertura: 04/06/2026\n---\nBake bread.\n")
    assert opening.posted == date(2026, 6, 4)


def test_bis_einschliesslich_before_a_date_closes_applications() -> None:
    text = "Bewerbungen können bis einschl. 30. November 2026 per E-Mail gesendet werden."
    assert deadline(text) == date(2026, 11, 30)


def test_a_date_by_which_applicants_hear_back_is_not_the_closing_date() -> None:
    text = (
        "Bewerbungen bitte bis zum 15. Oktober 2026 senden.\n\n"
        "Alle Bewerbungen erhalten bis Ende Dezember 2026 eine Antwort."
    )
    assert deadline(text) == date(2026, 10, 15)


def test_la_limite_pour_candidater_gives_the_closing_date() -> None:
    assert deadline("- La limite pour candidater : 12 mai 2026") == date(2026, 5, 12)


def test_a_listed_opening_that_opens_with_a_date_was_posted_then_or_closes_then() -> None:
    page = """# Job announcements

- 21 April 2027: [Examplelab](https://example.org) offers a [PhD post](https://example.org/1).
- 31 July 2027 (deadline): [Postdoc position](https://example.org/2) in proof theory.
"""
    first, second = every(page)
    assert (first.posted, first.deadline) == (date(2027, 4, 21), None)
    assert first.sources["posted"] == "list item: its date"
    assert (second.posted, second.deadline) == (None, date(2027, 7, 31))


def test_a_date_a_listed_opening_starts_on_is_not_when_it_was_posted() -> None:
    page = """# Stellen

- Ab 1. Mai 2027: [Werkstudent Data](https://example.org/1) in unserem Team.
- Ab 1. Juni 2027: [Werkstudent Web](https://example.org/2) in unserem Team.
"""
    assert [opening.posted for opening in every(page)] == [None, None]
