"""How to apply: the address and the page, on small synthetic adverts."""

import pytest

from app.importer.extract import extract
from app.importer.fields import common
from app.importer.read import read_page
from app.importer.segment import split_openings
from tests.importer.adverts import one


def email(body: str) -> str | None:
    return one(f"# Data Engineer\n\n{body}\n").apply_email


def url(body: str) -> str | None:
    return one(f"# Data Engineer\n\n{body}\n").apply_url


# Apply email.


@pytest.mark.parametrize(
    "sentence",
    [
        "Envoyez votre candidature à jobs@example.org avant la fin du mois.",
        "Bitte senden Sie Ihre Bewerbung an jobs@example.org.",
        "Stuur je sollicitatie naar jobs@example.org.",
        "Mail naar [jobs@example.org](mailto:jobs@example.org) t.a.v. Anna.",
        "Envía tu CV a jobs@example.org.",
        "Invia il tuo CV a jobs@example.org.",
        "Envie seu currículo para jobs@example.org.",
    ],
)
def test_an_address_in_a_sentence_about_applying_in_each_language(sentence: str) -> None:
    assert email(sentence) == "jobs@example.org"


@pytest.mark.parametrize(
    ("sentence", "address"),
    [
        ("Sound like you? Get in touch at jobs@example.org.", "jobs@example.org"),
        ('Schreib uns an <a href="mailto:karriere@example.ch">karriere@example.ch</a>.',
         "karriere@example.ch"),
        ("Meer weten? vacatures@example.nl", "vacatures@example.nl"),
        ("Interesse? werk@example.nl", "werk@example.nl"),
    ],
)  # fmt: skip
def test_a_mailbox_named_for_recruiting_is_for_applying_without_a_cue(
    sentence: str, address: str
) -> None:
    assert email(sentence) == address


def test_a_personal_address_without_a_cue_is_no_way_to_apply() -> None:
    assert email("Sound like you? Get in touch at jane.doe@example.org.") is None


def test_an_address_disguised_with_bracketed_words_is_read() -> None:
    assert email("To apply, send your CV to jobs [at] example [dot] org.") == "jobs@example.org"


def test_an_address_disguised_with_parenthesised_at_is_read() -> None:
    assert email("Bewerbungen bitte an jobs(at)example.org senden.") == "jobs@example.org"


def test_a_disguised_link_text_gives_the_plain_mailto_address() -> None:
    body = "Schicke uns Deine Bewerbung: [jobs[at]example[dot]org](mailto:jobs@example.org)."
    assert email(body) == "jobs@example.org"


def test_an_address_in_angle_brackets_is_read() -> None:
    assert email("Please send applications to <jobs@example.org>.") == "jobs@example.org"


def test_a_mailto_link_after_an_invitation_is_the_address() -> None:
    assert email("Interested? [Drop us a line](mailto:jobs@example.org).") == "jobs@example.org"


def test_an_address_inside_a_template_tag_is_read() -> None:
    body = 'Por favor envíe su CV a <r:email href="jobs@example.org" />.'
    assert email(body) == "jobs@example.org"


def test_an_address_only_for_questions_is_not_the_apply_address() -> None:
    assert email("If you have questions about the role, contact info@example.org.") is None


def test_a_list_between_the_lead_in_and_the_address_keeps_the_cue() -> None:
    body = (
        "Applicants should submit\n\n* a CV,\n* a cover letter\n\n"
        "to: Dr. Jane Roe (jane.roe@example.org)."
    )
    assert email(body) == "jane.roe@example.org"


def test_write_to_introduces_the_address() -> None:
    assert email("Tell us about yourself. Write to jane+jobs@example.org .") == (
        "jane+jobs@example.org"
    )


# Apply URL.


@pytest.mark.parametrize(
    "text",
    ["Apply here", "Apply now", "Postuler", "Jetzt bewerben", "Solicitar", "Candidati",
     "Solliciteer", "Candidate-se"],
)  # fmt: skip
def test_a_link_that_says_apply_in_each_language(text: str) -> None:
    assert url(f"Read more about us. [{text}](https://jobs.example.org/42)") == (
        "https://jobs.example.org/42"
    )


