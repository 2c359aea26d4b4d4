"""How to apply: the address to write to and the page to apply on.

An address or link counts only where the advert says to apply with it: a sentence about
applying, a "How to apply" section, a link that says "Apply". Addresses for questions, the
organisation's home page and privacy notices are not ways to apply.
"""

import re
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from app.importer.fields.common import Found, front_values, plain
from app.importer.languages import LANGUAGES, alternatives
from app.importer.markdown import inline_text, sentences
from app.importer.segment import Draft

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})", re.IGNORECASE)
_APPLY_CUE = re.compile(rf"\b(?:{alternatives('apply_cues')})\b", re.IGNORECASE)
_QUESTION_CUE = re.compile(rf"\b(?:{alternatives('question_cues')})\b", re.IGNORECASE)
_SEND_CUE = re.compile(rf"\b(?:{alternatives('send_cues')})\b", re.IGNORECASE)
# "jobs [at] example [dot] org", "name(at)domain": the brackets make the words a disguise.
# Spanish and Portuguese spell the sign's own name, which is no other word: "jobs arroba
# example punto com".
_DISGUISED_AT = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*|\s+arroba\s+", re.IGNORECASE)
_DISGUISED_DOT = re.compile(
    r"\s*[\[({]\s*dot\s*[\])}]\s*|\s+p[uo]nto\s+(?=[a-z]{2,4}\b)", re.IGNORECASE
)
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s")
_TITLE_STOP = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mme|Hr|Fr|Sr|Sra)\.$")
_RECRUITING_NAMES = frozenset(name for words in LANGUAGES for name in words.recruiting_hosts)


def _disguised(sentence: str) -> bool:
    lowered = sentence.lower()
    return "at]" in lowered or "at)" in lowered or "at}" in lowered or " arroba " in lowered


def _undisguised(sentence: str) -> str:
    return _DISGUISED_DOT.sub(".", _DISGUISED_AT.sub("@", sentence))


def _about_applying(sentence: str) -> bool:
    """A sentence about applying, not one that gives an address only for questions."""
    if not _APPLY_CUE.search(sentence):
        return False
    if not _QUESTION_CUE.search(sentence):
        return True
    # "Send your CV … questions are welcome" applies; "Send any questions to …" asks.
    return any(
        not _QUESTION_CUE.search(sentence, send.end(), send.end() + 20)
        for send in _SEND_CUE.finditer(sentence)
    )


def _whole_sentences(text: str) -> Iterator[str]:
    """Sentences, with a title's full stop ("… to Dr. Jane Doe") kept inside its sentence."""
    pending = ""
    for part in sentences(text):
        sentence = f"{pending} {part}" if pending else part
        if _TITLE_STOP.search(sentence, max(0, len(sentence) - 6)):
            pending = sentence
            continue
        pending = ""
        yield sentence
    if pending:
        yield pending


def _with_lead_in(text: str) -> Iterator[tuple[str, str]]:
    """Each sentence with the words that lead into it: a sentence cut by a list ("Applicants
    should submit: * a CV … to: jobs@…") continues the sentence before the list."""
    lead = ""
    for sentence in _whole_sentences(text):
        if _LIST_ITEM.match(sentence):
            yield sentence, sentence
            continue
        # "**entweder** an jobs@…": emphasis does not start a sentence.
        continues = sentence.lstrip("*_ ")[:1].islower()
        context = f"{lead} {sentence}" if continues else sentence
        lead = sentence
        yield sentence, context


def _front_email(draft: Draft) -> Found[str] | None:
    """An address in a key for it, or in a key for applying that holds an address, not a page
    ("apply: mailto:jobs@example.org")."""
    for field in ("apply_email", "apply_url"):
        for key, raw in front_values(draft.page, field):
            value = plain(raw)
            if value and "://" not in value and (match := _EMAIL.search(value)):
                return Found(match.group(1), f"front matter: {key}")
    return None


def _email_in(text: str, cued: bool = True) -> str | None:
    """The first address in a sentence about applying; with `cued` off (a section on
    applying), in any sentence that, with the one before it, is not about questions."""
    if "@" not in text and not _disguised(text):
        return None
    previous = ""
    for sentence, lead_in in _with_lead_in(text):
        context = lead_in if cued else f"{previous} {sentence}"
        previous = sentence
        if "@" in sentence:
            emails = _EMAIL.findall(sentence)
        elif _disguised(sentence):
            emails = _EMAIL.findall(_undisguised(sentence))
        else:
            continue  # the email pattern's scan is slow, and every address has an @
        if emails and (_about_applying(context) if cued else not _QUESTION_CUE.search(context)):
            return str(emails[0])
    return None


def _recruiting_mailbox(text: str) -> str | None:
    """The first address whose mailbox is named for recruiting ("jobs@", "karriere@",
    "vacatures@"): written for applications, whatever the sentence around it says."""
    if "@" not in text:
        return None
    for address in _EMAIL.findall(text):
        if address.split("@", 1)[0].lower() in _RECRUITING_NAMES:
            return str(address)
    return None


