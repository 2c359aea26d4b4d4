"""Dutch."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "januari": 1,
        "februari": 2,
        "maart": 3,
        "april": 4,
        "mei": 5,
        "juni": 6,
        "juli": 7,
        "augustus": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "december": 12,
        # Abbreviations that are no word of another language.
        "mrt": 3,
    },
    # Segmenting and titles.
    role_nouns=(),
    shared_sections=(),
    generic_titles=(),
    # Organisation, place and way of working.
    hiring_verbs=(),
    location_labels=(),
    place_cues=(),
    remote=(),
    hybrid=(),
    onsite=(),
    # Dates.
    weekdays={
        "maandag": 0,
        "dinsdag": 1,
        "woensdag": 2,
        "donderdag": 3,
        "vrijdag": 4,
        "zaterdag": 5,
        "zondag": 6,
    },
    month_end_cues=(
        "eind",
        "einde",
        "eind van",
    ),
    deadline_cues=(
        "sluitingsdatum",
        "reageren kan tot",
        "solliciteren kan tot",
    ),
    deadline_bare_cues=(
        "uiterlijk",
        "vóór",
        "voor",
        "tot en met",
        "tot",
    ),
    application_words=(
        "sollicit",
        "reageer",
        "reactie",
        "brief",
        "cv",
        "stuur",
    ),
    not_deadline_cues=(
        "ingangsdatum",
        "indiensttreding",
        "aanvang",
        "start",
        "begin",
    ),
    open_until_filled=("tot de vacature is vervuld",),
    posted_cues=(
        "gepubliceerd",
        "geplaatst",
        "geplaatst op",
    ),
    # How to apply and terms.
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
