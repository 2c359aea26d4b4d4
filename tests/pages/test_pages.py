"""The pages as a person's browser gets them: the board and its filters, a posting in each of
its states with its JSON-LD, the apply form, an organisation, the embed, and what crawlers
read. On both databases, through the app's own client."""

import json
import re
from datetime import date, datetime, timedelta
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from app.applications.models import Application, ApplicationStatus
from app.core.config import Settings, get_settings
from app.core.db import utcnow
from app.organisations.models import Organisation
from app.pages import board as board_form
from app.pages.board import FORM
from app.postings.filters import PostingQuery
from app.postings.models import EmploymentType, Posting, RemoteMode
from tests.factories import make_organisation, make_posting
from tests.postings.test_formats import GOOGLE_REQUIRED, JOB_POSTING_PROPERTIES

_POSTING_LINK = re.compile(r'<h3><a href="/postings/(\d+)/')
_JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def listed(html: str) -> list[int]:
    return [int(found) for found in _POSTING_LINK.findall(html)]


def api_ids(client: TestClient, query: str) -> list[int]:
    response = client.get(f"/v1/postings?{query}")
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def json_ld(html: str) -> dict[str, Any] | None:
    found = _JSON_LD.search(html)
    return None if found is None else dict(json.loads(found.group(1)))


@pytest.fixture
def datacite(session: Session) -> Organisation:
    return make_organisation(
        session, name="DataCite", slug="datacite", timezone="Europe/Berlin",
        website="https://datacite.org",
    )  # fmt: skip


@pytest.fixture
def board(session: Session, datacite: Organisation) -> dict[str, Posting]:
    """Postings of two organisations, in every state a list tells apart."""
    other = make_organisation(session, name="IIIF", slug="iiif")
    # Five days from today where DataCite is: its deadline ends at midnight in Berlin, which
    # is tomorrow already in the last hours of a UTC day.
    soon = datetime.now(ZoneInfo(datacite.timezone)).date() + timedelta(days=5)
    return {
        "remote": make_posting(
            session, datacite, title="Remote Developer", remote="remote", location="Europe",
            employment_type="full-time", deadline=soon, posted_on=date(2030, 1, 3),
            tags=["python"],
        ),
        "berlin": make_posting(
            session, datacite, title="Data Steward", remote="onsite", location="Berlin",
            employment_type="part-time", posted_on=date(2030, 1, 2),
        ),
        "iiif": make_posting(
            session, other, title="Community Coordinator", remote="hybrid",
            location="Remote or Berlin", posted_on=date(2030, 1, 1),
        ),
        "closed": make_posting(session, datacite, title="Old Role", status="closed"),
        "draft": make_posting(session, datacite, title="Secret Draft", status="draft"),
    }  # fmt: skip


# --- the board ----------------------------------------------------------------------------


def test_every_field_of_the_filter_form_is_a_parameter_of_the_posting_list() -> None:
    assert {field.name for field in FORM} <= set(PostingQuery.model_fields)


def test_the_board_lists_open_postings_newest_first_with_their_number(
    client: TestClient, board: dict[str, Posting]
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    ids = [board[name].id for name in ("remote", "berlin", "iiif")]
    assert listed(response.text) == ids
    assert "3 openings" in response.text
    assert "closes in 5 days" in response.text
    assert "Secret Draft" not in response.text
    assert 'type="application/atom+xml"' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "q=developer",
        "organisation=datacite",
        "location=berlin",
        "remote=remote&remote=hybrid",
        "employment_type=part-time",
        "closing_within=7",
        "sort=title",
        "organisation=iiif&location=berlin&remote=hybrid",
        "tag=python",
        "status=closed&open=all",
        "q=nothing&q=developer",
        "deadline_before=2099-01-01&sort=deadline",
    ],
)
def test_a_filter_on_the_board_lists_what_the_api_lists(
    client: TestClient, board: dict[str, Posting], query: str
) -> None:
    page = client.get(f"/?{query}&utm_source=newsletter")  # links carry such names
    assert page.status_code == 200
    api_query = query.replace("&open=all", "") if "open=all" in query else f"{query}&open=true"
    assert listed(page.text) == api_ids(client, api_query)
    assert listed(page.text), "a filter that matches nothing shows nothing about the mapping"


