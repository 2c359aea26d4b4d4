"""Italian."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(),
    shared_sections=(),
    generic_titles=(),
    # Organisation, place and way of working.
    hiring_verbs=(
        r"cerca(?= (?:un|una|uno|dei|delle|degli|due|tre)\b)",
        "sta cercando",
        "seleziona",
        "assume",
        "sta assumendo",
        "è alla ricerca di",
        "è alla ricerca",
        "sono alla ricerca di",
    ),
    about_words=("chi è",),
    organisation_nouns=(
        "azienda",
        "società",
        "organizzazione",
        "fondazione",
        "associazione",
        "istituto",
        "laboratorio",
        "cooperativa",
        "startup",
    ),
    location_labels=(
        "sede",
        "sede di lavoro",
        "luogo di lavoro",
        "località",
    ),
    place_cues=(
        "con sede a",
        "con sede in",
        "sede di lavoro",
        "presso la sede di",
        "situato a",
        "situata a",
        "basato a",
        "basata a",
    ),
    residence_cues=(
        "residente in",
        "residenti in",
        "risiedere in",
    ),
    regions=(
        "Europa",
        "Nord America",
        "America Latina",
        "Unione Europea",
        "Sud America",
        "Asia",
        "Africa",
    ),
    remote=(
        "full remote",
        "completamente da remoto",
        "totalmente da remoto",
        "100 ?% (?:da|in) remoto",
        "lavoro da remoto",
    ),
    hybrid=(
        "ibrido",
        "ibrida",
        "lavoro agile",
        "smart working",
    ),
    home_working=(
        "telelavoro",
        "da remoto",
    ),
    onsite=("in presenza",),
    # Dates.
    deadline_cues=(),
    posted_cues=(),
    # How to apply and terms.
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
