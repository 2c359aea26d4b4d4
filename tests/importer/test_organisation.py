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
        ("Transports Exemple est présentement à la recherche de chauffeurs.", "Transports Exemple"),
        ("Beispielwerk sucht derzeit eine Entwicklerin.", "Beispielwerk"),
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


@pytest.mark.parametrize(
    "sentence",
    [
        "Glimmerfield is a small non-profit building open tools.",
        "Glimmerfield is a small Dutch telecom operator.",
        "Glimmerfield is een kleine Nederlandse telecomoperator.",
        "Glimmerfield est un petit cabinet d'architectes.",
        "Glimmerfield es un estudio de diseño en Sevilla.",
    ],
)
def test_a_self_description_names_the_organisation(sentence: str) -> None:
    assert one(f"# Developer\n\n{sentence}\n").organisation == "Glimmerfield"


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


_EMPLOYER_HEADINGS = """# Positions with our partners

Several partners of the network are hiring.

### Quillmoor University
  * [Postdoctoral Research Associate](https://jobs.example/1)

### Brackenridge Institute of Technology, Springfield
  * [Research Software Engineer](https://jobs.example/2)

### Berlin
  * [Data Engineer](https://jobs.example/3)
"""


def test_a_heading_above_a_listed_role_names_its_employer_with_its_place() -> None:
    openings = every(_EMPLOYER_HEADINGS)
    assert [opening.organisation for opening in openings] == [
        "Quillmoor University",
        "Brackenridge Institute of Technology, Springfield",
        None,
    ]
    assert openings[0].sources["organisation"] == "heading above the listed role"


def test_a_listing_lines_organisation_loses_its_article() -> None:
    text = (
        "* [Research Associate](https://jobs.example/1), The School of Examples, University of"
        " Somewhere, UK - closes 9th May 2026\n\n"
        "* [Data Engineer](https://jobs.example/2), Example Trust, Springfield, UK\n"
    )
    assert [opening.organisation for opening in every(text)] == [
        "School of Examples",
        "Example Trust",
    ]


def test_a_department_that_is_a_common_word_of_the_text_is_no_organisation() -> None:
    text = "---\ntitle: Account Executive\ndepartment: Sales\n---\nJoin our sales team.\n"
    assert one(text).organisation is None


def test_an_aside_between_the_subject_and_its_verb_is_left_out() -> None:
    text = (
        "# Director\n\n[Fernwick](https://fernwick.example) (the organisation which shelters"
        "\nseveral open projects) is seeking to hire a director.\n"
    )
    assert one(text).organisation == "Fernwick"


def test_an_institution_that_hereby_advertises_a_position_is_the_organisation() -> None:
    text = "# Engineer\n\nQuillmoor University hereby advertises a position as engineer.\n"
    assert one(text).organisation == "Quillmoor University"


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        (
            "Das Beispiel-Institut Haus für Lernforschung e.V. sucht eine Entwicklerin."
            "\n\nDie Stelle ist am Beispiel-Institut Bremen.",
            "Beispiel-Institut",
        ),
        (
            "---\ntitle: Support job at QMU Physics and Chemistry\n---\nWork with us at QMU.",
            "QMU",
        ),
        (
            "---\ntitle: Support job at Open Physics and Chemistry\n---\nAn open lab.",
            "Open Physics and Chemistry",
        ),
    ],
)
def test_a_long_name_is_the_part_the_text_also_writes_alone(text: str, organisation: str) -> None:
    assert one(text).organisation == organisation


def test_a_host_name_as_subject_is_the_name_the_text_writes() -> None:
    text = (
        "# Desarrollador\n\n[tallowmark.com](/) está buscando personas talentosas.\n\n"
        "Envíe su CV a Tallowmark.\n"
    )
    assert one(text).organisation == "Tallowmark"


def test_a_host_name_the_text_writes_no_other_way_stays_as_it_is() -> None:
    text = "# Developer\n\n[Tallowmark.com](/) is looking for a developer.\n"
    assert one(text).organisation == "Tallowmark.com"


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [
        ("## Qui sommes nous ?", "Brumelle réalise des applications web sur mesure."),
        ("## Who we are", "Brumelle builds web applications for its clients."),
        ("### Über uns", "Brumelle entwickelt Anwendungen für das Web."),
    ],
)
def test_the_name_opening_the_who_we_are_section_is_the_organisation(
    heading: str, sentence: str
) -> None:
    text = (
        f"# Développeur\n\nVous écrirez du code.\n\n{heading}\n\n{sentence}\n\n"
        "Voir [nos projets](https://brumelle.example/).\n"
    )
    assert one(text).organisation == "Brumelle"


