"""Words that job adverts use, in the languages the adverts come in (English, German, French).

General vocabulary only: nothing here names a particular organisation or advert.
"""

import re

# Nouns that make a heading or a link read as a job title.
ROLE_WORDS = (
    r"developer|engineer|manager|director|coordinator|co-ordinator|officer|scientist|"
    r"specialist|administrator|admin|analyst|designer|lead|head|consultant|programmer|"
    r"architect|researcher|fellow|postdoc|postdoctoral|associate|assistant|technician|"
    r"librarian|curator|editor|writer|intern|internship|trainee|apprentice|"
    r"phd|instructor|lecturer|professor|maintainer|representative|advocate|"
    r"strategist|executive|president|secretary|accountant|support|"
    r"entwickler\w*|informatiker\w*|mitarbeiter\w*|referent\w*|spezialist\w*|"
    r"koordinator\w*|projektkoordinator\w*|leiter\w*|ingenieur\w*|wissenschaftler\w*|"
    r"doktorand\w*|stelle|ingénieur\w*|chercheur\w*|chercheuse|post-doc|"
    r"stage|stagiaire|ater|mcf|maître de conférences|doctorant\w*|technicien\w*"
)
ROLE = re.compile(rf"\b({ROLE_WORDS})\b", re.IGNORECASE)

# Headings of parts that belong to every opening on a page rather than being one.
SHARED_SECTION = re.compile(
    r"^(how to apply|to apply|apply|application process|benefits|perks|why work|"
    r"why join|working (at|with|for)|about( us)?\b|who we are|our (team|values|benefits)|"
    r"what we offer|we offer|compensation|salary|pay|values|interested|contact|questions|"
    r"current openings|open positions|openings|vacancies|jobs|job opportunities|"
    r"responsibilities|requirements|qualifications|required|desired|desirable|skills|"
    r"your (responsibilities|profile|tasks)|ihre aufgaben|ihr profil|wir bieten|"
    r"bewerbung|kontakt|profil|missions?|contexte|candidature)",
    re.IGNORECASE,
)

HIRING_VERB = (
    r"is hiring|are hiring|is recruiting|are recruiting|seeks|is seeking|are seeking|"
    r"is looking for|are looking for|is searching for|are searching for|"
    r"invites applications|is advertising|has an opening|has a vacancy|seeks to hire|"
    r"is going to hire|plans to hire|will hire|wants to hire"
)

MONTHS = {
    "january": 1, "jan": 1, "januar": 1, "janvier": 1, "jänner": 1,
    "february": 2, "feb": 2, "februar": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "märz": 3, "maerz": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juni": 6, "juin": 6,
    "july": 7, "jul": 7, "juli": 7, "juillet": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "oktober": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "dezember": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip


def looks_like_role(text: str) -> bool:
    """Whether a heading or link text names a job: a role noun, not a section of an advert."""
    words = text.split()
    return (
        0 < len(words) <= 16
        and ROLE.search(text) is not None
        and SHARED_SECTION.match(text.strip()) is None
    )


def role_phrase(text: str) -> str | None:
    """The job named in a phrase: "a full-time Research Software Engineer for ..." ->
    "Research Software Engineer"; a lower-case role noun alone is capitalised."""
    match = ROLE.search(text)
    if match is None:
        return None
    words = text[: match.start()].split()
    lead: list[str] = []
    while words and words[-1][:1].isupper() and len(lead) < 4:
        lead.insert(0, words.pop())
    role = match.group(0)
    return " ".join([*lead, role]) if lead else role[:1].upper() + role[1:]
