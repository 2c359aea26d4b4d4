"""Italian."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "gennaio": 1,
        "febbraio": 2,
        "marzo": 3,
        "aprile": 4,
        "maggio": 5,
        "giugno": 6,
        "luglio": 7,
        "agosto": 8,
        "settembre": 9,
        "ottobre": 10,
        "novembre": 11,
        "dicembre": 12,
        # Abbreviations that are no word of another language.
        "giu": 6,
        "lug": 7,
        "ott": 10,
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
        "lunedì": 0,
        "lunedi": 0,
        "martedì": 1,
        "martedi": 1,
        "mercoledì": 2,
        "mercoledi": 2,
        "giovedì": 3,
        "giovedi": 3,
        "venerdì": 4,
        "venerdi": 4,
        "sabato": 5,
        "domenica": 6,
    },
    month_end_cues=(
        "fine",
        "fine di",
    ),
    deadline_cues=(
        "scadenza",
        "termine (?:ultimo|per la presentazione)",
        "data di scadenza",
        "entro e non oltre il",
        "entro e non oltre",
    ),
    deadline_bare_cues=(
        "entro il",
        "entro",
        "non oltre il",
    ),
    application_words=(
        "candidatur",
        "domand",
        "invia",
        "cv",
        "curriculum",
    ),
    not_deadline_cues=(
        "inizio",
        "durata",
        "contratto",
        "decorrenza",
    ),
    open_until_filled=("fino a copertura",),
    posted_cues=(
        "pubblicato",
        "pubblicata",
        "pubblicato il",
    ),
    # How to apply and terms.
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
