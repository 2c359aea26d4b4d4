"""Each extraction rule, on small inline adverts."""

from datetime import date

import pytest

from tests.importer.adverts import one


def test_front_matter_takes_precedence_over_prose() -> None:
    opening = one(
        """---
title: Data Engineer
company: Example Lab
location: Vienna
expiryDate: 2030-01-31
date: 2029-12-01
salary: EUR 50,000
tags: [Data, Open Source]
apply: https://example.org/apply
type: Full Time
---
Location: Berlin. Closing date: 01/01/2031. Salary: £1.
"""
    )
    assert opening.title == "Data Engineer"
    assert opening.organisation == "Example Lab"
    assert opening.location == "Vienna"
    assert opening.deadline == date(2030, 1, 31)
    assert opening.posted == date(2029, 12, 1)
    assert opening.salary == "EUR 50,000"
    assert opening.tags == ["data", "open-source"]
    assert opening.apply_url == "https://example.org/apply"
    assert opening.employment_type == "full-time"


@pytest.mark.parametrize(
    ("sentence", "location"),
    [
        (
            "Location anywhere in North America or Western Europe.",
            "North America or Western Europe",
        ),
        ("Preferably the candidate is based in the Americas.", "Americas"),
        ("Location: Genoa, Italy", "Genoa, Italy"),
        ("Standort: Köln", "Köln"),
        ("We work from nowhere in particular.", None),
    ],
)
def test_location_from_prose(sentence: str, location: str | None) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == location


@pytest.mark.parametrize(
    ("sentence", "remote"),
    [
        ("- Remote position.", "remote"),
        ("This is a fully remote role.", "remote"),
        ("Hybrid working: two days in the office.", "hybrid"),
        ("On-site full-time employment at our office.", "onsite"),
        # Every cue word of the patterns, in other spellings and languages.
        ("This role is 100% Remote.", "remote"),
        ("Poste en télétravail complet.", "remote"),
        ("Mobiles Arbeiten ist möglich.", "hybrid"),
        ("Home-Office nach Absprache.", "hybrid"),
        ("Télétravail partiel possible.", "hybrid"),
        ("You will work In-Office.", "onsite"),
        ("Comfortable working with remote colleagues.", None),
    ],
)
def test_remote_mode_from_prose(sentence: str, remote: str | None) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").remote == remote


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Send your CV by the 7th of February 2022.", date(2022, 2, 7)),
        ("Closing date: 31/01/2020", date(2020, 1, 31)),
        ("The closing date is Thursday 18th February 2016 at 5pm GMT.", date(2016, 2, 18)),
        ("Applications are due March 3, 2021.", date(2021, 3, 3)),
        ("Ende der Ausschreibungsfrist am 14.6.2020", date(2020, 6, 14)),
        ("Bewerbungsschluss: 01.02.2023", date(2023, 2, 1)),
        ("Date limite : 15/03/2024", date(2024, 3, 15)),
        ("Candidatures jusqu'au 3 mars 2024.", date(2024, 3, 3)),
        ("This advert expires 2024-05-01.", date(2024, 5, 1)),
        ("Submitted before 1 June 2025, please.", date(2025, 6, 1)),
        ("No later than 9 July 2025.", date(2025, 7, 9)),
        ("We will review applications until the position is filled.", None),
        ("We were founded on 1 May 2001.", None),
    ],
)
def test_deadline_from_prose(sentence: str, deadline: date | None) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").deadline == deadline


def test_a_deadline_without_a_year_follows_the_post_date() -> None:
    opening = one("---\ntitle: Engineer\ndate: 2021-11-20\n---\nApply by 15 January.\n")
    assert opening.deadline == date(2022, 1, 15)
    assert one("---\ntitle: Engineer\ndate: 2021-01-02\n---\nApply by 15 January.\n").deadline == (
        date(2021, 1, 15)
    )


def test_posted_date_from_a_jekyll_file_name() -> None:
    assert one("# Engineer\n\nText.", source="_posts/2017-11-16-engineer.md").posted == date(
        2017, 11, 16
    )


def test_organisation_from_a_jobs_page_title() -> None:
    assert one(
        "---\ntitle: Example Lab - Job opportunities\n---\n# Engineer\n\nText."
    ).organisation == ("Example Lab")


def test_organisation_from_the_prose() -> None:
    opening = one(
        "---\ntitle: Community Coordinator\n---\nThe International Widget Framework (IWF) "
        "Consortium seeks a dedicated staff member.\n"
    )
    assert opening.organisation == "International Widget Framework (IWF) Consortium"


