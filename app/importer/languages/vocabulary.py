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
    # Nouns of posts in general ("positions", "Stellen"): a heading with one is over roles,
    # so links listed under it are openings whatever their text ("PhD positions: [Topic](url)").
    position_nouns: tuple[str, ...] = ()

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
    # The job named before its place ("the job in X", "positions are for X"): only a place the
    # gazetteer knows is taken after these, as "a position in Data Science" names no place.
    job_place_cues: tuple[str, ...] = ()
    # World regions as adverts name them, which no gazetteer lists: plain names, not patterns.
    regions: tuple[str, ...] = ()  # "North America", "EMEA", "Europa"
    remote: tuple[str, ...] = ()  # the job is wholly remote: "fully remote", "100% remoto"
    hybrid: tuple[str, ...] = ()  # said to be hybrid: "hybrid", "up to 80% remote"
    # Working from home as an option or perk ("Homeoffice", "télétravail"): hybrid, unless
    # the advert also says the job is wholly remote.
    home_working: tuple[str, ...] = ()
    onsite: tuple[str, ...] = ()  # "on-site position", "presencial"

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
    send_cues: tuple[str, ...] = ()  # "send", "schicke": applying even in a sentence on asking
    apply_link_texts: tuple[str, ...] = ()  # link texts that lead to the application
    apply_headings: tuple[str, ...] = ()  # headings of the "how to apply" section
    # A host's first label that names a recruiting site ("jobs.", "recrutement."): a link
    # there leads to the application even when its words do not say so.
    recruiting_hosts: tuple[str, ...] = ()

    # Terms.
    # Statements of the kind of work, by kind: "full-time", "part-time", "contract",
    # "internship", "temporary" (a fixed term). These, the fixed periods, the permanent terms
    # and the pay scales are found in lower-cased text, so they are written in lower case.
    employment_types: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words that make a kind an option rather than the job's terms ("part-time possible").
    option_cues: tuple[str, ...] = ()
    # A limited period without the words of a fixed term ("for 2 years"): temporary, unless
    # the advert states a kind.
    fixed_periods: tuple[str, ...] = ()
    trial_periods: tuple[str, ...] = ()  # "probation": a period that does not end the job
    # A permanent contract ("CDI", "unbefristet"): full-time, unless the advert states a kind.
    permanent_terms: tuple[str, ...] = ()
    # The unit of weekly hours after a number ("hours per week", "Wochenstunden").
    weekly_hours: tuple[str, ...] = ()
    salary_labels: tuple[str, ...] = ()  # "Salary:" lines, and words of a sentence about pay
    pay_periods: tuple[str, ...] = ()  # what follows an amount: "per year", "brutto"
    pay_range_words: tuple[str, ...] = ()  # between two amounts: "to", "bis", "et"
    pay_leads: tuple[str, ...] = ()  # before an amount, kept with it: "up to", "from", "entre"
    # Words of an amount that is not pay: a budget, a grant, an allowance, a fee.
    pay_traps: tuple[str, ...] = ()
    pay_scales: tuple[str, ...] = ()  # a pay scale's group before its number: "Entgeltgruppe"
    pay_grades: tuple[str, ...] = ()  # a grade before its number, in a sentence about pay
