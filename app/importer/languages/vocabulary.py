"""What a language module declares: the words of adverts, grouped by the rule that reads them.

Every phrase is a regular-expression fragment, matched case-blind at word boundaries unless its
rule says otherwise. General vocabulary only: nothing here names an organisation or an advert.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vocabulary:
    """One language's words for each rule of the importer."""

    # Calendar: month names and their abbreviations, to the month's number.
    months: dict[str, int] = field(default_factory=dict)

    # Segmenting and titles.
    role_nouns: tuple[str, ...] = ()  # make a heading, bold line or link read as a job title
    shared_sections: tuple[str, ...] = ()  # headings of parts every opening on a page shares
    generic_titles: tuple[str, ...] = ()  # page titles that are not a role ("Jobs", "Join us")

    # Organisation.
    hiring_verbs: tuple[str, ...] = ()  # "X is hiring", "X sucht"
    about_words: tuple[str, ...] = ()  # a heading about the organisation: "About X", "Über X"
    # Kinds of organisation, for "X is a non-profit", "X est une start-up".
    organisation_nouns: tuple[str, ...] = ()

    # Place and way of working.
    location_labels: tuple[str, ...] = ()  # "Location:", "Standort:"
    place_cues: tuple[str, ...] = ()  # "based in", "am Standort", "basé à"
    # Phrases after which come the places candidates must live or be allowed to work in.
    residence_cues: tuple[str, ...] = ()  # "must reside in", "work authorization for"
    # World regions as adverts name them, which no gazetteer lists: plain names, not patterns.
    regions: tuple[str, ...] = ()  # "North America", "EMEA", "Europa"
    remote: tuple[str, ...] = ()  # the job is wholly remote: "fully remote", "100% remoto"
    hybrid: tuple[str, ...] = ()  # said to be hybrid: "hybrid", "up to 80% remote"
    # Working from home as an option or perk ("Homeoffice", "télétravail"): hybrid, unless
    # the advert also says the job is wholly remote.
    home_working: tuple[str, ...] = ()
    onsite: tuple[str, ...] = ()  # "on-site position", "presencial"

    # Dates.
    deadline_cues: tuple[str, ...] = ()
    posted_cues: tuple[str, ...] = ()

    # How to apply.
    apply_cues: tuple[str, ...] = ()  # words of a sentence about applying
    question_cues: tuple[str, ...] = ()  # words of a sentence about asking, not applying
    apply_link_texts: tuple[str, ...] = ()  # link texts that lead to the application
    apply_headings: tuple[str, ...] = ()  # headings of the "how to apply" section

    # Terms.
    employment_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    salary_labels: tuple[str, ...] = ()
