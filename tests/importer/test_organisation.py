"""The hiring organisation, on small adverts written for each way adverts name it."""

import pytest

from app.importer.extract import Opening, extract
from app.importer.read import read_page
from app.importer.segment import split_openings


def one(markdown: str) -> Opening:
    (draft,) = split_openings(read_page("advert.md", markdown.encode()))
    return extract(draft)


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
    text = "---\ntitle: Engineer\nsummary: The Norbury Institute is seeking an engineer.\n---\nBuild.\n"
    opening = one(text)
    assert opening.organisation == "Norbury Institute"
    assert opening.sources["organisation"] == "front matter: summary"


def test_a_location_mapping_names_the_organisation_before_its_places() -> None:
    text = '---\ntitle: Engineer\nlocation:\n  name: "Quarry Lab, Brno, Czechia"\n---\nText.\n'
    assert one(text).organisation == "Quarry Lab"
