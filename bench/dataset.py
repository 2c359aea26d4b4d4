"""Fill a freshly migrated database with N synthetic postings by bulk insert, fast.

Rows go in through SQLAlchemy Core `executemany` in large batches (not the ORM), so a million
postings take minutes rather than hours. The database's own triggers keep the full-text index
current, as they do for every writer. Deterministic for a given size, so runs compare.

The shape is an aggregator's: 1,000 organisations in several timezones, postings spread over
three years with most of them past their deadline, a few hundred places, tags, and
descriptions of about a kilobyte drawn from a fixed vocabulary in which the benchmark's search
word ("kubernetes") appears in one posting in a hundred at every size.
"""

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import generate_adverts
from sqlalchemy import Engine, insert, text

from app.organisations.models import Organisation
from app.postings.models import Posting, PostingTag

ORGANISATIONS = 1_000
# One organisation publishes 5 % of all postings, so that listing its open postings fills a
# page at every size (at 10k, an average organisation has one or two open postings).
LARGE_ORGANISATION = 7
LARGE_SHARE = 0.05
BATCH = 5_000
SEARCH_WORD = "kubernetes"
TODAY = date(2026, 11, 21)
FIRST_POSTED = TODAY - timedelta(days=3 * 365)

TIMEZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Melbourne"]
CITIES = [
    "Berlin",
    "Amsterdam",
    "Utrecht",
    "Boston",
    "Nairobi",
    "Melbourne",
    "Toronto",
    "Lisbon",
    "Zurich",
    "Cambridge",
    "Bangalore",
    "São Paulo",
]
# The roles the advert generator writes, and two more.
ROLES = [*generate_adverts.ROLES, "Frontend Developer", "Site Reliability Engineer"]
TAGS = ["python", "rust", "research", "open-source", "data", "cloud", "hpc", "web", "ml", "docs"]
# Words of a job advert, without the search word; it is added to exactly 1 % of postings.
VOCABULARY = [
    "research",
    "software",
    "engineering",
    "data",
    "open",
    "source",
    "community",
    "infrastructure",
    "python",
    "team",
    "science",
    "university",
    "project",
    "funding",
    "grant",
    "collaboration",
    "reproducible",
    "pipeline",
    "analysis",
    "support",
    "users",
    "documentation",
    "testing",
    "review",
    "release",
    "package",
    "library",
    "tooling",
    "cloud",
    "compute",
    "cluster",
    "storage",
    "workflow",
    "platform",
    "experience",
    "skills",
    "knowledge",
    "communication",
    "remote",
    "hybrid",
    "salary",
    "benefits",
    "pension",
    "leave",
    "flexible",
    "hours",
    "contract",
    "position",
    "role",
    "apply",
    "application",
    "deadline",
    "interview",
    "candidates",
    "diversity",
    "inclusion",
    "equal",
    "opportunity",
    "employer",
    "welcome",
    "mentoring",
    "career",
    "growth",
    "training",
    "conference",
    "travel",
    "budget",
    "laptop",
    "office",
    "campus",
    "city",
]


def _places(rng: random.Random) -> list[str]:
    """A few hundred distinct places: cities, 'City, Region N' and remote ones."""
    places = [f"{city}, Region {region}" for city in CITIES for region in range(20)]
    places += [f"Remote ({area})" for area in ("Europe", "Americas", "worldwide", "EMEA")]
    rng.shuffle(places)
    return places


def _description(rng: random.Random, with_search_word: bool) -> str:
    paragraphs = []
    for _ in range(rng.randrange(3, 6)):
        words = rng.choices(VOCABULARY, k=rng.randrange(25, 45))
        paragraphs.append(" ".join(words).capitalize() + ".")
    if with_search_word:
        paragraphs.append(f"You will run our services on {SEARCH_WORD}.")
    return "\n\n".join(paragraphs)


def _organisations(now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "id": number + 1,
            "slug": f"org-{number}",
            "name": f"Organisation {number}",
            "timezone": TIMEZONES[number % len(TIMEZONES)],
            "created_at": now,
            "updated_at": now,
        }
        for number in range(ORGANISATIONS)
    ]


def _closes_at(deadline: date, timezone: str) -> datetime:
    local_midnight = datetime.combine(deadline + timedelta(days=1), time(), ZoneInfo(timezone))
    return local_midnight.astimezone(UTC)


def _postings(size: int, seed: int) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """(posting row, tags) pairs; ids are 1..size so tags can refer to them."""
    rng = random.Random(seed)
    places = _places(rng)
    span = (TODAY - FIRST_POSTED).days
    for posting_id in range(1, size + 1):
        organisation = rng.randrange(ORGANISATIONS)
        if rng.random() < LARGE_SHARE:
            organisation = LARGE_ORGANISATION
        posted_on = FIRST_POSTED + timedelta(days=rng.randrange(span + 1))
        deadline = None if rng.random() < 0.1 else posted_on + timedelta(days=rng.randrange(14, 90))
        timezone = TIMEZONES[organisation % len(TIMEZONES)]
        description = _description(rng, with_search_word=posting_id % 100 == 0)
        stamp = datetime.combine(posted_on, time(9), UTC)
        status = rng.choices(["open", "closed", "filled", "draft"], weights=[80, 12, 5, 3])[0]
        role = rng.choice(ROLES)
        yield (
            {
                "id": posting_id,
                "organisation_id": organisation + 1,
                "title": f"{role} ({posting_id})",
                "location": rng.choice(places),
                "remote": rng.choice(["remote", "hybrid", "onsite", None]),
                "employment_type": rng.choice(["full-time", "part-time", "contract", None]),
                "deadline": deadline,
                "closes_at": deadline and _closes_at(deadline, timezone),
                "posted_on": posted_on,
                "description": description,
                "description_html": "".join(
                    f"<p>{paragraph}</p>\n" for paragraph in description.split("\n\n")
                ),
                "apply_url": f"https://example.org/jobs/{posting_id}",
                "questions": [],
                "status": status,
                "external_id": f"job-{posting_id}",
                "created_at": stamp,
                "updated_at": stamp,
            },
            rng.sample(TAGS, rng.randrange(0, 4)),
        )


def fill(engine: Engine, size: int, seed: int = 1) -> None:
    """Insert 1,000 organisations and `size` postings into an empty, migrated database."""
    now = datetime.now(UTC)
    with engine.begin() as connection:
        connection.execute(insert(Organisation), _organisations(now))
    postings: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []

    def flush() -> None:
        with engine.begin() as connection:
            connection.execute(insert(Posting), postings)
            if tags:
                connection.execute(insert(PostingTag), tags)
        postings.clear()
        tags.clear()

    for row, row_tags in _postings(size, seed):
        postings.append(row)
        tags.extend({"posting_id": row["id"], "tag": tag} for tag in row_tags)
        if len(postings) == BATCH:
            flush()
    if postings:
        flush()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            for table in ("organisation", "posting"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT max(id) FROM {table}))"
                    )
                )
        else:
            connection.execute(text("ANALYZE"))
    if engine.dialect.name == "postgresql":
        # What autovacuum does to a live table: statistics, and a visibility map, without
        # which an index-only scan reads every row it returns from the table.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
