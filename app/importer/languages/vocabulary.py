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
    # Patterns of lower-case adjectives a role's name opens with ("wissenschaftliche").
    role_adjectives: tuple[str, ...] = ()
    # Lower-case words that follow a role noun as part of its name ("développeur web back").
    role_qualifiers: tuple[str, ...] = ()
    role_cues: tuple[str, ...] = ()  # words before the role a sentence offers ("looking for")
    role_labels: tuple[str, ...] = ()  # "Position:", "Posizione aperta:": a role's label
    sentence_words: tuple[str, ...] = ()  # make a heading a sentence about a role ("your")
    connectives: tuple[str, ...] = ()  # lower-case words inside a role's name ("of", "de")
    conjunctions: tuple[str, ...] = ()  # "and", "und": a verb after them shares a subject
    past_sections: tuple[str, ...] = ()  # heading words of roles no longer open ("Past ...")
    count_words: tuple[str, ...] = ()  # "two", "zwei": a bold count opens a paragraph per role
    # Words after a counted role in a list item that start what it says of the role ("3
    # Postdocs in X will be hired to ..."): the role's name ends before them.
    role_clause_words: tuple[str, ...] = ()
    advert_lists: tuple[str, ...] = ()  # front-matter keys that list adverts ("jobs")
    shared_sections: tuple[str, ...] = ()  # headings of parts every opening on a page shares
    generic_titles: tuple[str, ...] = ()  # page titles that are not a role ("Jobs", "Join us")
    # Nouns of posts in general ("positions", "Stellen"): a heading with one is over roles,
    # so links listed under it are openings whatever their text ("PhD positions: [Topic](url)").
    position_nouns: tuple[str, ...] = ()
    # "for" and "and"/"or": a sentence offering posts for several roles ("openings for
    # postdocs, programmers and students") names each role between them.
    offered_for: tuple[str, ...] = ()
    list_joiners: tuple[str, ...] = ()

    # Organisation.
    # A line of the advert that labels its employer: "Company: X", "| Arbeitgeber | X |".
    organisation_labels: tuple[str, ...] = ()
    # Between the role and the employer in a title: "Engineer at X", "Entwickler bei X".
    title_employer_prepositions: tuple[str, ...] = ()
    hiring_verbs: tuple[str, ...] = ()  # "X is hiring", "X sucht"
    hiring_adverbs: tuple[str, ...] = ()  # between the subject and its verb: "X hereby seeks"
    # A subject that offers a place: "X offers a position", "X propose une thèse".
    offer_verbs: tuple[str, ...] = ()
    about_words: tuple[str, ...] = ()  # a heading about the organisation: "About X", "Über X"
    # A heading over the organisation's own words about itself, whose first sentence opens
    # with its name ("Who we are": "Example Ltd builds ...").
    about_us_headings: tuple[str, ...] = ()
    # Kinds of organisation, for "X is a non-profit", "X est une start-up".
    organisation_nouns: tuple[str, ...] = ()
    # Words that make a capitalised phrase an institution's name ("University of X", "Institut
    # Y"), and the legal forms after a company's name ("GmbH", "Inc."): a name of either kind
    # is an organisation's wherever the text writes it.
    institution_nouns: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    copulas: tuple[str, ...] = ()  # "X is a ...": "is", "ist", "est"
    indefinite_articles: tuple[str, ...] = ()  # "X is a ...": "a", "ein", "une"
    # Words after a role that say it is sought, before the employer: "Developer wanted at X",
    # "Leerkracht gezocht X"; found as written, so in lower case.
    wanted_words: tuple[str, ...] = ()
    # Lower-case words inside a name, between its capitalised ones ("Bank of Examples"); found
    # as written, so in lower case.
    name_connectives: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # before a name and not part of it: "the", "die", "la"
    elided_articles: tuple[str, ...] = ()  # written against the name: "l'"
    # A heading that names the employer after a jobs word: "Jobs at X", "Karriere bei X".
    jobs_words: tuple[str, ...] = ()  # "jobs", "Stellenangebote", "vacatures"
    jobs_adjectives: tuple[str, ...] = ()  # before a jobs word: "open", "current"
    open_marks: tuple[str, ...] = ()  # a post's state marked after its title: "(ABIERTA)"
    jobs_conjunctions: tuple[str, ...] = ()  # between two jobs words: "and"
    employer_prepositions: tuple[str, ...] = ()  # between the jobs word and the name: "at"
    # A heading that names the employer before its jobs words: "X Open Positions".
    jobs_after_name: tuple[str, ...] = ()
    # An invitation that opens its sentence and names the employer: "Join X", "Rejoignez X".
    join_verbs: tuple[str, ...] = ()
    join_leads: tuple[str, ...] = ()  # before the verb in mid-sentence: "to" join X
    # Lower-case words that end the name an invitation gives, when a lower-case word follows
    # ("Join X for a", "Rejoignez X pour une"); found as written, so in lower case.
    invitation_clause_words: tuple[str, ...] = ()
    invitation_ends: tuple[str, ...] = ()  # end the name at once: "team", "today"
    # A sentence set at the employer: "At X, we", "Bei X arbeiten wir", "En X tenemos".
    at_us_prepositions: tuple[str, ...] = ()  # "at", "bei", "chez"
    we_words: tuple[str, ...] = ()  # "we", "wir", "nous": found as written, in lower case
    we_verb_endings: tuple[str, ...] = ()  # a verb of "we" without the pronoun: "-mos"
    team_words: tuple[str, ...] = ()  # a name's last word that is not part of it: "team"
    # A signature at the end of an advert: "The X Team", "Ihr X-Team", "L'équipe X", "Your
    # friends at X". Before the name (lower-case, as written after an opening capital), and
    # the team word after it.
    signature_leads: tuple[str, ...] = ()
    # Before the name of a team that signs ("The X Team", "Ihr X-Team"): only with a team word.
    signature_determiners: tuple[str, ...] = ()
    signature_teams: tuple[str, ...] = ()
    # Teams of a function that sign adverts and are no organisation: "The HR Team".
    staff_functions: tuple[str, ...] = ()
    project_words: tuple[str, ...] = ()  # a name's last word that makes it a project's
    # "We are X, a ...": the name after these, followed by its description.
    we_are: tuple[str, ...] = ()
    join_us: tuple[str, ...] = ()  # "Join us at X", "Rejoignez-nous chez X": after the verb
    # A recruiter's or a sentence's words before the employer: "our client, X", "on behalf
    # of X", "employed by X", "a position at X".
    employer_cues: tuple[str, ...] = ()
    # "The Department of X at Y University invites applications": the institution.
    invites_applications: tuple[str, ...] = ()
    joint_words: tuple[str, ...] = ()  # "together with": the partners after it are not it
    institution_prepositions: tuple[str, ...] = ()  # "at" Y University

    # Place and way of working.
    location_labels: tuple[str, ...] = ()  # "Location:", "Standort:"
    place_cues: tuple[str, ...] = ()  # "based in", "am Standort", "basé à"
    # Words that put something in a place ("in", "à", "em"): a city the text names after one
    # of them, and no other, is where the job is when nothing else says.
    locative_prepositions: tuple[str, ...] = ()
    # Words of a sentence about where people work ("team", "office", "uns", "présence"): the
    # city such a sentence puts anything in is the job's, not a product's ("written in Erlang").
    presence_words: tuple[str, ...] = ()
    # Phrases after which come the places candidates must live or be allowed to work in.
    residence_cues: tuple[str, ...] = ()  # "must reside in", "work authorization for"
    # The job named before its place ("the job in X", "positions are for X"): only a place the
    # gazetteer knows is taken after these, as "a position in Data Science" names no place.
    job_place_cues: tuple[str, ...] = ()
    # Phrases after which come the places a job is open to, in words adverts also use for
    # other things: where candidates live ("who live in", "que viven en"), may work from
    # ("anywhere in", "remote within") or would join the team ("join us in"). Only a place
    # the gazetteer knows is taken after these.
    open_to_cues: tuple[str, ...] = ()
    # World regions as adverts name them, which no gazetteer lists: plain names, not patterns.
    regions: tuple[str, ...] = ()  # "North America", "EMEA", "Europa"
    # An office or team named with its city ("our Berlin office", "unserem Berliner Büro",
    # "notre agence lyonnaise"): the possessives before it and the nouns for it.
    possessives: tuple[str, ...] = ()  # "our", "unserem", "notre"
    office_nouns: tuple[str, ...] = ()  # "office", "Büro", "agence", "équipe"
    # A suffix that makes a place an adjective of the team or employer ("a Berlin-based team").
    place_adjective_suffixes: tuple[str, ...] = ()
    # Endings that make a city's adjective of its name ("Berlin-er", "lyon-naise"), plain
    # letters, not patterns: "notre tribu lyonnaise" is in Lyon.
    city_adjective_endings: tuple[str, ...] = ()
    # Headings of parts about the organisation or its perks ("About us", "What we offer"),
    # whose places (the head office, a retreat) give way to any the rest of an opening names.
    aside_sections: tuple[str, ...] = ()
    # Headings and words of what a candidate may bring but need not ("Nice to have", "a
    # plus", "von Vorteil"): a place named there is no condition of the job.
    optional_cues: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()  # the job is wholly remote: "fully remote", "100% remoto"
    hybrid: tuple[str, ...] = ()  # said to be hybrid: "hybrid", "up to 80% remote"
    # Working from home as an option or perk ("Homeoffice", "télétravail"): hybrid, unless
    # the advert also says the job is wholly remote.
    home_working: tuple[str, ...] = ()
    onsite: tuple[str, ...] = ()  # "on-site position", "presencial"
    # Ways of working a place line names beside its places ("Berlin (Hybrid)", "Remote or
    # Lyon", "Madrid - presencial"), which are no part of the place.
    working_modes: tuple[str, ...] = ()
    # Labels of a postal address ("Address:", "Anschrift"), whose city is the job's place
    # when nothing else names one.
    address_labels: tuple[str, ...] = ()

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
    # A host's first label or a mailbox's name that names recruiting ("jobs.", "recrutement.",
    # "jobs@"): a link there, or an address there, is for applying even when the words
    # around it do not say so.
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
