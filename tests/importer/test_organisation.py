"""The hiring organisation, on small adverts written for each way adverts name it."""

import pytest

from tests.importer.adverts import every, one


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("The Example Foundation (EF) is looking for a developer.", "Example Foundation (EF)"),
        ("exampleCorp seeks a maintainer for its tools.", "exampleCorp"),
        ("The Riverbank team is growing, thanks to new funding.", "Riverbank"),
        ("Die Beispiel Stiftung sucht eine Entwicklerin.", "Beispiel Stiftung"),
        ("L'Université de Nulle Part recrute un ingénieur.", "Université de Nulle Part"),
        ("Ejemplo Labs busca un desarrollador.", "Ejemplo Labs"),
        ("Il Gruppo Esempio è alla ricerca di un tecnico.", "Gruppo Esempio"),
        ("Voorbeeld Groep zoekt een docent.", "Voorbeeld Groep"),
        ("A Exemplo Tecnologia procura uma pessoa desenvolvedora.", "Exemplo Tecnologia"),
        ("The Moss lab is currently hiring a technician.", "Moss lab"),
    ],
)
def test_the_subject_of_a_hiring_sentence_is_the_organisation(
    sentence: str, organisation: str
) -> None:
    assert one(f"# Developer\n\n{sentence}\n").organisation == organisation


def test_a_hiring_sentence_right_under_a_heading_is_read() -> None:
    text = "# Developer\n\n### The role\nQuillworks is hiring a developer.\n"
    assert one(text).organisation == "Quillworks"


def test_a_french_noun_recherche_is_not_a_hiring_verb() -> None:
    text = "# Ingénieur\n\nLa thématique de recherche porte sur les graphes.\n"
    assert one(text).organisation is None


def test_a_self_description_names_the_organisation() -> None:
    text = "# Developer\n\nGlimmerfield is a small non-profit building open tools.\n"
    assert one(text).organisation == "Glimmerfield"


def test_a_german_name_with_its_short_form_names_the_organisation() -> None:
    text = "# Entwickler\n\nDas Zentrum für Beispieldaten (ZfB) gehört zum Land.\n"
    assert one(text).organisation == "Zentrum für Beispieldaten"


def test_a_short_form_that_is_not_the_names_is_no_organisation() -> None:
    text = "# Entwickler\n\nDie Original-Ausschreibung (PDF) findet sich online.\n"
    assert one(text).organisation is None


def test_the_german_verb_before_its_subject_names_the_organisation() -> None:
    text = "Für ein Projekt sucht die Beispiel Allianz e.V. eine:n\n\n# Entwickler\n\nText.\n"
    assert one(text).organisation == "Beispiel Allianz e.V."


def test_a_job_boards_company_line_under_the_title_is_the_organisation() -> None:
    text = "# [Engineer](https://board.example/1)\n### Tallowsoft\n#### `🌎 Remote`\n\nText.\n"
    opening = one(text)
    assert opening.organisation == "Tallowsoft"
    assert opening.sources["organisation"] == "job board company line"


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("Join Brightwater", "Brightwater"),
        ("Graduate position at EXLAB", "EXLAB"),
        ("Post-doc position at Examplelab Toulouse", "Examplelab"),
        ("Fernhill Co-operative - Job vacancies", "Fernhill Co-operative"),
        ("Cobalt | Jobs | Backend developer", "Cobalt"),
        ("Brightlane Hiring for New Position in Testing", "Brightlane"),
    ],
)
def test_a_page_title_that_names_the_organisation(title: str, organisation: str) -> None:
    assert one(f"---\ntitle: {title}\n---\nSome text.\n").organisation == organisation


def test_an_about_heading_names_the_organisation() -> None:
    text = "# Developer\n\nYou will build things.\n\n## About Parcelwise\n\nWe ship parcels.\n"
    assert one(text).organisation == "Parcelwise"


def test_we_are_hiring_in_a_page_title_names_no_organisation() -> None:
    assert one("---\ntitle: We're hiring a Developer\n---\nSome text.\n").organisation is None


@pytest.mark.parametrize("heading", ["About the Role", "About us", "Sobre a Vaga"])
def test_an_about_heading_of_a_section_names_no_organisation(heading: str) -> None:
    text = f"# Developer\n\nSome words about a vaga.\n\n## {heading}\n\nDetails.\n"
    assert one(text).organisation is None


def test_a_summary_key_is_read_as_prose() -> None:
    text = (
        "---\ntitle: Engineer\nsummary: The Norbury Institute is seeking an engineer.\n---\n"
        "Build.\n"
    )
    opening = one(text)
    assert opening.organisation == "Norbury Institute"
    assert opening.sources["organisation"] == "front matter: summary"


def test_a_location_mapping_names_the_organisation_before_its_places() -> None:
    text = '---\ntitle: Engineer\nlocation:\n  name: "Quarry Lab, Brno, Czechia"\n---\nText.\n'
    assert one(text).organisation == "Quarry Lab"


@pytest.mark.parametrize(
    ("heading", "organisation"),
    [
        ("Vacatures bij Tulpwerk", "Tulpwerk"),
        ("Jobs at Harbourlight", "Harbourlight"),
        ("Karriere bei Bergfunk", "Bergfunk"),
        ("Offres d'emploi chez Lumiroc", "Lumiroc"),
        ("Open positions at the Tidewater Genomics Lab", "Tidewater Genomics Lab"),
        ("Tidewater Genomics Lab Open Positions", "Tidewater Genomics Lab"),
    ],
)
def test_a_jobs_heading_names_the_organisation(heading: str, organisation: str) -> None:
    text = f"# {heading}\n\n## Data Engineer\n\nYou will build pipelines for our tools.\n"
    assert one(text).organisation == organisation