@pytest.mark.parametrize("heading", ["How to apply", "Candidature", "Bewerbung"])
def test_a_link_in_the_section_on_applying(heading: str) -> None:
    body = f"Build pipelines.\n\n## {heading}\n\nUse [our portal](https://jobs.example.org/42)."
    assert url(body) == "https://jobs.example.org/42"


def test_a_bare_url_in_the_section_on_applying() -> None:
    body = "Build pipelines.\n\n## How to apply\n\nFill in the form at https://forms.example.org/x."
    assert url(body) == "https://forms.example.org/x"


def test_an_html_button_that_says_apply() -> None:
    body = '<a class="btn btn-primary" href="https://jobs.example.org/42">Apply</a>'
    assert url(body) == "https://jobs.example.org/42"


def test_a_relative_apply_link_is_kept_as_written() -> None:
    assert url("Build pipelines. [Apply now](apply/data-engineer)") == "apply/data-engineer"


def test_a_relative_link_to_the_advert_itself_is_not_an_apply_link() -> None:
    assert url("[The offer as a PDF](/jobs/offer.pdf)") is None


def test_a_site_path_written_in_a_sentence_about_applying() -> None:
    assert url("For more details and how to apply see /careers/.") == "/careers/"


def test_a_privacy_link_is_not_the_apply_link() -> None:
    body = "## How to apply\n\nRead our [privacy notice](https://example.org/privacy) first."
    assert url(body) is None


def test_the_organisations_home_page_alone_is_not_the_apply_link() -> None:
    body = "## How to apply\n\nWrite to us. About us: [Example](https://www.example.org)."
    assert url(body) is None


def test_a_home_page_a_lead_in_points_to_is_the_apply_link() -> None:
    body = "Tous les éléments de la candidature sont sur le site :\n\n<http://www.example.fr/>"
    assert url(body) == "http://www.example.fr/"


def test_an_autolink_cut_across_two_lines_is_joined() -> None:
    body = "Le descriptif complet est disponible ici:\n<http://example.fr/files/offre-\n2024.pdf>"
    assert url(body) == "http://example.fr/files/offre-2024.pdf"


def test_apply_used_for_another_sense_far_from_a_link_is_no_cue() -> None:
    body = (
        "You will apply and extend existing results in numerical analysis to obtain "
        "better methods (building [upon earlier work](https://example.org/paper.pdf))."
    )
    assert url(body) is None


def test_a_link_named_like_the_opening_is_the_apply_link() -> None:
    opening = one(
        "# Director of Partnerships\n\n"
        "We are hiring a [Director or Deputy Director of Partnerships]"
        "(https://example.org/director/).\n"
    )
    assert opening.apply_url == "https://example.org/director/"


def test_the_source_url_is_not_the_apply_link_when_an_address_is_given() -> None:
    opening = one(
        "---\ntitle: Engineer\nsource_url: https://example.org/careers/engineer\n---\n"
        "Send your CV to jobs@example.org.\n"
    )
    assert opening.apply_url is None
    assert opening.apply_email == "jobs@example.org"


def test_a_website_key_with_only_the_home_page_is_not_the_apply_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(common.FRONT_KEYS, "apply_url", ("website",))
    opening = one("---\ntitle: Engineer\nwebsite: https://www.example.org/\n---\nText.\n")
    assert opening.apply_url is None


def test_a_mapping_of_job_boards_gives_its_first_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(common.FRONT_KEYS, "apply_url", ("link",))
    opening = one(
        "---\ntitle: Engineer\nlink:\n  board: https://board.example/jobs/1\n"
        "  other: https://other.example/2\n---\nText.\n"
    )
    assert opening.apply_url == "https://board.example/jobs/1"
    assert opening.sources["apply_url"] == "front matter: link.board"