def test_the_board_offers_organisations_to_choose_from_while_they_are_few(
    client: TestClient, board: dict[str, Posting], session: Session
) -> None:
    for number in range(board_form.CHOOSABLE - 2):  # with DataCite and IIIF, as many as fit
        make_organisation(session, name=f"Lab {number:03}", slug=f"lab-{number:03}")
    few = client.get("/", params={"organisation": "iiif"}).text
    assert '<option value="iiif" selected>IIIF</option>' in few
    make_organisation(session, name="Lab 098", slug="lab-098")
    many = client.get("/", params={"organisation": ["iiif", "lab-007"]}).text
    assert '<option value="iiif"' not in many and "Lab 007" not in many
    assert 'id="filter-organisation" type="text" name="organisation" value="iiif"' in many
    assert 'aria-label="Organisation 2" type="text" name="organisation" value="lab-007"' in many
    assert 'aria-describedby="organisation-hint"' in many and 'id="organisation-hint"' in many
    assert listed(many) == [board["iiif"].id]


def test_the_board_shows_closed_postings_only_when_asked(
    client: TestClient, board: dict[str, Posting]
) -> None:
    everything = client.get("/?open=all&q=&location=")  # a browser sends empty fields too
    assert listed(everything.text) == api_ids(client, "")
    assert board["closed"].id in listed(everything.text)


def test_the_board_pages_by_the_apis_cursors(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    for number in range(25):
        make_posting(session, datacite, title=f"Role {number}")
    first = client.get("/")
    next_page = re.search(r'rel="next" href="([^"]+)"', first.text)
    assert next_page is not None
    second = client.get(next_page.group(1).replace("&amp;", "&"))
    assert second.status_code == 200
    assert listed(first.text) + listed(second.text) == api_ids(client, "open=true&limit=100")
    assert len(listed(second.text)) == 5
    assert 'rel="next"' not in second.text
    assert "First page" in second.text


def test_a_wrong_filter_is_shown_beside_its_field(client: TestClient) -> None:
    response = client.get("/?closing_within=soon&location=" + "x" * 101)
    assert response.status_code == 422
    assert 'id="closing_within-error"' in response.text
    assert 'id="location-error"' in response.text
    assert 'aria-invalid="true"' in response.text


# --- a posting ----------------------------------------------------------------------------


def test_a_posting_page_has_its_facts_its_job_posting_and_its_canonical_address(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session, datacite, title="Research Software Engineer (m/w/d)",
        description="Build the **PID** graph.", location="Berlin", remote="hybrid",
        employment_type="full-time", deadline=date.today() + timedelta(days=30),
        salary="€60,000–€72,000 a year", apply_email="jobs@datacite.org",
    )  # fmt: skip
    canonical = f"/postings/{posting.id}/research-software-engineer-m-w-d"
    for path in (f"/postings/{posting.id}", canonical):
        response = client.get(path)
        assert response.status_code == 200
        html = response.text
        assert f'<link rel="canonical" href="http://testserver{canonical}">' in html
        assert '<meta property="og:title" content="Research Software Engineer (m/w/d)' in html
        assert "<strong>PID</strong>" in html
        assert "€60,000–€72,000 a year" in html
        assert "Europe/Berlin time" in html
        assert 'href="mailto:jobs@datacite.org"' in html
    document = json_ld(html)
    assert document is not None
    assert set(document) <= JOB_POSTING_PROPERTIES
    assert set(document) >= GOOGLE_REQUIRED
    assert document["url"] == f"http://testserver{canonical}"
    assert document["validThrough"].endswith("+01:00") or document["validThrough"].endswith(
        "+02:00"
    )


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"status": "closed"}, "This posting is closed"),
        ({"status": "filled"}, "This position has been filled"),
        ({"deadline": date(2020, 1, 31)}, "The deadline has passed"),
    ],
    ids=["closed", "filled", "past its deadline"],
)
def test_a_posting_that_takes_no_applications_says_so_and_is_no_job_posting(
    client: TestClient,
    session: Session,
    datacite: Organisation,
    fields: dict[str, Any],
    says: str,
) -> None:
    posting = make_posting(session, datacite, **fields)
    html = client.get(f"/postings/{posting.id}").text
    assert says in html
    assert json_ld(html) is None  # Google asks to drop the JobPosting of an expired job
    assert '<form class="apply-form"' not in html
    assert "Applications are closed." in html


