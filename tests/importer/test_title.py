"""An opening's title: the role, not the page's headline."""

from app.importer.fields.title import title_of
from app.importer.read import read_page
from app.importer.segment import split_openings
from tests.importer.adverts import one


def title(markdown: str) -> str:
    (draft,) = split_openings(read_page("advert-page.md", markdown.encode()))
    return title_of(draft).value


def test_a_generic_page_title_gives_way_to_a_role_heading() -> None:
    assert title("---\ntitle: Careers\n---\n# Junior Data Analyst\nText.") == "Junior Data Analyst"


def test_an_org_careers_page_title_gives_way_to_the_role_in_prose() -> None:
    markdown = "---\ntitle: Acme - Careers\n---\nWe are looking for a Head of Finance to lead."
    assert title(markdown) == "Head of Finance"


def test_a_generic_page_title_gives_way_to_the_role_openings_are_for() -> None:
    markdown = '---\ntitle: "Open Positions"\n---\nWe have openings for PhD students here.\n'
    assert title(markdown) == "PhD students"


def test_a_hiring_headline_loses_its_hiring_words() -> None:
    assert title("---\ntitle: We're hiring a community manager!\n---\nText.") == "Community manager"


def test_an_org_is_hiring_title_gives_way_to_the_capitalised_role_in_prose() -> None:
    markdown = """---
title: Acme is Hiring
---
We are looking for a curious researcher with a passion for data to serve as the Lead
Data Scientist of our group.
"""
    assert title(markdown) == "Lead Data Scientist"


def test_a_lower_case_role_in_prose_keeps_its_modifiers() -> None:
    markdown = """---
title: New position in open peer review
---
We are seeking a creative and careful software research scientist to help.
"""
    assert title(markdown) == "Software research scientist"


def test_a_heading_with_a_gender_marker_wins_over_the_page_title_and_is_cut_after_it() -> None:
    markdown = """---
title: Entwickler für Webanwendungen
---
# Softwareentwickler/in (m/w/d) in Teilzeit, befristet
Text.
"""
    assert title(markdown) == "Softwareentwickler/in (m/w/d)"


def test_a_page_title_that_is_a_phrase_gives_its_role() -> None:
    markdown = "---\ntitle: We're hiring - A fixed term and open-ended Data Engineer\n---\nText."
    assert title(markdown) == "Data Engineer"


def test_a_french_recruitment_title_loses_its_prefix() -> None:
    assert title("---\ntitle: Recrutement d ingénieur d étude\n---\nTexte.") == "Ingénieur d étude"


def test_a_french_headline_keeps_both_genders_of_the_role() -> None:
    markdown = "---\ntitle: À la recherche d'une développeuse / un développeur Mobile\n---\nTexte."
    assert title(markdown) == "Développeuse / développeur Mobile"


def test_a_current_vacancy_heading_is_cut_at_its_first_sentence() -> None:
    markdown = """---
title: Acme - Job vacancies
---
#### Current Vacancy: Bicycle Mechanic (training provided). Closing date: Friday 1st May.
Text.
"""
    assert title(markdown) == "Bicycle Mechanic (training provided)"


def test_a_list_item_that_is_a_role_gives_the_title_when_nothing_else_does() -> None:
    markdown = """---
title: Join Acme
---
## Most wanted
- `Rust` Developer (or a C++ developer keen to learn)
"""
    assert title(markdown) == "Rust Developer (or a C++ developer keen to learn)"


def test_a_linked_first_heading_gives_the_title_of_a_page_without_front_matter() -> None:
    markdown = "# [Pessoa Desenvolvedora Backend](https://board.example/1)\n### Acme\nTexto."
    assert title(markdown) == "Pessoa Desenvolvedora Backend"


def test_an_organisation_before_the_role_in_the_page_title_gives_way_to_the_prose_role() -> None:
    markdown = """---
title: ExampleOrg Program Director
---
ExampleOrg is seeking to hire a full-time Programs Director to grow the team.
"""
    assert title(markdown) == "Programs Director"


def test_a_page_title_that_starts_with_the_role_is_kept() -> None:
    markdown = """---
title: Senior Program Director
---
We are seeking to hire a full-time Programs Director to grow the team.
"""
    assert title(markdown) == "Senior Program Director"


def test_a_list_item_about_experience_is_not_a_title() -> None:
    markdown = """---
title: Join us
---
We build tools.

## You bring
- Proven experience as a developer
"""
    assert title(markdown) == "Join us"


def test_a_posting_word_before_the_role_is_dropped() -> None:
    assert (
        title("---\ntitle: 'Vacature: Ontwikkelaar Python'\n---\nTekst.") == "Ontwikkelaar Python"
    )


def test_a_short_name_and_a_dash_before_the_role_are_dropped() -> None:
    assert title("---\ntitle: Acme – Data Engineer\n---\nText.") == "Data Engineer"


