"""German."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "januar": 1,
        "jänner": 1,
        "februar": 2,
        "märz": 3,
        "maerz": 3,
        "april": 4,
        "mai": 5,
        "juni": 6,
        "juli": 7,
        "august": 8,
        "september": 9,
        "oktober": 10,
        "november": 11,
        "dezember": 12,
    },
    # Segmenting and titles.
    role_nouns=(
        r"entwickler\w*",
        r"informatiker\w*",
        r"mitarbeiter\w*",
        r"referent\w*",
        r"spezialist\w*",
        r"koordinator\w*",
        r"projektkoordinator\w*",
        r"leiter\w*",
        r"ingenieur\w*",
        r"wissenschaftler\w*",
        r"doktorand\w*",
        "stelle",
    ),
    shared_sections=("ihre aufgaben", "ihr profil", "wir bieten", "bewerbung", "kontakt", "profil"),
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
