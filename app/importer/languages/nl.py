"""Dutch."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(
        r"ontwikkelaar\w*",
        r"\w*leerkracht\w*",
        r"docent\w*",
        r"onderzoeker\w*",
        r"medewerker\w*",
        r"stagiair\w*",
        r"adviseur\w*",
        r"beheerder\w*",
        r"programmeur\w*",
        r"projectleider\w*",
        "promovendus",
        "promovenda",
    ),
    role_modifiers=(),
    role_cues=(r"zoek(?:t|en)", "op zoek naar"),
    count_words=("een", "twee", "drie", "vier"),
    advert_lists=("vacatures",),
    shared_sections=("over ons", "wat wij bieden", "wij bieden", "solliciteren", "sollicitatie"),
    sentence_words=(
        "wat",
        "wie",
        "waarom",
        "hoe",
        "jij",
        "je",
        "jouw",
        "wij",
        "ons",
        "onze",
        "als",
    ),
    connectives=("van", "voor", "en", "in"),
    past_sections=("eerdere", "vervulde"),
    generic_titles=("vacatures?", "werken bij .+", "werk bij ons", "kom werken bij .+"),
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