def test_organisation_acronym_is_spelled_out_from_the_text() -> None:
    opening = one(
        '---\ntitle: "XYZ is hiring a Communications Officer!"\n---\n'
        "The [Example Software Institute (XYZ)](http://x.example) is recruiting.\n"
    )
    assert opening.title == "Communications Officer"
    assert opening.organisation == "Example Software Institute"


def test_apply_email_is_the_one_to_send_applications_to() -> None:
    opening = one(
        "# Engineer\n\nIf you have questions please contact info@example.org.\n\n"
        "Please send a CV and cover letter to jobs@example.org.\n"
    )
    assert opening.apply_email == "jobs@example.org"


def test_an_email_only_for_questions_is_not_how_to_apply() -> None:
    assert (
        one("# Engineer\n\nQuestions about the role? Email info@example.org.\n").apply_email is None
    )


def test_apply_url_from_a_reference_link() -> None:
    opening = one(
        "# Engineer\n\nTo apply, please see the job advert on the [website][ad].\n\n"
        "[ad]: https://jobs.example/ad\n"
    )
    assert opening.apply_url == "https://jobs.example/ad"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("This is a full-time post.", "full-time"),
        ("A part-time role (60%).", "part-time"),
        ("A fixed-term contract for two years.", "temporary"),
        ("A freelance position.", "contract"),
        ("A six-month internship.", "internship"),
        ("Praktikum im Sommer.", "internship"),
        ("Stage M2 en bioinformatique.", "internship"),
        ("Un poste de Stagiaire.", "internship"),
        ("A Consultancy Contract.", "contract"),
        ("Die Stelle ist befristet.", "temporary"),
        ("Un CDD de douze mois.", "temporary"),
        ("A 24-month position.", "temporary"),
        ("Teilzeit (50 %).", "part-time"),
        ("Un poste à mi-temps.", "part-time"),
        ("Vollzeit, unbefristet.", "full-time"),
        ("Un poste à temps plein.", "full-time"),
        ("Come and work with us.", None),
    ],
)
def test_employment_type_from_prose(sentence: str, kind: str | None) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").employment_type == kind


@pytest.mark.parametrize(
    ("text", "salary"),
    [
        ("* £31,866 to £40,322 per annum (pro-rata)\n", "£31,866 to £40,322 per annum (pro-rata)"),
        ("Salary: $60k/year plus benefits\n", "$60k/year plus benefits"),
        ("Pay is competitive.\n", None),
        ("Die Vergütung erfolgt nach Entgeltgruppe 13 TV-L.\n", "Entgeltgruppe 13 TV-L"),
    ],
)
def test_salary_from_prose(text: str, salary: str | None) -> None:
    assert one(f"# Engineer\n\n{text}").salary == salary


def test_raw_html_is_kept_in_the_description_text() -> None:
    opening = one("# Engineer\n\n<script>alert(1)</script>\n\nWrite code.\n")
    assert "Write code." in opening.description


def test_the_same_advert_always_gives_the_same_fingerprint() -> None:
    markdown = "# Engineer\n\nWrite code.\n"
    assert one(markdown, "a/x.md").content_hash == one(markdown, "b/x.md").content_hash
    assert one(markdown).content_hash != one(markdown + "More.\n").content_hash


def test_job_board_markup_names_organisation_location_and_salary() -> None:
    opening = one(
        '<h3>Engineer</h3>\n<p><span class="company-name">Lab A</span>'
        '<span class="company-location">Remote</span><span class="package">Fully Funded</span></p>'
    )
    assert opening.organisation == "Lab A"
    assert opening.location is None
    assert opening.remote == "remote"
    assert opening.salary == "Fully Funded"


def test_an_institution_in_the_location_is_the_organisation() -> None:
    opening = one(
        "---\ntitle: Engineer\nlocation: University of Somewhere, Genoa, Italy\n---\nText."
    )
    assert opening.organisation == "University of Somewhere"
    assert opening.location == "Genoa, Italy"


def test_the_to_apply_section_decides_the_apply_link() -> None:
    opening = one(
        "# Engineer\n\nRead about [our application framework](https://example.org/about).\n\n"
        "### To apply\n\n[Fill out this form!](https://forms.example/1)\n"
    )
    assert opening.apply_url == "https://forms.example/1"


def test_posted_date_from_the_prose() -> None:
    assert one("# Engineer\n\nWrite code. Posted 24 April 2015.\n").posted == date(2015, 4, 24)
