"""What the posting schemas accept: the API and the importer both validate with them."""

import pytest
from pydantic import ValidationError

from app.postings.schemas import PostingCreate


def test_an_apply_email_is_checked_and_normalised_each_time_as_emailstr_does() -> None:
    for _ in range(2):  # the second time, the checked addresses are remembered
        posting = PostingCreate(title="RSE", apply_email="Jobs@Example.ORG")
        assert posting.apply_email == "Jobs@example.org"
        with pytest.raises(ValidationError, match="not a valid email address"):
            PostingCreate(title="RSE", apply_email="jobs@example")


def test_the_openapi_schema_still_says_an_apply_email_is_an_email() -> None:
    schema = PostingCreate.model_json_schema()["properties"]["apply_email"]
    assert {"type": "string", "format": "email"} in schema["anyOf"]
