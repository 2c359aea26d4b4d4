"""Importing many adverts at once, as `openings import <folder>` does.

A first import of thousands of adverts would spend its time parsing on one core and opening a
transaction per advert. Here parsing runs in worker processes, one per core (which also bound
each advert in time and memory, however few there are), and the adverts
whose openings are all new are written `BATCH_SIZE` at a time, in one transaction, with
set-based inserts (`postings.create_postings`). Everything else (an advert that updates
postings, or one the batch cannot take) goes through `load.import_advert` one at a time, as
a single advert always has. A batch that fails is retried that way, so every advert still
gets all of its openings or none, and a reason of its own when it fails.
"""

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from pydantic import ValidationError
from sqlalchemy import tuple_
from sqlmodel import Session, col, select

from app.core.db import get_engine, in_lists, session_scope
from app.core.errors import DomainError
from app.core.markdown import render_markdown
from app.importer.load import (
    ADMIN,
    OpeningResult,
    Remembered,
    advert_fingerprint,
    import_advert,
    opening_fingerprint,
    posting_data,
    posting_fields,
    prepare_reading,
    read_openings,
    remember,
    unchanged,
    unchanged_adverts,
)
from app.importer.read import AdvertError
from app.importer.sources import Source
from app.importer.workers import Limits, WorkerPool
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate, slugify
from app.postings import service as postings
from app.postings.models import Posting, PostingStatus
from app.postings.schemas import PostingCreate

if TYPE_CHECKING:
    from app.importer.extract import Opening

BATCH_SIZE = 500  # adverts per transaction


@dataclass(frozen=True)
class ParsedAdvert:
    """An advert read in a worker process: its openings, or why it has none, and, when the
    batch can create them, the postings they become and the advert's fingerprint."""

    source: Source
    openings: "list[Opening] | None" = None
    reason: str | None = None
    new_postings: list[postings.NewPosting] | None = None
    fingerprint: str = ""


@dataclass(frozen=True)
class Options:
    """What the command line asked of every advert."""

    organisation: str | None
    status: PostingStatus
    dry_run: bool


def parse(options: Options, source: Source) -> ParsedAdvert:
    """Read one advert and prepare its postings; runs in a worker process, so it touches no
    database."""
    if source.error is not None or source.data is None:
        return ParsedAdvert(source, reason=source.error)
    try:
        openings = read_openings(source.name, source.data)
    except AdvertError as error:
        return ParsedAdvert(source, reason=error.reason)
    if options.dry_run:
        return ParsedAdvert(source, openings)
    fingerprint = advert_fingerprint(source.data, options.organisation, options.status)
    return ParsedAdvert(source, openings, None, _new_postings(openings, options), fingerprint)


def _new_postings(openings: "list[Opening]", options: Options) -> list[postings.NewPosting] | None:
    """The postings the openings become, rendered; None when one of them is for
    `load.import_advert` to refuse with its reason (no organisation, invalid values)."""
    news = []
    for opening in openings:
        slug = options.organisation or slugify(opening.organisation or "")
        if not slug:
            return None
        status = PostingStatus.draft if opening.draft else options.status
        try:
            data = posting_data(
                PostingCreate, {**posting_fields(opening, status), "organisation": slug}
            )
        except ValidationError:
            return None
        news.append(
            postings.NewPosting(
                data,
                opening_fingerprint(opening, status),
                organisation_name=(opening.organisation or slug)[:200],
                description_html=render_markdown(data.description),
            )
        )
    return news


def parsed(sources: list[Source], options: Options, workers: int) -> Iterator[ParsedAdvert]:
    """Every source parsed, in order, on up to `workers` processes, each advert bounded in
    time and memory (`workers.WorkerPool`); one that overruns is an advert that failed.

    On Linux the workers are forked: they start at once, with every module already imported.
    """
    if not sources:
        return
    prepare_reading()
    with WorkerPool(
        partial(parse, options),
        min(workers, len(sources)),
        Limits.from_settings(),
        start_method="fork" if sys.platform == "linux" else None,
        initializer=_forget_connections,
    ) as pool:
        yield from pool.map(sources, lambda source, reason: ParsedAdvert(source, reason=reason))


def _forget_connections() -> None:
    """A forked worker leaves the parent's database connections alone (SQLAlchemy's advice
    for `os.fork()`): it never queries, and must not close them either."""
    get_engine().dispose(close=False)


def _owners(
    session: Session, adverts: list[ParsedAdvert], options: Options
) -> dict[str, Organisation]:
    """The organisations the adverts' postings go to, by slug: the pinned one (404 if it does
    not exist), or those the adverts name, created when new."""
    if options.organisation is not None:
        pinned = organisations.get_by_slug(session, options.organisation)
        return {pinned.slug: pinned}
    names = {
        new.data.organisation: new.organisation_name
        for advert in adverts
        for new in advert.new_postings or []
        if new.data.organisation is not None
    }
    found = organisations.find_by_slugs(session, names)
    missing = [
        OrganisationCreate(name=name, slug=slug)
        for slug, name in names.items()
        if slug not in found
    ]
    found.update(
        (organisation.slug, organisation)
        for organisation in organisations.create_organisations(session, missing)
    )
    return found


Key = tuple[int, str]  # a posting's organisation id and external id


