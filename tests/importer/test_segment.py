"""Splitting a page into its openings: one test per layout of several roles on one page."""

from app.importer.read import read_page
from app.importer.roles import looks_like_role
from app.importer.segment import Draft, split_openings
from tests.importer.adverts import every


def drafts(markdown: str) -> list[Draft]:
    return split_openings(read_page("page.md", markdown.encode()))


def titles(markdown: str) -> list[str | None]:
    return [draft.title for draft in drafts(markdown)]


def test_role_headings_after_a_non_job_section_split_the_page() -> None:
    markdown = """## What we believe
Openness matters.

## Platform Engineer

## Data Analyst
"""
    assert titles(markdown) == ["Platform Engineer", "Data Analyst"]


def test_numbered_role_headings_in_dutch_split_the_page() -> None:
    markdown = """#### 1 Leerkracht bovenbouw
Een dag per week.

#### 2 Ontwikkelaar webapps
Drie dagen per week.
"""
    assert titles(markdown) == ["1 Leerkracht bovenbouw", "2 Ontwikkelaar webapps"]


def test_spanish_role_headings_share_the_closing_section() -> None:
    markdown = """## Por qué unirte
Somos un equipo pequeño.

### Desarrollador Backend
**Requisitos**
* Python

### Diseñadora Gráfica
**Requisitos**
* Figma

## ¿Cómo postular?
Escribe a empleo@example.org.
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Desarrollador Backend", "Diseñadora Gráfica"]
    assert all("empleo@example.org" in d.text for d in found)


def test_bold_role_lines_are_openings() -> None:
    markdown = """We are a small studio.

**Game Designer**

Design levels.

**Sound Engineer**

Record things.
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Game Designer", "Sound Engineer"]
    assert "Record" not in found[0].text


def test_bullets_of_bold_links_are_one_opening_each() -> None:
    markdown = """## Nous recrutons

* [**Développeuse Mobile**](/jobs/mobile)

* [**Chef de projet**](/jobs/projet)

## Qui sommes-nous ?
Une agence.
"""
    assert titles(markdown) == ["Développeuse Mobile", "Chef de projet"]


def test_card_bullets_with_attribute_lines_are_one_opening_each() -> None:
    markdown = """* [Senior Python Developer](python-dev)
  {: style="background-image:url(/a.jpg)"}

  Build services.

  [Apply now](python-dev){: class="btn"}

* [QA Engineer (Part-time)](qa)
  {: style="background-image:url(/b.jpg)"}

  Test services.
{: class="card-container"}
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Senior Python Developer", "QA Engineer (Part-time)"]
    assert "Test services" not in found[0].text


def test_bullets_of_links_under_employer_headings_take_their_section() -> None:
    markdown = """# Positions

