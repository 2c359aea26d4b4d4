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
    role_modifiers: tuple[str, ...] = ()  # lower-case words a role begins with ("software")
    role_cues: tuple[str, ...] = ()  # words before the role a sentence offers ("looking for")
    sentence_words: tuple[str, ...] = ()  # make a heading a sentence about a role ("your")
    connectives: tuple[str, ...] = ()  # lower-case words inside a role's name ("of", "de")
    past_sections: tuple[str, ...] = ()  # heading words of roles no longer open ("Past ...")
    count_words: tuple[str, ...] = ()  # "two", "zwei": a bold count opens a paragraph per role
    advert_lists: tuple[str, ...] = ()  # front-matter keys that list adverts ("jobs")
    shared_sections: tuple[str, ...] = ()  # headings of parts every opening on a page shares
    generic_titles: tuple[str, ...] = ()  # page titles that are not a role ("Jobs", "Join us")

    # Organisation.
    hiring_verbs: tuple[str, ...] = ()  # "X is hiring", "X sucht"

    # Place and way of working.
    location_labels: tuple[str, ...] = ()  # "Location:", "Standort:"
    place_cues: tuple[str, ...] = ()  # "based in", "am Standort", "basé à"
    remote: tuple[str, ...] = ()
    hybrid: tuple[str, ...] = ()
    onsite: tuple[str, ...] = ()

    # Dates.
    weekdays: dict[str, int] = field(default_factory=dict)  # to Monday 0 ... Sunday 6
    month_end_cues: tuple[str, ...] = ()  # "end of" June: the month's last day
    deadline_cues: tuple[str, ...] = ()  # words about closing applications, a date soon after
    # Words that close applications only when a date follows at once and the sentence is
    # about applying ("until", "jusqu'au", "no later than").
    deadline_bare_cues: tuple[str, ...] = ()
    application_words: tuple[str, ...] = ()  # make a sentence about applying (prefixes)
    # Make a date near a cue something else: a start, a review, a contract's end.
    not_deadline_cues: tuple[str, ...] = ()
    open_until_filled: tuple[str, ...] = ()  # a posting with no closing date
    posted_cues: tuple[str, ...] = ()

    # How to apply.
    apply_cues: tuple[str, ...] = ()  # words of a sentence about applying
    question_cues: tuple[str, ...] = ()  # words of a sentence about asking, not applying
    apply_link_texts: tuple[str, ...] = ()  # link texts that lead to the application
    apply_headings: tuple[str, ...] = ()  # headings of the "how to apply" section

    # Terms.
    employment_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    salary_labels: tuple[str, ...] = ()