def _keys(advert: ParsedAdvert, owners: dict[str, Organisation]) -> list[Key]:
    keys = []
    for new in advert.new_postings or []:
        owner_id = owners[new.data.organisation or ""].id
        assert owner_id is not None and new.data.external_id is not None
        keys.append((owner_id, new.data.external_id))
    return keys


def _taken(session: Session, keys: set[Key]) -> set[Key]:
    """Which of these (organisation id, external id) pairs already have a posting."""
    wanted = list(keys)
    taken: set[Key] = set()
    for chunk in in_lists(wanted):
        pair = tuple_(col(Posting.organisation_id), col(Posting.external_id))
        rows = session.execute(
            select(col(Posting.organisation_id), col(Posting.external_id)).where(pair.in_(chunk))
        )
        taken.update((organisation_id, external_id) for organisation_id, external_id in rows)
    return taken


def write_new(
    session: Session, adverts: list[ParsedAdvert], options: Options
) -> dict[int, list[OpeningResult]]:
    """Write, in the caller's transaction, the adverts (by position) whose postings are all
    new: their results. The others are left for `load.import_advert`."""
    candidates = {
        position: advert
        for position, advert in enumerate(adverts)
        if advert.new_postings is not None
    }
    owners = _owners(session, list(candidates.values()), options)
    keys = {position: _keys(advert, owners) for position, advert in candidates.items()}
    taken = _taken(session, {key for advert_keys in keys.values() for key in advert_keys})
    new: list[int] = []
    for position, advert_keys in keys.items():
        if not taken.intersection(advert_keys) and len(set(advert_keys)) == len(advert_keys):
            new.append(position)
            taken.update(advert_keys)
    ids = iter(
        postings.create_postings(
            session, ADMIN, [posting for p in new for posting in adverts[p].new_postings or []]
        )
    )
    results: dict[int, list[OpeningResult]] = {}
    remembered = []
    for position in new:
        advert = adverts[position]
        assert advert.openings is not None and advert.new_postings is not None
        posting_ids = [next(ids) for _ in advert.new_postings]
        results[position] = [
            OpeningResult(
                advert.source.name,
                "created",
                opening,
                posting_id,
                stored_under=owners[new.data.organisation or ""].name,
            )
            for opening, posting_id, new in zip(
                advert.openings, posting_ids, advert.new_postings, strict=True
            )
        ]
        kept = [
            (posting_id, posting.content_hash)
            for posting_id, posting in zip(posting_ids, advert.new_postings, strict=True)
        ]
        remembered.append(Remembered(advert.source.name, advert.fingerprint, kept))
    remember(session, remembered)
    return results


def _one(advert: ParsedAdvert, options: Options) -> list[OpeningResult]:
    """One advert in its own transaction: all its openings, or nothing and a reason."""
    source = advert.source
    if advert.openings is None or source.data is None:
        return [OpeningResult(source.name, "failed", reason=advert.reason)]
    try:
        with session_scope() as session:
            return import_advert(
                session,
                source.name,
                source.data,
                organisation=options.organisation,
                status=options.status,
                openings=advert.openings,
            )
    except AdvertError as error:
        return [OpeningResult(source.name, "failed", reason=error.reason)]
    except DomainError as error:
        return [OpeningResult(source.name, "failed", reason=error.detail)]


def _write(adverts: list[ParsedAdvert], options: Options) -> list[list[OpeningResult]]:
    """Each advert's results, in order: a batch first, then one at a time for the rest."""
    try:
        with session_scope() as session:
            results = write_new(session, adverts, options)
    except DomainError:
        results = {}
    return [
        results[position] if position in results else _one(advert, options)
        for position, advert in enumerate(adverts)
    ]


def _extracted(adverts: list[ParsedAdvert]) -> list[list[OpeningResult]]:
    return [
        [OpeningResult(advert.source.name, "extracted", opening) for opening in advert.openings]
        if advert.openings is not None
        else [OpeningResult(advert.source.name, "failed", reason=advert.reason)]
        for advert in adverts
    ]


def _known(
    sources: list[Source], organisation: str | None, status: PostingStatus
) -> dict[str, list[int]]:
    """The adverts imported before from the same bytes, found for all sources at once, so
    re-importing a folder of unchanged adverts opens one transaction rather than one each."""
    fingerprints = {
        source.name: advert_fingerprint(source.data, organisation, status)
        for source in sources
        if source.data is not None
    }
    with session_scope() as session:
        return unchanged_adverts(session, fingerprints)


def import_sources(
    sources: list[Source],
    *,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
    dry_run: bool = False,
    workers: int = 1,
) -> Iterator[list[OpeningResult]]:
    """Each source's results, in order, a batch at a time. Adverts imported before from the
    same bytes are reported unchanged without being read."""
    options = Options(organisation, status, dry_run)
    known = {} if dry_run else _known(sources, organisation, status)
    adverts = parsed([source for source in sources if source.name not in known], options, workers)
    for start in range(0, len(sources), BATCH_SIZE):
        chunk = sources[start : start + BATCH_SIZE]
        batch = [next(adverts) for source in chunk if source.name not in known]
        results = iter(_extracted(batch) if dry_run else _write(batch, options))
        for source in chunk:
            yield (
                unchanged(source.name, known[source.name])
                if source.name in known
                else next(results)
            )