### University of Somewhere
  * [Research Software Engineer](https://jobs.example/1)

### Other Institute
  * [Postdoc in Physics](https://jobs.example/2)
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Research Software Engineer", "Postdoc in Physics"]
    assert found[1].hints["apply_url"] == "https://jobs.example/2"
    assert "University of Somewhere" not in found[1].text


def test_a_link_alone_under_a_sibling_employer_heading_is_one_more_opening() -> None:
    markdown = """# Positions

### University of Somewhere
  * [Research Software Engineer](https://jobs.example/1)

### Other Institute
  * [Postdoc in Physics](https://jobs.example/2)

### Example Collaboration
  * [Travel Grants for Software Work](https://grants.example/3) - six months at the lab.

### How to apply
  * [Application guide](https://help.example/4)
"""
    assert titles(markdown) == [
        "Research Software Engineer",
        "Postdoc in Physics",
        "Travel Grants for Software Work",
    ]


def test_links_alone_under_headings_are_no_openings_when_most_are_not_roles() -> None:
    markdown = """# Our work

### Team
  * [Research Software Engineer](https://jobs.example/1)

### Fellows
  * [Postdoc in Physics](https://jobs.example/2)

### Blog
  * [Our latest news](https://blog.example/3)

### Code
  * [Our repositories](https://code.example/4)
"""
    assert titles(markdown) == ["Research Software Engineer", "Postdoc in Physics"]


def test_a_bullet_list_of_role_names_leaves_out_entries_that_are_not_roles() -> None:
    markdown = """We are hiring for a few roles:

* Mobile Developer
* Product Designer
* ALL THE CODERS

All roles are based in our office.
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Mobile Developer", "Product Designer"]
    assert all("based in our office" in d.text for d in found)


def test_a_list_of_teams_is_not_a_list_of_openings() -> None:
    markdown = """We need a summer intern for one of these teams:

- **Data Team** — helps with data.
- **Infrastructure Team** — helps with servers.
"""
    assert titles(markdown) == [None]


def test_past_recruitments_are_not_openings() -> None:
    markdown = """### Open positions

* 2030-01-10 [Head of Engineering](https://jobs.example/9)

### Past recruitments

* 2029-05-01 [Data Engineer](old-1)
* 2028-02-02 [Systems Administrator](old-2)
"""
    assert titles(markdown) == [None]


def test_lines_that_open_with_a_bold_count_are_one_opening_each() -> None:
    markdown = """# Jobs

**One** open PhD position (full-time) on [Graph Learning](https://lab.example/a.pdf).

**Two** open Postdoc positions on [Robot Ethics](https://lab.example/b.pdf).
"""
    assert titles(markdown) == [
        "PhD position on Graph Learning",
        "Postdoc positions on Robot Ethics",
    ]


def test_separate_apply_buttons_are_separate_postings() -> None:
    markdown = """Help us build things.

Apply for the Data Clerk (Undergraduate) position online.

<a class="btn" href="https://jobs.example/111">Apply</a>

Apply for the Data Clerk (Graduate) position online.

<a class="btn" href="https://jobs.example/222">Apply</a>
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Data Clerk (Undergraduate)", "Data Clerk (Graduate)"]
    assert [d.hints["apply_url"] for d in found] == [
        "https://jobs.example/111",
        "https://jobs.example/222",
    ]


def test_two_apply_links_for_one_role_give_two_untitled_openings() -> None:
    markdown = """---
title: We're hiring - a permanent and a fixed-term Data Engineer
---
Join us.

**[Apply for the permanent role here](https://jobs.example/p)**

**[Apply for the fixed-term role here](https://jobs.example/f)**
"""
    found = drafts(markdown)
    assert [d.title for d in found] == [None, None]
    assert found[1].hints["apply_url"] == "https://jobs.example/f"


def test_adverts_listed_in_front_matter_are_one_opening_each() -> None:
    markdown = """---
company: Example Co
jobs:
  - title: Backend Engineer
    location: Lisbon
  - title: Office Manager
---
Both roles report to the founders.
"""
    found = drafts(markdown)
    assert [d.page.front_matter["title"] for d in found] == ["Backend Engineer", "Office Manager"]
    assert found[0].page.front_matter["location"] == "Lisbon"
    assert all(d.page.front_matter["company"] == "Example Co" for d in found)


def test_an_in_page_link_to_a_section_that_is_not_a_role_does_not_split() -> None:
    markdown = """## Site Reliability Engineer
See the [context](#context).

### Context
The team.
"""
    assert titles(markdown) == [None]


def test_an_apply_section_after_each_role_goes_with_that_role_only() -> None:
    markdown = """## Frontend Developer
Build pages.

## Apply here
Send your CV to front@example.org.

## Backend Developer
Build services.

## Apply here
Send your CV to back@example.org.

## Benefits
A bicycle.
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Frontend Developer", "Backend Developer"]
    assert "front@example.org" in found[0].text and "back@example.org" not in found[0].text
    assert "back@example.org" in found[1].text and "front@example.org" not in found[1].text
    assert all("A bicycle" in d.text for d in found)


def test_html_list_items_that_name_roles_are_one_opening_each() -> None:
    markdown = """<p>Open roles:</p>
<ul class="cards">
  <li class="card"><a href="https://jobs.example/ml">Machine Learning Engineer</a>
    <p>Train models.</p></li>
  <li class="card"><a href="https://jobs.example/ux">UX Researcher</a>
    <p>Talk to users.</p></li>
</ul>
"""
    found = drafts(markdown)
    assert [d.title for d in found] == ["Machine Learning Engineer", "UX Researcher"]
    assert found[0].hints["apply_url"] == "https://jobs.example/ml"


def test_posts_named_by_role_and_number_in_one_line_are_one_opening_each() -> None:
    markdown = """**Profil pour les postes MCF 1234, MCF 5678 et MCF 9012**

Le laboratoire recrute.
"""
    assert titles(markdown) == ["MCF 1234", "MCF 5678", "MCF 9012"]


def test_a_role_advert_that_links_to_other_roles_is_one_opening() -> None:
    markdown = """---
title: Platform Engineer
---
Run our platform.

Other openings:

* [Data Analyst](/jobs/analyst)
* [Product Designer](/jobs/designer)
"""
    assert titles(markdown) == [None]


def test_lines_that_open_with_a_number_of_years_are_not_openings() -> None:
    markdown = """Requirements:

3 years of experience as a developer.

2 years of work with a data engineer.
"""
    assert titles(markdown) == [None]


def test_headings_that_are_sentences_about_a_role_do_not_split_the_page() -> None:
    markdown = """## What You'll Do as a Developer
Write code.

## What We Look For in a Developer
Care.
"""
    assert titles(markdown) == [None]


def test_a_job_board_advert_whose_heading_is_a_role_is_not_split_by_related_jobs() -> None:
    markdown = """# [Site Reliability Engineer](https://board.example/sre)
### Acme

Keep things running.

Related jobs:

- [Data Analyst](https://board.example/analyst)
- [Product Designer](https://board.example/designer)
"""
    assert titles(markdown) == [None]


def test_a_careers_list_in_front_matter_gives_one_opening_per_entry() -> None:
    markdown = """---
title: Work here
careers:
  - title: Junior Tester
  - title: Office Manager
---
"""
    assert [draft.page.front_matter["title"] for draft in drafts(markdown)] == [
        "Junior Tester",
        "Office Manager",
    ]


def test_numbered_links_take_their_titles_from_the_linked_file_names() -> None:
    markdown = """# Join the lab

Current openings: [Opening 1](/files/2025_LabManager.pdf),
[Opening 2](/files/field-technician.pdf).
"""
    assert titles(markdown) == ["Lab Manager", "Field Technician"]


def test_applications_for_headings_are_not_roles() -> None:
    markdown = """## Applications for Postdoctoral fellowships
Write to us.

## Applications for PhD students
Apply through the school.
"""
    assert titles(markdown) == [None]


def test_links_listed_under_a_heading_of_posts_are_openings_whatever_their_text() -> None:
    markdown = """## Working with us

### Doctoral positions

- [Graph learning for river networks](https://example.org/topics/rivers.pdf)
- [Proof assistants in teaching](https://example.org/topics/proofs.pdf)

### Reading list

- [Our handbook](https://example.org/handbook)
"""
    assert titles(markdown) == ["Graph learning for river networks", "Proof assistants in teaching"]


def test_a_german_compound_of_stellen_heads_posts() -> None:
    markdown = """### Hiwi-Stellen

- [Pflege der Webseiten](https://example.org/hiwi-web.pdf)
- [Werkzeuge für Modellvergleiche](https://example.org/hiwi-tools.pdf)
"""
    assert titles(markdown) == ["Pflege der Webseiten", "Werkzeuge für Modellvergleiche"]


def test_a_link_whose_text_or_target_wraps_onto_the_next_line_is_read_whole() -> None:
    markdown = """### Open positions

- [Research Software Engineer for climate
models](https://example.org/rse.pdf)

- [Data Steward](
https://example.org/steward.pdf)
"""
    found = drafts(markdown)
    assert [draft.title for draft in found] == [
        "Research Software Engineer for climate models",
        "Data Steward",
    ]
    assert found[1].hints["apply_url"] == "https://example.org/steward.pdf"


def test_links_under_a_heading_of_reading_are_no_openings() -> None:
    markdown = """# Jobs

We build pipelines.

## Further reading

- [Our handbook](https://example.org/handbook)
- [Our blog](https://example.org/blog)
"""
    assert titles(markdown) == [None]


def test_a_list_of_expert_roles_is_a_list_of_openings() -> None:
    markdown = """# Join the team

- [Freelance Sales Automation Expert](/join/sales)
- [Freelance Developer Advocate](/join/advocate)
"""
    assert titles(markdown) == ["Freelance Sales Automation Expert", "Freelance Developer Advocate"]


def test_list_items_that_count_a_role_are_one_opening_each() -> None:
    markdown = """# Jobs

### At the institute

* 2 Postdocs in glacier modelling will be hired to build ice-sheet emulators.

* 1 research engineer, Department of Physics, will be hired to run the cluster.

### At the university

* 1 postdoc to develop data assimilation for sea ice. Apply [here](https://example.org/a).
"""
    assert titles(markdown) == [
        "Postdocs in glacier modelling",
        "Research engineer, Department of Physics",
        "Postdoc",
    ]


def test_counted_things_that_are_no_roles_are_no_openings() -> None:
    markdown = """# Jobs

What we offer:

* 30 days of holiday a year.
* 2 conferences a year, paid.
"""
    assert titles(markdown) == [None]


def test_a_sentence_offering_posts_for_several_roles_gives_one_opening_each() -> None:
    markdown = """# Jobs

There are openings in the group for outstanding postdoctoral fellows, research software
engineers and graduate students. Write to the head of the lab.
"""
    assert titles(markdown) == [
        "Postdoctoral fellows",
        "Research software engineers",
        "Graduate students",
    ]


def test_a_list_of_roles_that_runs_on_ends_where_the_sentence_goes_on() -> None:
    markdown = "Positions for data stewards and research engineers would be available in May.\n"
    assert titles(markdown) == ["Data stewards", "Research engineers"]


def test_a_sentence_listing_things_other_than_roles_splits_nothing() -> None:
    markdown = """# Data Engineer

We have positions for Python, Rust and Go. Apply by mail.
"""
    assert titles(markdown) == [None]


def test_a_table_of_openings_gives_one_opening_per_row_read_through_its_header() -> None:
    markdown = """# Vacancies

## Doctoral fellowships

| Institution | Position | Deadline |
| --- | --- | --- |
| Example University | Sound and machine learning | 9 May 2031 |
| Sample Institute | [Fieldwork robotics](https://example.org/robotics) | 1 Apr 2031 |

## Postdoctoral fellowships

| Institution | Position | Deadline |
|---|---|---|
| Example University | Climate emulators | 3 March 2031 |
"""
    openings = every(markdown)
    assert [(o.title, o.organisation, str(o.deadline)) for o in openings] == [
        ("Sound and machine learning", "Example University", "2031-05-09"),
        ("Fieldwork robotics", "Sample Institute", "2031-04-01"),
        ("Climate emulators", "Example University", "2031-03-03"),
    ]


def test_a_table_that_names_nothing_only_adverts_have_is_no_list_of_openings() -> None:
    markdown = """# Data Engineer

| Title | Authors |
| --- | --- |
| A paper on pipelines | A. Person |
| Another paper | B. Person |
"""
    assert titles(markdown) == [None]


def test_a_dated_list_of_announcements_gives_one_opening_per_post_it_offers() -> None:
    markdown = """# Job announcements

- 1 May 2031 (soft deadline): 2 postdoc positions on type theory funded by the project.

- 20 November 2030: The Institute offers a [Research Engineer position](https://example.org/re)
  in proof tooling.

- 3 February 2030: 4-year PhD position on parallel algorithms, Example University.
"""
    assert titles(markdown) == [
        "Postdoc positions on type theory",
        "Research Engineer position",
        "PhD position on parallel algorithms",
    ]


def test_dated_news_that_offer_no_post_are_no_openings() -> None:
    markdown = """# News

- 1 May 2031: We released version 2 of our library.
- 3 June 2031: Our paper was accepted at a conference.
"""
    assert titles(markdown) == [None]


def test_bullets_that_open_with_a_bold_role_or_its_post_are_one_opening_each() -> None:
    markdown = """We are hiring for a number of projects:

* **Bioinformatician** for single-cell work on viral infection
* **PhD position** for a project on chromatin in microglia cells
"""
    assert [opening.title for opening in every(markdown)] == ["Bioinformatician", "PhD position"]


def test_a_page_title_listing_roles_is_one_opening_per_role_sharing_the_page() -> None:
    markdown = """---
title: "Backend Engineer, Product Engineer, Design Engineer : Berlin Germany"
---
Example (https://example.com) - we are hiring in person in Berlin.
"""
    found = every(markdown)
    assert [opening.title for opening in found] == [
        "Backend Engineer",
        "Product Engineer",
        "Design Engineer",
    ]
    assert {opening.location for opening in found} == {"Berlin Germany"}
    assert {opening.remote for opening in found} == {"onsite"}


def test_a_title_with_a_comma_that_is_not_a_list_of_roles_is_one_opening() -> None:
    markdown = "---\ntitle: Research Engineer, Climate Models\n---\nWe are hiring.\n"
    assert [opening.title for opening in every(markdown)] == ["Research Engineer, Climate Models"]


def test_the_intro_of_a_section_of_openings_is_shared_by_the_openings_in_it() -> None:
    markdown = """## Staff Positions

### Research Engineer

Build things for $90,000 a year.

## Student Positions

We typically pay between $10 and $15 per hour.

### Student Assistant Administrator

Help the admins.

### Student Web Developer

Help the web team.
"""
    found = every(markdown)
    assert [opening.salary for opening in found] == [
        "$90,000 a year",
        "between $10 and $15 per hour",
        "between $10 and $15 per hour",
    ]


def test_a_disclosure_per_role_is_one_opening_each() -> None:
    markdown = """Engineering jobs.

<details>
<summary>Two-shift Maintenance Engineer</summary>

#### Pay

**Salary** - £28,000 per annum
</details>

<details>
<summary>Electrical Technician</summary>

#### Pay

**Salary** - £26,000 per annum
</details>
"""
    found = every(markdown)
    assert [o.title for o in found] == ["Two-shift Maintenance Engineer", "Electrical Technician"]
    assert [o.salary for o in found] == ["£28,000 per annum", "£26,000 per annum"]


def test_role_names_with_a_lowercase_word_inside_are_headings_of_roles() -> None:
    """A title-cased name keeps its small words ("Ruby on Rails", "funded"): each heading is
    still a role, so the page splits."""
    markdown = """## Open roles

### Senior Ruby on Rails Engineer
Build APIs.

### Fully funded PhD on Soil Microbiology
Three years.
"""
    assert titles(markdown) == [
        "Senior Ruby on Rails Engineer",
        "Fully funded PhD on Soil Microbiology",
    ]


def test_advisors_are_roles_in_english_french_and_spanish() -> None:
    for first, second in (
        ("Legal Advisor", "Marketing Adviser"),
        ("Conseillère pédagogique", "Conseiller numérique"),
        ("Asesor fiscal", "Asesora jurídica"),
    ):
        assert titles(f"## {first}\nText.\n\n## {second}\nText.\n") == [first, second]


def test_german_roles_with_the_inclusive_ending_or_a_trade_noun_are_listed_roles() -> None:
    markdown = """Wir sind ein kleines Büro.

Gleichzeitig suchen wir:

- Verwaltungskraft/in
- freiberufliche Versicherungsmakler
- Bürokauffrau

Bewerbungen an info@example.de.
"""
    assert titles(markdown) == [
        "Verwaltungskraft/in",
        "freiberufliche Versicherungsmakler",
        "Bürokauffrau",
    ]


def test_a_path_or_a_lower_case_word_before_in_is_no_inclusive_role() -> None:
    """`linkedin.com/in/…` and "plug/in" end in "/in" but name nobody's job."""
    for text in ("linkedin.com/in/somebody", "www.example.org/news/in", "plug/in"):
        assert not looks_like_role(text), text
    assert looks_like_role("Telefonist/in")