def test_a_role_before_a_dash_keeps_what_follows() -> None:
    markdown = "---\ntitle: Technical Director – Research Infrastructure\n---\nText."
    assert title(markdown) == "Technical Director – Research Infrastructure"


def test_a_gendered_article_before_the_role_in_prose_is_skipped() -> None:
    markdown = "---\ntitle: Empleo\n---\nBuscamos un/a Desarrollador/a Backend con experiencia."
    assert title(markdown) == "Desarrollador/a Backend"


def test_a_hiring_headline_without_a_role_is_not_the_title() -> None:
    markdown = """---
title: We are hiring for our harbour office
---
We are looking for a Field Technician to join the survey team.
"""
    assert title(markdown) == "Field Technician"


def test_a_hiring_verb_opening_a_title_in_spanish_is_dropped() -> None:
    markdown = "---\ntitle: Buscamos programadores backend\n---\nTexto."
    assert title(markdown) == "Programadores backend"


def test_a_job_board_suffix_after_the_role_is_dropped() -> None:
    markdown = "---\ntitle: Data Analyst @ Acme - Vaga de Emprego\n---\nTexto."
    assert title(markdown) == "Data Analyst"


def test_an_organisation_after_a_bar_is_dropped() -> None:
    assert title("---\ntitle: Backend Developer | Acme\n---\nText.") == "Backend Developer"


def test_a_long_hiring_headline_gives_the_role_it_hires() -> None:
    markdown = "# We are hiring designers to shape a friendly tool used by many teams\n\nText."
    assert title(markdown) == "Designers"


def test_a_plural_role_offered_in_prose_titles_a_careers_page() -> None:
    markdown = "---\ntitle: Careers\n---\nThe project is searching for data engineers to join."
    assert title(markdown) == "Data engineers"


def test_a_page_without_headings_takes_the_role_a_list_item_opens_with() -> None:
    markdown = "Write to us.\n\n**Needs**\n\n- backend engineer with database skills\n- patience\n"
    assert title(markdown) == "Backend engineer"


def test_a_page_that_names_no_role_takes_the_role_its_file_name_names() -> None:
    page = "# Job description Example Auctions\n\nYou build our auction site.\n"
    assert one(page, "2031-05-01-senior-web-developer.md").title == "Senior web developer"
    assert one(page, "408-example-web-developer.md").title == "Web developer"


def test_the_closing_date_after_a_dash_and_the_word_open_are_no_part_of_the_title() -> None:
    markdown = "---\ntitle: Research fellowship available - deadline Jan 26, 2031\n---\nText."
    assert title(markdown) == "Research fellowship"


def test_a_sentence_announcing_a_post_gives_the_role_of_a_headline_page() -> None:
    markdown = """---
title: SASIP related Job Offer
---
1-year Postdoc opportunity at the University of Example to work on data assimilation.
"""
    assert title(markdown) == "Postdoc"


def test_a_role_under_a_label_gives_a_generic_page_its_title() -> None:
    markdown = """+++
title = "Lavora con noi"
description = "Cerchiamo persone tecniche. Posizione aperta: Consulente GRC. Sede a Vicenza."
+++
"""
    assert title(markdown) == "Consulente GRC"


def test_a_roles_key_with_an_inclusive_article_gives_the_role() -> None:
    markdown = "---\nroles: un·e lead développeur·se\n---\nTu construis le service.\n"
    assert title(markdown) == "Lead développeur·se"


def test_inclusive_writing_with_any_middle_dot_keeps_the_whole_role() -> None:
    for dot in "·⋅•":
        markdown = (
            f"---\ntitle: Examplecoop recrute un{dot}e développeur{dot}se web à Lyon\n---\nTexte.\n"
        )
        assert title(markdown) == f"Développeur{dot}se web"


def test_words_that_follow_a_role_noun_in_its_name_stay_with_it() -> None:
    assert title("---\ntitle: Examplecoop recrute un développeur web mobile à Lyon\n---\nT.\n") == (
        "Développeur web mobile"
    )
    assert title("---\ntitle: Buscamos desarrollador backend sénior\n---\nTexto.\n") == (
        "Desarrollador backend sénior"
    )
    assert title("---\ntitle: Examplecorp contrata desenvolvedor backend pleno\n---\nT.\n") == (
        "Desenvolvedor backend pleno"
    )


def test_the_posts_state_marked_after_its_title_is_no_part_of_it() -> None:
    for marked in ("Beca Software (ABIERTA)", "Beca Software [abierta]"):
        assert title(f'---\ntitle: "Formación pagada: {marked}"\n---\nTexto.\n') == "Beca Software"
    assert title('---\ntitle: "Research Engineer (OPEN)"\n---\nText.\n') == "Research Engineer"
