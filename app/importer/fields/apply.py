"""How to apply: the address to write to and the page to apply on."""

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from app.importer.fields.common import Found, front_text, front_values, plain
from app.importer.markdown import inline_text, sentences
from app.importer.segment import Draft

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})", re.IGNORECASE)
_APPLY_CUE = re.compile(
    r"\b(?:apply|applying|application|applications|send|submit|resume|résumé|cv|cover letter|"
    r"bewerbung\w*|bewerben|richten|candidature|postuler|envoyer|adresser|offre)\b",
    re.IGNORECASE,
)
_QUESTION_CUE = re.compile(
    r"\b(?:questions?|enquir\w+|inquir\w+|informal|more information|further information|"
    r"fragen|renseignements|discuss|get in touch)\b",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(
    r"\[([^\]]*)\]\((\S+?)\)|<a\s[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I
)
_LINK_APPLY_TEXT = re.compile(
    r"\b(?:apply|application|advert|advertisement|job posting|job description|full (?:job )?"
    r"(?:description|details)|view job|details|here|bewerb\w*|stellenangebot|postuler|offre)\b",
    re.IGNORECASE,
)


def apply_email_of(draft: Draft) -> Found[str] | None:
    """A front-matter address, else the first address in a sentence about applying."""
    front = front_text(draft.page, "apply_email")
    if front and _EMAIL.fullmatch(front.value):
        return front
    for sentence in sentences(draft.text):
        if "@" not in sentence:
            continue  # the email pattern's scan is slow, and every address has an @
        emails = _EMAIL.findall(sentence)
        if (
            emails
            and _APPLY_CUE.search(sentence)
            and not (
                _QUESTION_CUE.search(sentence)
                and not re.search(r"\b(?:send|submit)\b", sentence, re.I)
            )
        ):
            return Found(str(emails[0]), "prose")
    return None


_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_NOT_APPLYING = re.compile(r"datenschutz|privacy|impressum|imprint|cookie", re.IGNORECASE)
_APPLY_HEADING = re.compile(
    r"\b(?:apply|applying|application|bewerbung|candidature|postuler)", re.I
)


def _links(text: str) -> list[tuple[str, str, str]]:
    """(text, url, sentence) of every http(s) link, in order."""
    found = []
    for sentence in sentences(_AUTOLINK.sub(r"[\1](\1)", text)):
        if "[" not in sentence and "<" not in sentence:
            continue  # no link
        for match in _MARKDOWN_LINK.finditer(sentence):
            label = inline_text(match.group(1) or match.group(4) or "")
            url = match.group(2) or match.group(3)
            if url.startswith(("http://", "https://")) and not _NOT_APPLYING.search(url + label):
                found.append((label, url, sentence.replace(match.group(0), label)))
    return found


def _apply_section(draft: Draft) -> str:
    """The "To apply" part of an opening's text, or nothing."""
    lines = draft.text.splitlines()
    found = draft.headings()
    for heading in found:
        if _APPLY_HEADING.search(heading.title):
            later = [h.line for h in found if h.line > heading.line and h.level <= heading.level]
            return "\n".join(lines[heading.line : min(later, default=len(lines))])
    return ""


def apply_url_of(draft: Draft, title: str) -> Found[str] | None:
    """Front matter; else a link in the "To apply" section, a link that says apply or names
    the advert, a link titled like the opening, or a link in a sentence about applying."""
    for key, raw in front_values(draft.page, "apply_url"):
        value = plain(raw)
        if value and "://" in value and (key != "source_url" or urlsplit(value).path.strip("/")):
            return Found(value, f"front matter: {key}")
    if listed := draft.hints.get("apply_url"):
        return Found(listed, "listing link")
    section = _apply_section(draft)
    links = _links(draft.text)
    passes: list[tuple[str, list[tuple[str, str, str]], Callable[[str, str], bool]]] = [
        ("link text", links, lambda label, sentence: bool(_LINK_APPLY_TEXT.search(label))),
        ("link named like the title", links,
         lambda label, sentence: bool(title) and label.lower() == title.lower()),
    ]  # fmt: skip
    if section:
        # The advert says how to apply: a link is only taken from there (or named as above).
        passes.insert(0, ("section on applying", _links(section), lambda label, sentence: True))
    else:
        passes.append(("sentence on applying", links, lambda label, s: bool(_APPLY_CUE.search(s))))
    for source, candidates, rule in passes:
        for label, url, sentence in candidates:
            if rule(label, sentence):
                return Found(url, source)
    return None
