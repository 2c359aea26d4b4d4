"""An integrator's sync, written with the client openapi-python-client generates from the API's
own document (`openings_client`, made by tests/api/test_generated_client.py). Every value is
the generated types'; `mypy --strict` checks this module with no casts and no `Any`.

openapi-python-client 0.29 reads an operation's optional key (`security: [{}, {HTTPBearer}]`)
as a required one (its issue #1372), so the reads here go through the integrator's
authenticated client too; its key would only add its organisation's drafts.
"""

from dataclasses import dataclass, field
from io import BytesIO

from openings_client import AuthenticatedClient, Client
from openings_client.api.applications import apply_to_posting
from openings_client.api.postings import create_posting, get_posting, list_postings, update_posting
from openings_client.api.sync import list_changes, upsert_posting_by_external_id
from openings_client.models import (
    ApplicationReceipt,
    ApplyToPostingFilesBody,
    ChangePage,
    PostingCreate,
    PostingRead,
    PostingReplace,
    PostingSummaryPage,
    PostingUpdate,
    Problem,
    RemoteMode,
)
from openings_client.types import UNSET, File


@dataclass
class Seen:
    """What the scenario saw, for the test to check."""

    listed: list[int] = field(default_factory=list)
    pages: int = 0
    revalidated: int = 0
    stale: Problem | None = None
    upserted: list[int] = field(default_factory=list)
    changes: list[int] = field(default_factory=list)
    receipt: ApplicationReceipt | None = None
    missing: Problem | None = None


def run(base_url: str, key: str, organisation: str, cv: bytes) -> Seen:
    with (
        AuthenticatedClient(base_url=base_url, token=key) as client,
        Client(base_url=base_url) as anyone,
    ):
        return _sync(client, anyone, organisation, cv)


def _sync(client: AuthenticatedClient, anyone: Client, organisation: str, cv: bytes) -> Seen:
    seen = Seen()
    for number in range(3):
        created = create_posting.sync(
            client=client,
            body=PostingCreate(
                title=f"Engineer {number}", organisation=organisation, remote=RemoteMode.REMOTE
            ),
        )
        assert isinstance(created, PostingRead)
    cursor: str | None = None
    while True:
        page = list_postings.sync(
            client=client,
            organisation=[organisation],
            remote=[RemoteMode.REMOTE],
            limit=2,
            cursor=cursor if cursor is not None else UNSET,
        )
        assert isinstance(page, PostingSummaryPage)
        seen.pages += 1
        seen.listed += [item.id for item in page.items]
        if not isinstance(page.next_cursor, str):
            break
        cursor = page.next_cursor
    first = seen.listed[0]
    read = get_posting.sync_detailed(first, client=client)
    etag = read.headers["etag"]
    assert isinstance(read.parsed, PostingRead)
    again = get_posting.sync_detailed(first, client=client, if_none_match=etag)
    seen.revalidated = again.status_code
    changed = update_posting.sync(
        first, client=client, body=PostingUpdate(title="Lead Engineer"), if_match=etag
    )
    assert isinstance(changed, PostingRead)
    stale = update_posting.sync(
        first, client=client, body=PostingUpdate(title="Again"), if_match=etag
    )
    seen.stale = stale if isinstance(stale, Problem) else None
    for _ in range(2):
        upserted = upsert_posting_by_external_id.sync_detailed(
            organisation, "erp-42", client=client, body=PostingReplace(title="Data Steward")
        )
        seen.upserted.append(upserted.status_code)
    feed = list_changes.sync(client=anyone)
    assert isinstance(feed, ChangePage)
    seen.changes = [change.posting_id for change in feed.items]
    application = ApplyToPostingFilesBody(
        name="Ada Lovelace",
        email="ada@example.org",
        consent=True,
        cv=File(payload=BytesIO(cv), file_name="cv.pdf", mime_type="application/pdf"),
    )
    receipt = apply_to_posting.sync(first, client=anyone, body=application)
    seen.receipt = receipt if isinstance(receipt, ApplicationReceipt) else None
    missing = get_posting.sync(999_999, client=client)
    seen.missing = missing if isinstance(missing, Problem) else None
    return seen
