"""French."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "janvier": 1,
        "février": 2,
        "fevrier": 2,
        "mars": 3,
        "avril": 4,
        "mai": 5,
        "juin": 6,
        "juillet": 7,
        "août": 8,
        "aout": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "décembre": 12,
        "decembre": 12,
    },
    # Segmenting and titles.
    role_nouns=(
        r"ingénieur\w*",
        r"chercheur\w*",
        "chercheuse",
        "stage",
        "stagiaire",
        "ater",
        "mcf",
        "maître de conférences",
        r"doctorant\w*",
        r"technicien\w*",
    ),
    shared_sections=(r"missions?", "contexte", "candidature", "profil"),
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
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