def test_a_who_we_are_section_opening_with_a_common_word_names_nobody() -> None:
    text = (
        "# Developer\n\nYou will write code.\n\n## Who we are\n\nFounded in 2010, we build tools."
        "\n\nWe founded it with friends in 2010.\n"
    )
    assert one(text).organisation is None


def test_a_job_boards_company_line_in_lower_case_counts_when_the_text_repeats_it() -> None:
    text = (
        "# [Engineer](https://board.example/1)\n### quillet\n\nAqui na quillet as vagas estão"
        " abertas.\n\n### Sobre a quillet\n\nSomos especialistas.\n"
    )
    assert one(text).organisation == "quillet"


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        (
            "L'institut Quintal de l'Exemple est une unité mixte de recherche.",
            "Institut Quintal de l'Exemple",
        ),
        ("Tallowmark ist ein Team von zehn Personen in Wien.", "Tallowmark"),
        ("Tallowmark is a team of ten people in Vienna.", "Tallowmark"),
    ],
)
def test_a_self_description_as_a_unit_or_team_names_the_organisation(
    sentence: str, organisation: str
) -> None:
    assert one(f"# Developer\n\nYou write code.\n\n{sentence}\n").organisation == organisation


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("Leerkracht gezocht School de Linde in Zutphen.", "School de Linde"),
        ("Two developers wanted at Brightlane Labs for our tools.", "Brightlane Labs"),
        ("Entwickler gesucht bei der Beispiel Stiftung.", "Beispiel Stiftung"),
    ],
)
def test_the_employer_after_a_role_wanted_is_the_organisation(
    sentence: str, organisation: str
) -> None:
    assert one(f"---\ntitle: Vacatures\nexcerpt: {sentence}\n---\nText.\n").organisation == (
        organisation
    )


def test_wanted_before_a_new_sentence_names_nobody() -> None:
    assert one("# Developer\n\nDeveloper wanted! Apply now.\n").organisation is None


def test_an_institution_its_recruiting_site_vouches_for_is_the_organisation() -> None:
    text = (
        "# Research Software Engineer\n\nThe post is funded by the Example Foundation for"
        " Science.\n\nMore details on [the University of Quillmoor job site]"
        "(https://jobs.quill.ac.uk/vacancy/12).\n"
    )
    opening = one(text)
    assert opening.organisation == "University of Quillmoor"
    assert opening.sources["organisation"] == "an institution the advert's host name vouches for"


def test_the_mail_host_and_not_a_partners_link_vouches_for_the_institution() -> None:
    text = (
        "# Engineer\n\nYou will work with the [Tallow Software Institute](https://tallow.org/)"
        " and with Brackenridge GmbH.\n\nContact: jobs@brackenridge.example\n"
    )
    assert one(text).organisation == "Brackenridge GmbH"


def test_an_institution_no_host_name_vouches_for_names_nobody() -> None:
    text = (
        "# Engineer\n\nThe project is funded by the Tallow Software Institute.\n\n"
        "Apply at https://apply.example/form\n"
    )
    assert one(text).organisation is None


def test_an_institution_after_an_elided_article_is_read() -> None:
    text = (
        "# ATER\n\nDeux postes sont ouverts à la Faculté des Sciences de l'Université Jean"
        " Quillet.\n\nVoir <http://www.fst.univ-quillet.fr/>\n"
    )
    assert one(text).organisation == "Université Jean Quillet"


@pytest.mark.parametrize(
    ("signature", "organisation"),
    [
        ("Cheers,\nThe Quillworks Team", "Quillworks"),
        ("— Ihr Beispielwerk-Team", "Beispielwerk"),
        ("L'équipe Brumelle", "Brumelle"),
        ("Your friends at Tallowmark", "Tallowmark"),
        ("© 2024 Brackenridge GmbH. All rights reserved.", "Brackenridge GmbH"),
    ],
)
def test_the_signature_at_the_end_names_the_organisation(signature: str, organisation: str) -> None:
    text = f"# Developer\n\nYou will write code with us.\n\nApply by mail.\n\n{signature}\n"
    opening = one(text)
    assert opening.organisation == organisation
    assert opening.sources["organisation"] == "signature"


