"""Other shapes of the same postings: an Atom feed and schema.org JobPosting JSON-LD."""

from datetime import date

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.organisations.models import Organisation
from tests.factories import make_organisation, make_posting

# Every property schema.org defines for JobPosting and the things it inherits (Thing,
# JobPosting), as https://schema.org/JobPosting lists them.
JOB_POSTING_PROPERTIES = {
    "@context", "@type", "applicantLocationRequirements", "applicationContact",
    "baseSalary", "datePosted", "description", "directApply", "educationRequirements",
    "eligibilityToWorkRequirement", "employerOverview", "employmentType",
    "employmentUnit", "estimatedSalary", "experienceInPlaceOfEducation",
    "experienceRequirements", "hiringOrganization", "identifier", "incentiveCompensation",
    "industry", "jobBenefits", "jobImmediateStart", "jobLocation", "jobLocationType",
    "jobStartDate", "occupationalCategory", "physicalRequirement", "qualifications",
    "relevantOccupation", "responsibilities", "salaryCurrency", "securityClearanceRequirement",
    "sensoryRequirement", "skills", "specialCommitments", "title", "totalJobOpenings",
    "validThrough", "workHours", "additionalType", "alternateName", "image",
    "mainEntityOfPage", "name", "potentialAction", "sameAs", "subjectOf", "url",
}  # fmt: skip
GOOGLE_REQUIRED = {"title", "description", "datePosted", "hiringOrganization"}
EMPLOYMENT_TYPES = {"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN"}


@pytest.fixture
def datacite(session: Session) -> Organisation:
    return make_organisation(
        session,
        name="DataCite",
        slug="datacite",
        timezone="Europe/Berlin",
        website="https://datacite.org",
    )


def test_the_atom_feed_parses_with_an_entry_per_posting_and_honours_filters(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    make_posting(
        session,
        datacite,
        title="Community Manager",
        tags=["community"],
        apply_url="https://datacite.org/apply",
    )
    make_posting(session, datacite, title="Old role", status="closed")
    make_posting(session, make_organisation(session), title="Elsewhere")

    response = client.get("/v1/postings.atom?organisation=datacite&open=true")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Community Manager"]
    entry = feed.entries[0]
    assert entry.author == "DataCite"
    assert entry.tags[0].term == "community"
    posting_id = entry.id.rsplit("/", 1)[-1]
    links = {link.type: link.href for link in entry.links if link.rel == "alternate"}
    assert links["text/html"].endswith(f"/postings/{posting_id}/community-manager")
    assert links["application/json"].endswith(f"/v1/postings/{posting_id}")
    related = [(link.href, link.title) for link in entry.links if link.rel == "related"]
    assert related == [("https://datacite.org/apply", "Apply")]
    everything = feedparser.parse(client.get("/v1/postings.atom").content)
    assert len(everything.entries) == 3


def test_the_atom_feed_refuses_unknown_filters(client: TestClient) -> None:
    response = client.get("/v1/postings.atom?organization=datacite")
    assert response.status_code == 422


def test_json_ld_is_a_job_posting_google_accepts(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session,
        datacite,
        title="Technical Community Manager",
        description="Grow the **community**.",
        location="North America or Western Europe",
        remote="remote",
        employment_type="full-time",
        deadline=date(2030, 2, 7),
        posted_on=date(2030, 1, 10),
        salary_min=60000,
        salary_max=70000,
        salary_currency="EUR",
        salary_period="year",
    )
    response = client.get(f"/v1/postings/{posting.id}", headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/ld+json"
    assert "Accept" in response.headers["vary"]
    document = response.json()
    assert set(document) <= JOB_POSTING_PROPERTIES
    assert set(document) >= GOOGLE_REQUIRED
    assert document["@type"] == "JobPosting"
    assert document["title"] == "Technical Community Manager"
    assert document["description"] == "<p>Grow the <strong>community</strong>.</p>\n"
    assert document["datePosted"] == "2030-01-10"
    assert document["validThrough"] == "2030-02-08T00:00:00+01:00"
    assert document["hiringOrganization"] == {
        "@type": "Organization",
        "name": "DataCite",
        "sameAs": "https://datacite.org/",
    }
    assert document["identifier"]["value"] == str(posting.id)
    assert document["employmentType"] in EMPLOYMENT_TYPES
    assert document["directApply"] is True
    assert document["jobLocationType"] == "TELECOMMUTE"
    assert document["applicantLocationRequirements"] == [
        {"@type": "AdministrativeArea", "name": "North America"},
        {"@type": "AdministrativeArea", "name": "Western Europe"},
    ]
    assert document["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 60000.0,
        "maxValue": 70000.0,
        "unitText": "YEAR",
    }


def test_an_on_site_posting_names_its_place_instead(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(
        session, datacite, location="Hannover, Germany", remote="onsite", apply_url="https://x.org"
    )
    document = client.get(
        f"/v1/postings/{posting.id}", headers={"Accept": "application/ld+json"}
    ).json()
    assert document["jobLocation"]["address"]["addressLocality"] == "Hannover, Germany"
    assert "jobLocationType" not in document
    assert document["directApply"] is False


def test_plain_json_stays_the_default(
    client: TestClient, session: Session, datacite: Organisation
) -> None:
    posting = make_posting(session, datacite)
    for accept in ("application/json", "*/*", "application/json, application/ld+json;q=0.5"):
        response = client.get(f"/v1/postings/{posting.id}", headers={"Accept": accept})
        assert response.headers["content-type"] == "application/json"
