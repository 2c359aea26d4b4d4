"""Dutch."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(),
    shared_sections=(),
    generic_titles=(),
    # Organisation, place and way of working.
    hiring_verbs=(
        "zoekt",
        "is op zoek naar",
        "zijn op zoek naar",
        "werft",
    ),
    about_words=("over",),
    organisation_nouns=(
        "bedrijf",
        "organisatie",
        "stichting",
        "vereniging",
        "school",
        "instituut",
        "start-?up",
        "coöperatie",
    ),
    location_labels=(
        "locatie",
        "standplaats",
        "werklocatie",
        "werkplek",
    ),
    place_cues=(
        "gevestigd in",
        "gevestigd te",
        "standplaats",
        "op ons kantoor in",
        "kantoor in",
    ),
    residence_cues=(
        "woonachtig in",
        "wonen in",
    ),
    regions=(
        "Europa",
        "Noord-Amerika",
        "Zuid-Amerika",
        "Latijns-Amerika",
        "Europese Unie",
    ),
    remote=(
        "volledig remote",
        "100 ?% remote",
        "volledig op afstand",
        "volledig thuis",
    ),
    hybrid=(
        "hybride",
        "deels thuis",
        "gedeeltelijk thuis",
    ),
    home_working=(
        "thuiswerken",
        "thuis werken",
        r"thuiswerkmogelijkhe\w+",
    ),
    onsite=("op locatie",),
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