def test_a_draft_or_missing_posting_is_a_404_page(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    draft = make_posting(session, datacite, status="draft")
    for path in (f"/postings/{draft.id}", "/postings/987654", "/postings/not-a-number"):
        response = client.get(path)
        assert response.status_code in (404, 422), path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        assert "See every open posting" in response.text


def test_html_in_a_posting_renders_inert(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session,
        datacite,
        title="<script>alert('title')</script> Engineer </script><b>",
        description="<script>alert('description')</script><img src=x onerror=alert(1)> Hi",
        location='"><script>alert("location")</script>',
    )
    board = client.get("/").text
    page = client.get(f"/postings/{posting.id}").text
    for html in (board, page):
        assert "<script>alert" not in html
        assert "onerror" not in html
        assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    document = json_ld(page)  # the title cannot end the JSON-LD block early
    assert document is not None
    assert document["title"].startswith("<script>alert('title')</script>")


def test_pages_send_a_policy_that_runs_no_script_and_may_be_cached_by_anyone(
    client: TestClient, board: dict[str, Posting]
) -> None:
    for path in ("/", f"/postings/{board['remote'].id}", "/organisations/datacite"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response.headers["cache-control"] == "public, no-cache"
        again = client.get(path, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304


# --- applying -----------------------------------------------------------------------------


def _apply(client: TestClient, posting: Posting, **fields: str) -> Any:
    form = {"name": "Ada Lovelace", "email": "ada@example.org", "consent": "yes"} | fields
    files = {"cv": ("ada.md", b"# Ada Lovelace\n\nAnalytical engines.", "text/markdown")}
    return client.post(f"/postings/{posting.id}/apply", data=form, files=files)


def _applications(session: Session, posting: Posting) -> list[Application]:
    session.expire_all()
    statement = select(Application).where(col(Application.posting_id) == posting.id)
    return list(session.exec(statement))


def test_applying_with_the_form_confirms_once_and_the_link_withdraws(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session,
        datacite,
        questions=[{"id": "visa", "prompt": "Do you need a visa?", "kind": "yes_no"}],
    )
    page = client.get(f"/postings/{posting.id}").text
    assert 'enctype="multipart/form-data"' in page
    assert "Do you need a visa?" in page
    applied = _apply(client, posting, **{"answer-visa": "no", "cover_letter": "Hello *there*"})
    assert applied.status_code == 201, applied.text
    assert applied.headers["cache-control"] == "private, no-store"
    assert applied.headers["referrer-policy"] == "no-referrer"
    (application,) = _applications(session, posting)
    assert application.name == "Ada Lovelace"
    assert application.answers == [
        {"question": "visa", "prompt": "Do you need a visa?", "answer": False}
    ]
    link = re.search(
        r'href="http://testserver(/applications/[^"]+/withdraw\?token=[^"]+)"', applied.text
    )
    assert link is not None  # absolute: the applicant keeps it as text
    confirm = client.get(link.group(1))
    assert confirm.status_code == 200
    assert application.status == ApplicationStatus.submitted  # a GET withdraws nothing
    token = re.search(r'name="token" value="([^"]+)"', confirm.text)
    assert token is not None
    withdrawn = client.post(
        f"/applications/{application.id}/withdraw", data={"token": token.group(1)}
    )
    assert withdrawn.status_code == 200
    assert "has been withdrawn" in withdrawn.text
    (application,) = _applications(session, posting)
    assert application.status == ApplicationStatus.withdrawn


def test_a_wrong_field_is_shown_beside_it_and_nothing_is_stored(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite)
    response = _apply(client, posting, email="not an address", consent="")
    assert response.status_code == 422
    assert 'id="email-error"' in response.text
    assert 'id="consent-error"' in response.text
    assert 'value="Ada Lovelace"' in response.text  # what they typed stays
    assert _applications(session, posting) == []


def test_a_cv_that_is_not_a_document_is_refused_beside_the_file_field(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite)
    response = client.post(
        f"/postings/{posting.id}/apply",
        data={"name": "Ada", "email": "ada@example.org", "consent": "yes"},
        files={
            "cv": ("cv.exe", b"MZ\x90\x00\x03" + bytes(range(256)) * 4, "application/x-dosexec")
        },
    )
    assert response.status_code in (415, 422)
    assert 'id="cv-error"' in response.text
    assert _applications(session, posting) == []


def test_a_closed_posting_takes_no_application_from_the_form(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite, deadline=date(2020, 1, 31))
    response = _apply(client, posting)
    assert response.status_code in (409, 410)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert _applications(session, posting) == []


def test_a_posting_that_takes_applications_elsewhere_links_there(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite, apply_url="https://datacite.org/jobs/rse")
    html = client.get(f"/postings/{posting.id}").text
    assert 'href="https://datacite.org/jobs/rse"' in html
    assert "apply-form" not in html


# --- an organisation, and its embed ---------------------------------------------------------


def test_an_organisation_page_lists_its_open_postings(
    client: TestClient, board: dict[str, Posting]
) -> None:
    response = client.get("/organisations/datacite")
    assert response.status_code == 200
    assert listed(response.text) == [board["remote"].id, board["berlin"].id]
    assert client.get("/organisations/nobody").status_code == 404


def test_the_embed_may_be_framed_anywhere_and_opens_links_in_the_embedding_page(
    client: TestClient, board: dict[str, Posting], monkeypatch: pytest.MonkeyPatch
) -> None:
    response = client.get("/embed/organisations/datacite")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert listed(response.text) == [board["remote"].id, board["berlin"].id]
    assert 'target="_top"' in response.text
    assert '<header class="site">' not in response.text
    refused = client.get("/embed/organisations/datacite?css=https://elsewhere.example/a.css")
    assert refused.status_code == 422
    assert "EMBED_STYLESHEETS" in refused.text


# --- for crawlers -------------------------------------------------------------------------


def test_the_sitemap_lists_every_published_posting_with_its_last_change(
    client: TestClient, board: dict[str, Posting]
) -> None:
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    (location,) = [element.text for element in index.iter(f"{SITEMAP}loc")]
    assert location is not None
    sitemap = client.get(location.removeprefix("http://testserver"))
    assert sitemap.status_code == 200
    urls = ElementTree.fromstring(sitemap.content)
    listed_paths = {
        url.findtext(f"{SITEMAP}loc", "").removeprefix("http://testserver"): url.findtext(
            f"{SITEMAP}lastmod"
        )
        for url in urls.iter(f"{SITEMAP}url")
    }
    published = [posting for name, posting in board.items() if name != "draft"]
    assert {int(path.split("/")[2]) for path in listed_paths} == {p.id for p in published}
    assert set(listed_paths.values()) == {utcnow().date().isoformat()}


def test_robots_txt_points_crawlers_at_the_sitemap_and_away_from_the_api(
    client: TestClient,
) -> None:
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    assert "Disallow: /v1/" in robots


def test_a_posting_page_has_one_h1_and_its_descriptions_headings_below_it(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session,
        datacite,
        title="Community Manager",
        description="# Community Manager\n\nGrow it.\n\n# About us\n\n## Benefits\n\nMany.",
    )
    html = client.get(f"/postings/{posting.id}").text
    assert html.count("<h1") == 1
    assert "<h2>About us</h2>" in html
    assert "<h3>Benefits</h3>" in html


def test_the_board_counts_up_to_a_bound_and_says_more_than_beyond(
    client: TestClient, board: dict[str, Posting], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(board_form, "COUNTED", 2)
    assert "More than 2 openings" in client.get("/").text
    assert "1 opening<" in client.get("/?organisation=iiif").text


def test_a_withdrawal_with_a_mangled_token_is_refused_on_the_page(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite)
    applied = _apply(client, posting)
    (application,) = _applications(session, posting)
    for token in ("ünïcode", "x" * 500, ""):
        response = client.post(f"/applications/{application.id}/withdraw", data={"token": token})
        assert response.status_code in (403, 404, 422), token
        assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert applied.status_code == 201
    assert _applications(session, posting)[0].status == ApplicationStatus.submitted


def test_a_form_sent_from_another_site_is_refused(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite)
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "https://elsewhere.example"}):
        response = client.post(
            f"/postings/{posting.id}/apply",
            data={"name": "Ada", "email": "ada@example.org", "consent": "yes"},
            headers=headers,
        )
        assert response.status_code == 403
    assert _applications(session, posting) == []


def test_every_wrong_answer_is_shown_beside_its_question(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session,
        datacite,
        questions=[
            {"id": "visa", "prompt": "Do you need a visa?", "kind": "yes_no", "required": True},
            {"id": "start", "prompt": "When?", "kind": "choice", "choices": ["May", "June"]},
        ],
    )
    response = _apply(client, posting, **{"answer-visa": "maybe", "answer-start": "July"})
    assert response.status_code == 422
    assert 'id="answer-visa-error"' in response.text
    assert 'id="answer-start-error"' in response.text
    assert _applications(session, posting) == []


def test_a_closed_postings_deadline_is_not_counted_down(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session, datacite, status="closed", deadline=date.today() + timedelta(days=5)
    )
    html = client.get(f"/postings/{posting.id}").text
    assert "closes in" not in html
    assert "no longer takes applications" in html


def test_a_sitemap_file_beyond_the_ids_is_a_404(client: TestClient) -> None:
    assert client.get("/sitemaps/postings-5.xml").status_code == 404
    assert client.get("/sitemaps/postings-99999999.xml").status_code == 422


def test_every_link_of_a_page_starts_with_the_public_urls_path(
    client: TestClient, session: Session, datacite: Organisation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind a proxy that serves the site under /jobs and strips it."""
    posting = make_posting(session, datacite)
    monkeypatch.setenv("PUBLIC_URL", "https://example.org/jobs/")
    monkeypatch.setenv("ALLOWED_HOSTS", '["testserver"]')
    get_settings.cache_clear()
    for path in ("/", f"/postings/{posting.id}", "/organisations/datacite"):
        html = client.get(path).text
        links = re.findall(r'(?:href|action|src)="([^"#]+)"', html)
        local = [link for link in links if not link.startswith(("http", "mailto:"))]
        assert local, path
        assert all(link.startswith("/jobs/") for link in local), (path, local)
    get_settings.cache_clear()


def test_an_allowed_stylesheet_is_loaded_by_the_embed_and_named_in_its_policy(
    client: TestClient, board: dict[str, Posting], monkeypatch: pytest.MonkeyPatch
) -> None:
    stylesheet = "https://datacite.org/embed.css"
    monkeypatch.setenv("EMBED_STYLESHEETS", f'["{stylesheet}"]')
    get_settings.cache_clear()
    response = client.get(f"/embed/organisations/datacite?css={stylesheet}")
    get_settings.cache_clear()
    assert response.status_code == 200
    assert f"style-src 'self' {stylesheet};" in response.headers["content-security-policy"]
    assert f'<link rel="stylesheet" href="{stylesheet}">' in response.text


@pytest.mark.parametrize(
    "stylesheet",
    [
        "http://a.example/x.css",
        "https://a.example/x.css; script-src *",
        "https://a.example/x.css?v=1",
    ],
)
def test_a_stylesheet_setting_that_would_bend_the_policy_is_refused(stylesheet: str) -> None:
    with pytest.raises(ValueError, match="EMBED_STYLESHEETS"):
        Settings(embed_stylesheets=[stylesheet])


def test_every_way_of_working_and_employment_type_has_words_on_the_pages() -> None:
    assert set(board_form.REMOTE_WORDS) == set(RemoteMode)
    assert set(board_form.EMPLOYMENT_WORDS) == set(EmploymentType)


def test_a_value_the_form_does_not_offer_stays_chosen(
    client: TestClient, board: dict[str, Posting]
) -> None:
    """Sent through a link: the next submit of the form must keep it."""
    html = client.get("/?sort=-deadline&closing_within=5&organisation=iiif&organisation=x").text
    assert '<option value="-deadline" selected>' in html
    assert '<option value="5" selected>' in html
    assert '<option value="x" selected>' in html
    assert "multiple" in html