@pytest.mark.parametrize("signature", ["The HR Team", "The Hiring Team", "Apply now!", "The Team"])
def test_a_signature_of_a_function_or_a_sentence_names_nobody(signature: str) -> None:
    text = f"# Developer\n\nWe are hiring developers.\n\n{signature}\n"
    assert one(text).organisation is None


@pytest.mark.parametrize(
    ("key", "value", "organisation"),
    [
        ("publisher", "Quillworks", "Quillworks"),
        ("name", "Brackenridge Institute", "Brackenridge Institute"),
        ("site", "Tallowmark GmbH", "Tallowmark GmbH"),
        ("author", "The Quillworks Team", "Quillworks"),
        ("name", "Jane Quill", None),
        ("site", "Springfield", None),
        ("author", "Jane Quill", None),
    ],
)
def test_a_front_matter_key_names_the_organisation_when_its_words_make_it_one(
    key: str, value: str, organisation: str | None
) -> None:
    text = f"---\ntitle: Engineer\n{key}: {value}\n---\nYou will build tools.\n"
    assert one(text).organisation == organisation


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("Send your CV to jobs@quillworks.io.", "quillworks"),
        ("Wir (qwk) freuen uns auf Sie: bewerbung@qwk-nord.de", "qwk"),
        ("Apply at https://careers.tallowmark.com/apply/12", "tallowmark"),
        ("Send your CV to jane.quill@gmail.com.", None),
        ("More vacancies on https://www.jobs.ac.uk/search", None),
    ],
)
def test_the_last_resort_is_the_name_a_mail_domain_or_recruiting_site_spells(
    text: str, organisation: str | None
) -> None:
    assert one(f"# Developer\n\nYou will write code.\n\n{text}\n").organisation == organisation


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        (
            "Quillworks, a non-profit based in Springfield, is looking for a developer.",
            "Quillworks",
        ),
        ("Quillworks — the open data company — is hiring.", "Quillworks"),
        ("We are Quillworks, the open data company for cities.", "Quillworks"),
        ("We're Quillworks, a small studio.", "Quillworks"),
        ("Wir sind Quillworks, ein Softwarehaus aus Köln.", "Quillworks"),
        ("Nous sommes Quillworks, une coopérative de développeurs.", "Quillworks"),
        ("Somos Quillworks, una empresa de software.", "Quillworks"),
        ("Join us at Quillworks to build open tools.", "Quillworks"),
        ("Our client, Quillworks, is looking for a developer.", "Quillworks"),
        ("On behalf of Quillworks we are looking for a developer.", "Quillworks"),
        ("The successful candidate will be employed by Quillworks Ltd.", "Quillworks Ltd."),
        ("The team at Quillworks is hiring a developer.", "Quillworks"),
        ("Quillworks is een softwarebedrijf in Utrecht.", "Quillworks"),
    ],
)
def test_a_sentence_that_says_who_the_employer_is_names_it(
    sentence: str, organisation: str
) -> None:
    assert one(f"# Developer\n\nYou will write code.\n\n{sentence}\n").organisation == (
        organisation
    )


@pytest.mark.parametrize(
    "sentence", ["We are Hiring! Send us your CV.", "We are looking for a developer."]
)
def test_we_are_without_a_name_and_its_description_names_nobody(sentence: str) -> None:
    assert one(f"# Developer\n\n{sentence}\n").organisation is None


def test_the_last_resort_is_the_institution_the_prose_places_the_job_at() -> None:
    text = "# Postdoc\n\nApplications are invited for a postdoc at the University of Quillmoor.\n"
    opening = one(text)
    assert opening.organisation == "University of Quillmoor"
    assert opening.sources["organisation"] == (
        "an institution the prose places the job at, or a company it names"
    )


