"""What every field's rules share: the found value with its source, and front matter read
through one table of the keys sites use for each field."""

from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any, Generic, TypeVar

from app.importer.read import Page, key_form

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A field's value and where in the advert it came from ("front matter: company",
    "prose", "heading"), so that a person checking an import can see why."""

    value: T
    source: str


# Every front-matter key that holds a field, in order of preference. Keys are compared in a
# normal form (`key_form`): case, `-`, `_` and spaces aside, so that `postedOn`, `posted_on` and
# `posted-on` are one key. Left out on purpose: `name` (as often a person or the page as the
# employer), `url`/`permalink`/`website`/`company_url` (the page's or the employer's own
# address, not where to apply), `start_date`/`end_date` (a contract's dates, not the closing).
FRONT_KEYS: dict[str, tuple[str, ...]] = {
    "title": (
        "job_title", "position_title", "vacancy_title", "role_title", "job_name", "job",
        "position", "role", "roles", "vacancy", "titre", "titel", "titolo", "titulo", "title",
        "poste", "stelle", "functie", "puesto", "vaga", "cargo", "posizione", "ruolo",
        "header", "heading",
    ),
    "organisation": (
        "company", "company_name", "organisation", "organization", "organisation_name",
        "organization_name", "org", "employer", "employer_name", "hiring_organization",
        "hiring_organisation", "hiring_company", "institution", "institute", "entreprise",
        "société", "societe", "unternehmen", "arbeitgeber", "firma", "empresa", "azienda",
        "werkgever", "organisatie", "empregador", "employeur", "organisme", "publisher",
        "site_name", "brand",
    ),
    "location": (
        "location", "job_location", "work_location", "location_name", "place", "city",
        "town", "office", "based_in", "ort", "arbeitsort", "standort", "dienstort", "lieu",
        "localisation", "ville", "ubicacion", "ubicación", "ciudad", "luogo", "sede", "città",
        "citta", "locatie", "plaats", "standplaats", "localização", "localizacao", "cidade",
    ),
    "remote": (
        "remote", "remote_mode", "remote_work", "remote_policy", "workplace",
        "workplace_type", "work_mode", "work_model",
    ),
    "posted": (
        "date", "publishdate", "pubdate", "published", "published_at", "published_on",
        "publication_date", "date_published", "posted", "posted_on", "posted_at",
        "date_posted", "created", "created_at", "created_on", "date_created", "apertura",
        "data_apertura", "data_pubblicazione", "fecha_publicacion", "date_de_publication",
        "veröffentlicht", "publicatiedatum",
    ),
    "deadline": (
        "deadline", "closing_date", "closes", "closes_on", "close_date", "closing",
        "apply_by", "apply_before", "apply_until", "application_deadline",
        "applications_close", "applications_due", "deadline_date", "due_date",
        "bewerbungsfrist", "bewerbungsschluss", "date_limite", "fecha_limite",
        "fecha_límite", "scadenza", "data_scadenza", "chiusura", "data_chiusura",
        "fecha_cierre", "sluitingsdatum", "prazo",
    ),
    # The posting's or the page's end of life: a closing date only when the advert does not
    # say it stays open until filled (see `when.deadline_of`).
    "expiry": (
        "validthrough", "valid_through", "valid_until", "expirydate", "expiry_date",
        "expires", "expiry", "expires_on", "expiration_date",
    ),
    "apply_email": ("apply_email", "application_email", "email", "contact_email", "apply_to"),
    "apply_url": (
        "apply_url", "apply_link", "application_url", "application_link", "application_form",
        "apply", "how_to_apply", "applyurl", "jazz_url", "greenhouse_url", "lever_url",
        "workable_url", "recruitee_url", "personio_url", "smartrecruiters_url", "ashby_url",
        "job_url", "job_link", "posting_url", "external_url", "source_url", "link",
    ),
    "employment_type": (
        "employment_type", "job_type", "contract_type", "position_type", "work_type",
        "contract", "employment", "type_of_contract", "vertragsart", "anstellungsart",
        "type_de_contrat", "contrat", "tipo_de_contrato", "contratto", "dienstverband",
        "type", "hours", "period", "schedule", "experience", "experience_level", "level",
    ),
    "salary": (
        "salary", "salary_range", "base_salary", "pay", "pay_range", "compensation",
        "remuneration", "rémunération", "wage", "wages", "stipend", "gehalt", "vergütung",
        "salaire", "salario", "stipendio", "retribuzione", "salaris", "salário",
    ),
}  # fmt: skip
# Fields whose value is words: a number or a yes/no under one of their keys is something else
# (`position: 3` orders a page in a menu).
_WORDS_ONLY = frozenset({"title", "organisation", "location", "apply_email", "apply_url"})


# Keys named for the item they describe: WordPress exports write `post_title` and `post_date`,
# a front-matter list of jobs `job_date` and `job_location`. Such a key is read as the key
# after its prefix, after every key without one, and never for the kind of work (`post_type`
# is WordPress's kind of page).
_ITEM_PREFIXES = ("job", "post", "position", "vacancy", "offer", "opening")
_UNPREFIXED = frozenset({"employment_type"})


def _forms(field: str, keys: tuple[str, ...]) -> tuple[str, ...]:
    forms = [key_form(key) for key in keys]
    if field not in _UNPREFIXED:
        forms += [prefix + form for form in list(forms) for prefix in _ITEM_PREFIXES]
    return tuple(dict.fromkeys(forms))


# Each field's key forms by preference, first 0: a page has a handful of keys and a field
# over a hundred forms, so the page's keys are looked up among the forms, not the other way.
_KEY_RANKS: dict[str, dict[str, int]] = {
    field: {form: rank for rank, form in enumerate(_forms(field, keys))}
    for field, keys in FRONT_KEYS.items()
}


# Each field's key forms, for keys written elsewhere than front matter (a table's header).
FRONT_FORMS: dict[str, frozenset[str]] = {
    field: frozenset(ranks) for field, ranks in _KEY_RANKS.items()
}


# A mapping under a field's key holds its value under one of these (`location: {name: ...}`).
_NESTED_VALUE_KEYS = ("name", "title", "value", "text", "label", "address")
# Fields whose key may hold a mapping of several, each as good (`link: {board: url, ...}`).
_SEVERAL = frozenset({"apply_url", "apply_email"})


def _unwrapped(key: str, value: Any, field: str) -> Iterator[tuple[str, Any]]:
    """A key's value, or the values a mapping under it holds for the field, each named
    `key.inner`."""
    if not isinstance(value, dict):
        yield key, value
        return
    inner = {str(name).lower(): item for name, item in value.items()}
    names = inner if field in _SEVERAL else _NESTED_VALUE_KEYS
    for name in names:
        if isinstance(inner.get(name), str):
            yield f"{key}.{name}", inner[name]


# Mappings some sites keep a page's own variables in (`metadata: {apertura: ...}`, Hugo's
# `params:`); read for the fields of dates, applying and terms when the top level lacks them,
# as their keys there hold the same thing, whereas a nested `title` is often a menu's or SEO's.
_WRAPPERS = ("metadata", "params", "extra", "job", "vacancy")
_WRAPPED_FIELDS = frozenset(
    {"posted", "deadline", "expiry", "apply_email", "apply_url", "employment_type", "salary"}
)


def _keyed(
    mapping: dict[str, Any], spelled: dict[str, str], field: str, prefix: str = ""
) -> Iterator[tuple[str, Any]]:
    ranks = _KEY_RANKS[field]
    for _, key in sorted((ranks[form], key) for form, key in spelled.items() if form in ranks):
        value = mapping[key]
        if field in _WORDS_ONLY and isinstance(value, int | float | bool):
            continue
        yield from _unwrapped(f"{prefix}{key}", value, field)


def front_values(page: Page, field: str) -> Iterator[tuple[str, Any]]:
    """(key, value) of each front-matter key that holds `field`, in order of preference;
    the key as the page spells it; then those in a wrapping mapping, named `wrapper.key`."""
    yield from _keyed(page.front_matter, page.key_spellings, field)
    if field not in _WRAPPED_FIELDS:
        return
    for wrapper in _WRAPPERS:
        inner = page.front_matter.get(wrapper)
        if isinstance(inner, dict) and inner:
            spelled: dict[str, str] = {}
            for key in inner:
                spelled.setdefault(key_form(str(key)), key)
            yield from _keyed(inner, spelled, field, f"{wrapper}.")


def plain(value: Any) -> str | None:
    """A front-matter value as one line of text; lists are joined, mappings are not text."""
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if value is None or isinstance(value, dict | bool):
        return None
    text = " ".join(unescape(str(value)).split())
    return text or None


def front_text(page: Page, field: str) -> Found[str] | None:
    """The first front-matter key for `field` whose value is text."""
    for key, value in front_values(page, field):
        if text := plain(value):
            return Found(text, f"front matter: {key}")
    return None
