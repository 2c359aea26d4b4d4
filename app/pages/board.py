"""The job board's filter form, declared once: each field is a parameter of `GET /v1/postings`,
so a page's query string is the API's, and the same query runs for both.

What the form adds is a person's defaults: open postings only (`open=all` shows closed ones
too), twenty to a page, and the number of matches. Empty fields, as a browser sends them,
are filters not set.
"""

from dataclasses import dataclass, field

from starlette.datastructures import QueryParams

from app.api.query import QueryModel
from app.core.errors import FieldError, InvalidInput
from app.postings.filters import PostingQuery, PostingSort
from app.postings.models import EmploymentType, RemoteMode

PAGE_SIZE = 20
# The board counts its matches up to this many, and says "more than" beyond: an exact total
# of a million postings would cost every first visit a scan of them all.
COUNTED = 1000
# The organisation field is a list to choose from while the directory has at most this many
# names; an aggregator's thousand would make every board page a directory (and three times
# the bytes of its JSON), so beyond it the field takes an organisation's short name, which
# each posting's organisation link shows, and the search words match names too.
CHOOSABLE = 100
ALL = "all"  # `open=all`: every published posting, closed ones too

REMOTE_WORDS = {
    RemoteMode.remote: "Remote",
    RemoteMode.hybrid: "Hybrid",
    RemoteMode.onsite: "On-site",
}
EMPLOYMENT_WORDS = {
    EmploymentType.full_time: "Full-time",
    EmploymentType.part_time: "Part-time",
    EmploymentType.contract: "Contract",
    EmploymentType.internship: "Internship",
    EmploymentType.temporary: "Temporary",
}
_SORT_WORDS = {
    PostingSort.posted_desc: "Newest first",
    PostingSort.deadline_asc: "Closing soonest",
    PostingSort.title_asc: "Title, A to Z",
}


@dataclass(frozen=True)
class FormField:
    """One field of the form: the API parameter it sets, its label, and its kind of input."""

    name: str
    label: str
    kind: str  # search, text, organisation, checkboxes or select
    choices: tuple[tuple[str, str], ...] = field(default=())


FORM = (
    FormField("q", "Search words", "search"),
    FormField("organisation", "Organisation", "organisation"),
    FormField("location", "Location", "text"),
    FormField("remote", "Way of working", "checkboxes", tuple(REMOTE_WORDS.items())),
    FormField("employment_type", "Employment type", "checkboxes", tuple(EMPLOYMENT_WORDS.items())),
    FormField(
        "closing_within",
        "Closing within",
        "select",
        (
            ("", "Any time"),
            ("7", "7 days"),
            ("14", "14 days"),
            ("30", "30 days"),
            ("90", "90 days"),
        ),
    ),
    FormField("open", "Show", "select", (("true", "Open postings"), (ALL, "Closed ones too"))),
    FormField(
        "sort", "Order", "select", tuple((sort.value, words) for sort, words in _SORT_WORDS.items())
    ),
)


@dataclass
class Asked:
    """What a visitor asked for: the values they sent, by parameter, and the query they make
    (None when a value is wrong; `errors` then say which, by parameter)."""

    values: dict[str, list[str]]
    query: PostingQuery | None
    errors: dict[str, str]


_QUERY = QueryModel(PostingQuery)
# Parameters the board sets itself: it always counts, and shows summaries.
_SET_BY_THE_BOARD = frozenset({"count", "include"})


def asked(params: QueryParams) -> Asked:
    """The posting query of the board's query string, bound as `GET /v1/postings` binds it,
    with the board's defaults. Empty values, as a browser sends an empty field, are not sent;
    names the API does not know are left out (links carry `utm_source` and the like)."""
    values = {
        name: sent
        for name in params.keys()  # noqa: SIM118 (a multidict: keys() lists each once)
        if name in PostingQuery.model_fields and name not in _SET_BY_THE_BOARD
        if (sent := [value for value in params.getlist(name) if value.strip()])
    }
    pairs = [(name, value) for name, sent in values.items() if name != "open" for value in sent]
    shown = values.get("open", ["true"])[-1]
    if shown != ALL:
        pairs.append(("open", shown))
    pairs.append(("count", "true"))
    if "limit" not in values:
        pairs.append(("limit", str(PAGE_SIZE)))
    try:
        return Asked(values, _QUERY.parse(QueryParams(pairs)), {})
    except InvalidInput as error:
        return Asked(values, None, messages_by_field(error.errors))


def messages_by_field(errors: list[FieldError]) -> dict[str, str]:
    """Each field's first error, to show beside it."""
    messages: dict[str, str] = {}
    for error in errors:
        name = next((str(part) for part in error.loc if part not in ("query", "body")), "")
        messages.setdefault(name, error.message)
    return messages


def query_string(values: dict[str, list[str]], **changes: str | None) -> str:
    """The form's values as a query string, with `changes` set (None removes one)."""
    pairs = [
        (name, value) for name, sent in values.items() if name not in changes for value in sent
    ]
    pairs += [(name, value) for name, value in changes.items() if value is not None]
    return str(QueryParams(pairs))


def feed_query(values: dict[str, list[str]]) -> str:
    """The Atom feed's query for the same filters (the feed has no pages, nor `open=all`)."""
    shown = values.get("open", ["true"])
    return query_string(values, cursor=None, open=None if shown == [ALL] else shown[0])