def test_a_front_matter_meta_line_names_the_organisation() -> None:
    text = (
        "---\ntitle: Open positions\nmeta: Open positions at the Quartz Imaging Lab\n---\n"
        "We have a postdoctoral position open.\n"
    )
    opening = one(text)
    assert opening.organisation == "Quartz Imaging Lab"
    assert opening.sources["organisation"] == "front matter: meta"


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("Join Ferncastle and build tools that people love.", "Ferncastle"),
        ("Rejoignez la Maison des Données pour une mission de deux ans.", "Maison des Données"),
        ("Únete a Colibrí Digital para crear productos.", "Colibrí Digital"),
        ("Unisciti a Nuvola Verde per costruire servizi.", "Nuvola Verde"),
        ("Kom bij Duinlicht en bouw mee aan ons platform.", "Duinlicht"),
        ("Junte-se à Ondazul para criar produtos.", "Ondazul"),
    ],
)
def test_an_invitation_to_join_names_the_organisation(sentence: str, organisation: str) -> None:
    text = f"# Developer\n\nYou will write code every day.\n\n{sentence}\n"
    assert one(text).organisation == organisation


def test_joining_a_team_in_the_middle_of_a_sentence_names_nobody() -> None:
    text = "# Developer\n\nThe developer will join the Starling Cloud project team.\n"
    assert one(text).organisation is None


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("At Pebblestone, we write software for farmers.", "Pebblestone"),
        ("Bei Wolkenwerk arbeiten wir an Software für Bauern.", "Wolkenwerk"),
        ("Chez Brindille, nous écrivons des logiciels.", "Brindille"),
        ("Bij Zeewind zijn we bezig met software.", "Zeewind"),
        ("En Colmena Azul tenemos varios proyectos nuevos.", "Colmena Azul"),
    ],
)
def test_a_sentence_set_at_the_organisation_names_it(sentence: str, organisation: str) -> None:
    text = f"# Developer\n\nYou will write code every day.\n\n{sentence}\n"
    assert one(text).organisation == organisation


def test_the_institution_of_a_long_subject_that_invites_applications() -> None:
    text = (
        "# Research Software Engineer\n\nThe Department of Marine Data (<https://md.example>) "
        "at Northfield University in collaboration with the Coastal Centre invites "
        "applications for two positions.\n"
    )
    assert one(text).organisation == "Northfield University"


def test_a_mail_domain_that_spells_a_phrase_of_the_text_names_it() -> None:
    text = (
        "# Developer\n\nYou will help Casa del Viento grow its platform.\n\n"
        "Write to jobs@casadelviento.org.\n"
    )
    assert one(text).organisation == "Casa del Viento"


def test_a_name_repeated_and_vouched_for_by_its_host_name() -> None:
    text = (
        "# Developer\n\nWe work on Glimmerdash every day. Glimmerdash runs on many servers. "
        "Users of Glimmerdash love it. See https://glimmerdash.example/about.\n"
    )
    assert one(text).organisation == "Glimmerdash"


def test_a_repeated_name_without_a_host_name_is_not_taken() -> None:
    text = (
        "# Developer\n\nWe work on Glimmerdash every day. Glimmerdash runs on many servers. "
        "Users of Glimmerdash love it.\n"
    )
    assert one(text).organisation is None


def test_an_html_line_does_not_hide_the_sentence_under_it() -> None:
    text = "# Poste\n\n<style> .x { color: red } </style>\nL'ONDA recrute un ingénieur.\n"
    assert one(text).organisation == "ONDA"


def test_a_page_description_of_jobs_for_a_company_names_it() -> None:
    text = (
        "---\ntitle: Jobs\ndescription: Open jobs and positions for Kestrelbyte GmbH\n---\n"
        "* [Backend Developer](backend)\n"
    )
    opening = one(text)
    assert opening.organisation == "Kestrelbyte GmbH"
    assert opening.sources["organisation"] == "front matter: description"


def test_an_invitation_to_join_a_team_in_the_excerpt_names_the_organisation() -> None:
    text = (
        "---\ntitle: We're hiring\nexcerpt: There are openings to join the Wavecrest team.\n"
        "---\nWe need a backend developer.\n"
    )
    assert one(text).organisation == "Wavecrest"


def test_an_invitation_keeps_the_small_words_of_a_name_and_its_acronym() -> None:
    text = (
        "# Administrator\n\nYou will run our servers.\n\n"
        "Join the Centre for Quiet Computing (CQC) as a system administrator.\n"
    )
    assert one(text).organisation == "Centre for Quiet Computing (CQC)"


def test_a_listing_line_names_the_employer_after_the_link_but_not_the_role_going_on() -> None:
    page = """# Open positions

- [Data Engineer](https://example.org/jobs/1), Example Institute - closes 1 May 2031
- [Research Fellow](https://example.org/jobs/2) in plasma physics
- [Postdoc](https://example.org/jobs/3) in galaxy evolution
"""
    organisations = [opening.organisation for opening in every(page)]
    assert organisations == ["Example Institute", None, None]