@pytest.mark.parametrize(
    ("line", "organisation"),
    [
        ("**Company:** Quillworks", "Quillworks"),
        ("Employer: Quillmoor Institute", "Quillmoor Institute"),
        ("| Company | Quillworks |\n|---|---|\n| Location | Springfield |", "Quillworks"),
        ("Arbeitgeber: Quillworks GmbH", "Quillworks GmbH"),
        ("Entreprise : Quillworks", "Quillworks"),
        ("Company: We are a small team that builds tools for cities and their people.", None),
    ],
)
def test_a_line_that_labels_the_employer_names_it(line: str, organisation: str | None) -> None:
    assert one(f"# Developer\n\n{line}\n\nYou will write code.\n").organisation == organisation


@pytest.mark.parametrize(
    ("title", "organisation"),
    [
        ("Research Engineer at Quillworks", "Quillworks"),
        ("Backend-Entwickler bei Quillworks GmbH", "Quillworks GmbH"),
        ("Ingénieur de recherche chez Quillworks", "Quillworks"),
        ("Quillworks: Backend Developer", "Quillworks"),
        ("Wir suchen: Backend-Entwickler", None),
        ("Research Engineer at our Springfield office", None),
    ],
)
def test_a_title_that_names_the_employer_beside_the_role(
    title: str, organisation: str | None
) -> None:
    assert one(f"# {title}\n\nYou will write code.\n").organisation == organisation


@pytest.mark.parametrize(
    ("body", "organisation"),
    [
        ("Quillworks builds tools. Write to us at Quillworks.", "Quillworks"),
        ("You will write code. See https://quillworks.io/about", "Quillworks"),
        ("You will write code for us.", None),
    ],
)
def test_a_name_after_a_dash_in_the_title_counts_when_the_text_vouches_for_it(
    body: str, organisation: str | None
) -> None:
    assert one(f"# Backend Developer - Quillworks\n\n{body}\n").organisation == organisation


def test_an_equal_opportunity_employer_names_itself() -> None:
    text = "# Developer\n\nYou will write code.\n\nQuillworks is an equal opportunity employer.\n"
    assert one(text).organisation == "Quillworks"


@pytest.mark.parametrize(
    ("sentence", "organisation"),
    [
        ("Quillworks, azienda leader nel settore, cerca un tecnico.", "Quillworks"),
        ("Quillworks, empresa líder en software, busca un desarrollador.", "Quillworks"),
        ("Wir, die Quillworks GmbH, suchen eine Entwicklerin.", "Quillworks GmbH"),
        ("Bei der Quillworks GmbH arbeiten wir an offenen Werkzeugen.", "Quillworks GmbH"),
        ("Quillworks offers a position as research engineer.", "Quillworks"),
        ("Le laboratoire Quillmoor (UMR 1234) propose une thèse.", "laboratoire Quillmoor"),
        ("Springfield offers a vibrant cultural life.", None),
    ],
)
def test_more_sentences_that_name_the_employer(sentence: str, organisation: str | None) -> None:
    assert one(f"# Developer\n\n{sentence}\n").organisation == organisation


def test_a_company_named_with_its_legal_form_in_an_address_line_is_the_last_resort() -> None:
    text = "# Developer\n\nYou will write code.\n\n---\n\nQuillworks GmbH, Hauptstraße 1, Berlin\n"
    assert one(text).organisation == "Quillworks GmbH"


@pytest.mark.parametrize(
    "sentence", ["Quillworks' engineering team is growing.", "Quillworks's data team is hiring."]
)
def test_the_owner_of_a_team_that_hires_is_the_organisation(sentence: str) -> None:
    assert one(f"# Developer\n\n{sentence}\n").organisation == "Quillworks"


def test_an_html_pages_site_name_is_the_organisation() -> None:
    text = (
        '<html><head><meta property="og:site_name" content="Quillworks"></head>'
        "<body><h1>Backend Developer</h1><p>You will write code.</p></body></html>\n"
    )
    assert one(text).organisation == "Quillworks"


def test_an_html_pages_title_names_the_organisation_beside_the_role() -> None:
    text = (
        "<html><head><title>Backend Developer at Quillworks</title></head>"
        "<body><h1>Backend Developer</h1><p>You will write code.</p></body></html>\n"
    )
    assert one(text).organisation == "Quillworks"