def apply_email_of(draft: Draft) -> Found[str] | None:
    """A front-matter address, else the first address in a sentence about applying, in the
    opening's text or else in the text the page's openings share."""
    if front := _front_email(draft):
        return front
    if found := _email_in(draft.text):
        return Found(found, "prose")
    has_address = "@" in draft.text or _disguised(draft.text)
    if has_address and (found := _email_in(_apply_section(draft, draft.title or ""), cued=False)):
        return Found(found, "section on applying")
    if found := _email_in(draft.hints.get("context", "")):
        return Found(found, "page prose")
    for where, text in (("prose", draft.text), ("page prose", draft.hints.get("context", ""))):
        if found := _recruiting_mailbox(text):
            return Found(found, f"{where}: recruiting mailbox")
    return None


# An autolink may be cut across two lines; its parts are joined.
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)(?:\n([^>\s]+))?>")
_BARE_URL = re.compile(r"(?<![(\[<\"'=])\bhttps?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
# A path on the site written out in a sentence ("see /careers/").
_BARE_PATH = re.compile(
    r"(?<= )/[a-z][\w-]*(?:/[\w-]+(?:\.[\w-]+)*)*/?(?=[\s,;:!?)]|\.?$|\. )", re.I
)
_MARKDOWN_LINK = re.compile(
    r"\[([^\]]*)\]\((\S+?)\)|<a\s[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I | re.S
)
_NOT_APPLYING = re.compile(r"datenschutz|privacy|impressum|imprint|cookie", re.IGNORECASE)
# A site's contact or help page is for asking, not applying.
_ASKING_PAGE = re.compile(r"/(?:contact|help|faq)(?:[/?#.]|$)", re.IGNORECASE)
_APPLY_LINK_TEXT = re.compile(rf"\b(?:{alternatives('apply_link_texts')})\b", re.IGNORECASE)
_APPLY_HEADING = re.compile(rf"\b(?:{alternatives('apply_headings')})\b", re.IGNORECASE)
# How near a link must be to the words about applying in a long sentence.
_CUE_REACH = 80


def _is_target(url: str) -> bool:
    """A link to a page: absolute, or relative to the site (kept as written)."""
    return not url.startswith(("#", "mailto:", "tel:", "javascript:", "//", "{"))


def _home_page(url: str) -> bool:
    """A site's front page ("https://example.org/"), which says nothing of the opening."""
    parts = urlsplit(url)
    return bool(parts.netloc) and not parts.path.strip("/") and not parts.query


class Link(NamedTuple):
    """A link of the advert with the words around it."""

    text: str
    url: str
    sentence: str  # the sentence around it, with the link as its text
    at: int  # where the link starts in the sentence
    introduced: bool = False  # alone after a lead-in that ends with ":"


def _links_in(sentence: str, lead: str) -> Iterator[Link]:
    for match in _MARKDOWN_LINK.finditer(sentence):
        label = inline_text(match.group(1) or match.group(4) or "")
        url = (match.group(2) or match.group(3)).strip()
        if (
            _is_target(url)
            and not _NOT_APPLYING.search(url + label)
            and not _ASKING_PAGE.search(url)
        ):
            alone = bool(lead) and match.group(0) == sentence.strip()
            context = f"{lead} {label}" if alone else sentence.replace(match.group(0), label)
            yield Link(label, url, context, len(lead) + 1 if alone else match.start(), alone)
    if " /" in sentence:
        for match in _BARE_PATH.finditer(sentence):
            yield Link(match.group(0), match.group(0), sentence, match.start())
    if "://" in sentence:
        blanked = _MARKDOWN_LINK.sub(lambda match: " " * len(match.group(0)), sentence)
        for match in _BARE_URL.finditer(blanked):
            if not _NOT_APPLYING.search(match.group(0)):
                yield Link(match.group(0), match.group(0), sentence, match.start())


def _links(text: str) -> list[Link]:
    """Every link, in order, with its sentence; a bare URL is a link whose text is itself. A
    link alone after "… on the faculty's site:" has that lead-in for its sentence."""
    found: list[Link] = []
    lead = ""
    for sentence in sentences(_AUTOLINK.sub(r"[\1\2](\1\2)", text)):
        if "[" in sentence or "<" in sentence or "://" in sentence or " /" in sentence:
            found += _links_in(sentence, lead if lead.endswith(":") else "")
        lead = sentence
    return found


def _apply_section(draft: Draft, title: str) -> str:
    """The "To apply" part of an opening's text, or nothing."""
    lines = draft.text.splitlines()
    found = draft.headings()
    for heading in found:
        if heading.title.lower() != title.lower() and _APPLY_HEADING.search(heading.title):
            later = [h.line for h in found if h.line > heading.line and h.level <= heading.level]
            return "\n".join(lines[heading.line : min(later, default=len(lines))])
    return ""


def _named_like(label: str, title: str) -> bool:
    """A link text that names the opening: most of its words are the title's, and most of
    the title's are in it ("Director or Deputy Director of X" for "Director of X")."""
    words = set(re.findall(r"\w+", label.lower()))
    title_words = set(re.findall(r"\w+", title.lower()))
    shared = len(words & title_words)
    return bool(shared) and shared >= 0.6 * len(words) and shared >= 0.6 * len(title_words)


def _near_cue(sentence: str, at: int) -> bool:
    """Whether words about applying come within reach of a link in its sentence."""
    return bool(_APPLY_CUE.search(sentence[max(0, at - _CUE_REACH) : at + _CUE_REACH]))


def _front_url(value: Any) -> str | None:
    """A URL in a front-matter value: text, the first of a list, or the first of a mapping
    of job boards ({angel: …, linkedin: …})."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return next(filter(None, (_front_url(item) for item in value)), None)
    text = plain(value)
    if not text:
        return None
    if " " not in text and ("://" in text or text.startswith("/")):
        return text  # as written, even when the site misspelled it
    match = _BARE_URL.search(text)
    return match.group(0) if match else None


def _from_front_matter(draft: Draft, has_email: bool) -> Found[str] | None:
    """A link in a key for the apply page. Keys that name the advert's source or a website
    count only for a page that is not the home page, and the source only when the advert
    gives no address to apply to. A key of its own ("jazz_url") counts when it says apply."""
    for key, raw in front_values(draft.page, "apply_url"):
        url = _front_url(raw)
        if not url:
            continue
        named_apply = "apply" in key or "application" in key
        if named_apply or not (_home_page(url) or url.startswith("/")):
            if key == "source_url" and has_email:
                continue
            return Found(url, f"front matter: {key}")
    for key, raw in draft.page.front_matter.items():
        url = _front_url(raw) if isinstance(raw, str) and "apply" in raw.lower() else None
        if url and "apply" in urlsplit(url).netloc + urlsplit(url).path:
            return Found(url, f"front matter: {key}")
    return None


Rule = Callable[[Link], bool]


def _says_apply(link: Link) -> bool:
    """A link whose text says it leads to the application; a relative link ("apply/",
    "/jobs/x") only when its text asks to apply, as the site's own pages are kept as written."""
    if link.url.startswith(("http://", "https://")):
        if link.text == link.url:  # a bare link takes its words from its sentence
            return bool(
                _APPLY_LINK_TEXT.search(link.sentence[max(0, link.at - _CUE_REACH) : link.at])
            )
        return bool(_APPLY_LINK_TEXT.search(link.text))
    return bool(_APPLY_CUE.search(link.text) and _APPLY_LINK_TEXT.search(link.text))


def _on_recruiting_site(link: Link) -> bool:
    """A link to a page of a recruiting site ("recrutement.example.org/offre?id=12")."""
    parts = urlsplit(link.url)
    return parts.netloc.split(".")[0].lower() in _RECRUITING_NAMES and not _home_page(link.url)


def _absolute(links: list[Link]) -> list[Link]:
    """Links to other pages than a home page, unless a lead-in gives the home page itself."""
    return [
        link
        for link in links
        if "://" in link.url and (link.introduced or not _home_page(link.url))
    ]


def _passes(draft: Draft, title: str, has_email: bool) -> list[tuple[str, list[Link], Rule]]:
    """The kinds of link that lead to the application, best first, each with its candidates.

    Where the advert gives an address to apply to, a link must say it is for applying; where
    it has a section on applying, other links come only from there."""
    links = _links(draft.text)
    passes: list[tuple[str, list[Link], Rule]] = [("link text", links, _says_apply)]
    if has_email:
        return passes
    passes.append(
        ("link named like the title", _absolute(links), lambda link: _named_like(link.text, title))
    )
    recruiting = ("link to a recruiting site", _absolute(links), _on_recruiting_site)
    if section := _apply_section(draft, title):
        passes.insert(0, ("section on applying", _absolute(_links(section)), lambda link: True))
        return [*passes, recruiting]
    written = [link for link in links if link.url.startswith("/") and link.text == link.url]
    passes.append(
        (
            "sentence on applying",
            _absolute(links) + written,
            lambda link: _near_cue(link.sentence, link.at),
        )
    )
    return [*passes, recruiting]


def apply_url_of(draft: Draft, title: str, email: str | None) -> Found[str] | None:
    """Front matter; else a link in the "To apply" section, a link that says apply, a link
    titled like the opening, or a link near words about applying. `email` is the opening's
    apply address (`apply_email_of`): with one, only links that say so are taken."""
    has_email = email is not None
    if front := _from_front_matter(draft, has_email):
        return front
    if listed := draft.hints.get("apply_url"):
        return Found(listed, "listing link")
    for source, candidates, rule in _passes(draft, title, has_email):
        for link in candidates:
            if rule(link):
                return Found(link.url, source)
    return None