def test_a_relative_application_link_key_is_kept_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(common.FRONT_KEYS, "apply_url", ("application_link",))
    opening = one('---\ntitle: Engineer\napplication_link: "/uploads/form.pdf"\n---\nText.\n')
    assert opening.apply_url == "/uploads/form.pdf"


def test_a_front_matter_key_of_its_own_that_leads_to_applying() -> None:
    opening = one(
        "---\ntitle: Engineer\nboard_url: https://example.applytojob.com/apply/x1/Engineer\n"
        "---\nText.\n"
    )
    assert opening.apply_url == "https://example.applytojob.com/apply/x1/Engineer"
    assert opening.sources["apply_url"] == "front matter: board_url"


def test_an_address_in_the_text_every_opening_shares_serves_each() -> None:
    drafts = split_openings(
        read_page(
            "advert.md",
            b"To apply, send your CV to jobs@example.org.\n\n"
            b"## Data Engineer\n\nBuild pipelines.\n\n## Web Developer\n\nBuild sites.\n",
        )
    )
    assert [extract(draft).apply_email for draft in drafts] == ["jobs@example.org"] * 2


def test_a_contact_page_is_not_the_apply_link() -> None:
    body = "We'd love to hear from you: drop us a line via [our form](https://example.org/contact)."
    assert url(body) is None


def test_an_address_in_the_section_on_applying_needs_no_cue() -> None:
    body = "Build pipelines.\n\n## Bewerbung\n\nE-Mail: jobs@example.org"
    assert email(body) == "jobs@example.org"


def test_a_question_address_in_the_section_on_applying_is_passed_over() -> None:
    body = "Build pipelines.\n\n## How to apply\n\nQuestions? Ask jane@example.org."
    assert email(body) is None


def test_an_address_in_the_apply_key_is_the_apply_email() -> None:
    opening = one("---\ntitle: Engineer\napply: mailto:jobs@example.org\n---\nText.\n")
    assert opening.apply_email == "jobs@example.org"
    assert opening.apply_url is None


def test_an_address_to_send_questions_to_is_not_the_apply_address() -> None:
    assert email("Please send any questions about applying to info@example.org.") is None


def test_sending_an_application_in_a_sentence_that_mentions_questions_applies() -> None:
    body = "Send your CV to jobs@example.org; questions are welcome there too."
    assert email(body) == "jobs@example.org"


def test_interest_in_the_research_near_a_link_is_no_cue() -> None:
    assert (
        url("If you are interested in our research, read [our papers](https://example.org/p).")
        is None
    )


def test_shoot_us_an_email_is_a_way_to_apply() -> None:
    text = "Keen to join? Please shoot us an email to [ana@example.org](mailto:ana@example.org)."
    assert email(text) == "ana@example.org"


def test_an_address_spelled_with_arroba_and_punto_is_read() -> None:
    assert email("Si te interesa, escríbenos a **equipo arroba example punto com**.") == (
        "equipo@example.com"
    )


def test_a_link_to_a_page_of_a_recruiting_site_is_the_apply_url() -> None:
    text = "More about the post on [this page](https://careers.example.org/offer?id=7)."
    assert url(text) == "https://careers.example.org/offer?id=7"


def test_a_recruiting_site_home_page_is_not_the_apply_url() -> None:
    assert url("We post all our jobs on [our site](https://careers.example.org/).") is None


def test_an_hr_mailbox_is_for_applying() -> None:
    assert email("Send us a message: hr@example.co.uk") == "hr@example.co.uk"


def test_a_sentence_on_applying_cut_by_a_numbered_list_goes_on_after_it() -> None:
    body = """Bitte bewerben Sie sich mit folgenden Unterlagen:

1. Lebenslauf,
2. Kopien Ihrer Zeugnisse,

**entweder** an [Jana Muster](mailto:jana.muster@example.de) **oder** über das Portal.
"""
    assert email(body) == "jana.muster@example.de"