def test_a_listing_line_names_the_employer_after_the_link_but_not_the_role_going_on() -> None:
    page = """# Open positions

- [Data Engineer](https://example.org/jobs/1), Example Institute - closes 1 May 2031
- [Research Fellow](https://example.org/jobs/2) in plasma physics
- [Postdoc](https://example.org/jobs/3) in galaxy evolution
"""
    organisations = [opening.organisation for opening in every(page)]
    assert organisations == ["Example Institute", None, None]


@pytest.mark.parametrize(
    ("block", "organisation"),
    [
        ("### Company\n\nQuillworks\n\n### Location\n\nSpringfield", "Quillworks"),
        ("**Arbeitgeber**\nQuillworks GmbH", "Quillworks GmbH"),
        ("## Company\n\nWe are a small team that builds tools for cities and their people.", None),
    ],
)
def test_a_label_alone_on_its_line_names_the_employer_on_the_next(
    block: str, organisation: str | None
) -> None:
    assert one(f"# Developer\n\n{block}\n\nYou will write code.\n").organisation == organisation


def test_links_listed_under_a_heading_per_employer_are_that_employers() -> None:
    page = """# Open positions

## Example University

- [Research Fellow](https://example.org/jobs/1) in plasma physics
- [Postdoc](https://example.org/jobs/2) in galaxy evolution

## Sample Institute of Technology

- [Doctoral Researcher](https://example.org/jobs/3) in nuclear physics
"""
    assert [opening.organisation for opening in every(page)] == [
        "Example University",
        "Example University",
        "Sample Institute of Technology",
    ]


def test_a_project_before_a_colon_in_the_title_is_no_employer_unless_a_role_follows() -> None:
    assert one("# Skyline: building a weather dashboard\n\nSome text.\n").organisation is None
    assert one("# Example Labs: Data Engineer\n\nSome text.\n").organisation == "Example Labs"


@pytest.mark.parametrize("title", ["Gezocht: creatieve developer", "Wanted: Data Engineer"])
def test_a_word_for_a_post_sought_before_the_colon_is_no_employer(title: str) -> None:
    assert one(f"---\ntitle: '{title}'\n---\nText about the work.\n").organisation is None


def test_a_name_that_opens_with_a_number_describing_itself_is_the_organisation() -> None:
    body = "# Delivery Manager\n\n[2i2c is a non-profit organization](https://example.org/).\n"
    assert one(body).organisation == "2i2c"


def test_the_subject_a_page_keeps_naming_is_the_organisation_where_nothing_else_names_it() -> None:
    body = """# Systeembeheerder

Quillo beweegt zich al jaren in het werkveld van opleiden. Quillo is uitgegroeid tot een solide
bedrijf. We zijn gevestigd in het centrum, en Quillo betaalt de helft van een device.
"""
    assert one(body).organisation == "Quillo"


def test_a_formal_you_that_opens_every_sentence_is_no_organisation() -> None:
    body = """# Entwickler (m/w/d)

Sie entwickeln Software. Sie arbeiten im Team. Wir freuen uns, wenn Sie sich bewerben.
"""
    assert one(body).organisation is None


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The Quill Foundation is excited to grow our team.", "Quill Foundation"),
        ("Quillo propose des stages en développement web.", "Quillo"),
    ],
)
def test_a_subject_that_grows_its_team_or_offers_posts_is_the_organisation(
    sentence: str, name: str
) -> None:
    assert one(f"# Backend Developer\n\n{sentence}\n").organisation == name


def test_openings_of_one_page_share_the_employer_one_of_them_names() -> None:
    found = every(
        """---
title: Join Us!
---

#### Graduate Students
We look for motivated students.

#### Research Technician
The Okafor Lab is looking to recruit a technician for its bench work.

#### Summer Interns
Write to us.
"""
    )
    assert [opening.organisation for opening in found] == ["Okafor Lab"] * 3
    assert found[0].sources["organisation"] == "another opening: Research Technician"


def test_openings_that_name_different_employers_share_none() -> None:
    found = every(
        """## Data Engineer
Acme Labs is hiring a data engineer.

## Backend Developer
Globex Corp is hiring a backend developer.

## Designer
Draw things.
"""
    )
    assert [opening.organisation for opening in found] == ["Acme Labs", "Globex Corp", None]


def test_a_title_part_that_ends_in_a_plain_word_is_no_employer() -> None:
    assert one('---\ntitle: "Formación pagada: Beca Software"\n---\nTexto.\n').organisation is None
