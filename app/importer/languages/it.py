"""Italian."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(
        r"sviluppat(?:ore|rice|ori)\w*",
        r"programmat(?:ore|rice|ori)\w*",
        r"ricercat(?:ore|rice|ori)\w*",
        r"coordinat(?:ore|rice)\w*",
        r"dottorand[oia]",
        r"ingegner[ei]",
        r"tirocin\w+",
        "progettista",
        "stagista",
        "assegnista",
        "analista",
        "responsabile",
        "consulente",
        "esperto",
        "esperta",
        "designer",
    ),
    role_modifiers=(),
    role_cues=(r"cerc(?:a|hiamo|ando)",),
    count_words=("una?", "due", "tre", "quattro"),
    advert_lists=("posizioni", "offerte"),
    shared_sections=(
        "chi siamo",
        "come candidarsi",
        "candidatura",
        "cosa offriamo",
        "offriamo",
        "requisiti",
        "contatti",
    ),
    sentence_words=("cosa", "chi", "come", "perché", "tu", "tuo", "noi", "nostro", "nostra"),
    connectives=("di", "del", "della", "in", "e"),
    past_sections=("passate", "chiuse", "precedenti"),
    generic_titles=(
        "lavora con noi",
        "posizion[ei] apert[ae]",
        "offert[ae] di lavoro",
        "carriere",
    ),
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
