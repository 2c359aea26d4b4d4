"""Italian."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
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
    deadline_cues=(),
    posted_cues=(),
    # How to apply and terms.
    apply_cues=(
        r"invia\w*",
        "inviare",
        "invii",
        "candidatura",
        "candidarsi",
        "candidati",
        "curriculum",
    ),
    question_cues=("domande", "informazioni", "chiarimenti"),
    send_cues=(r"invia\w*", "inviare", "invii"),
    apply_link_texts=("candidati", "candidatura", "candidarsi", "annuncio", "bando"),
    apply_headings=("candidatura", "candidarsi", "come candidarsi"),
    employment_types={
        "internship": ("tirocinio", "tirocinante"),
        "contract": ("contratto di collaborazione", "partita iva"),
        "part-time": ("tempo parziale",),
        "temporary": (
            r"tempo (?:pieno )?(?:e |/ ?)?determinato",
            "contratto a termine",
        ),
        "full-time": (r"tempo pieno(?! ?(?:e |/ ?)?determinato)",),
    },
    option_cues=(r"(?<!prima )possibile", "possibilità", "ad esempio"),
    fixed_periods=(r"per (?:\d+|uno|due|tre) (?:mesi|anni)", r"durata di \d+ (?:mesi|anni)"),
    trial_periods=("periodo di prova",),
    permanent_terms=("tempo indeterminato",),
    weekly_hours=(r"ore\s?(?:settimanali|a settimana|alla settimana|/\s?settimana)",),
    salary_labels=("stipendio", "retribuzione", "ral", "compenso"),
    pay_periods=(
        "lordi",
        "lorda",
        "annui",
        "annua",
        r"(?:all'|l')anno",
        "al mese",
        r"/\s?(?:anno|mese|ora)\b",
    ),
    pay_range_words=("e", "ed", "ed i", "a"),
    pay_leads=(
        "fino a",
        "tra i",
        "tra",
        "da",
    ),
    pay_traps=(
        "budget",
        "finanziamento",
        "buoni pasto",
        "milioni",
        "contributo",
        "welfare",
        "formazione",
    ),
    pay_scales=(),
    pay_grades=("livello",),
)
