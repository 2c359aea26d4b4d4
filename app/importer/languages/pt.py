"""Portuguese."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(
        r"desenvolvedor\w*",
        r"engenheir[oa]s?",
        r"programador\w*",
        r"pesquisador\w*",
        r"coordenador\w*",
        r"consultor\w*",
        r"arquitet[oa]s?",
        r"estagi[áa]ri[oa]s?",
        "analista",
        "especialista",
        "gerente",
        "bolsista",
    ),
    role_modifiers=(),
    role_cues=(r"procura(?:mos|ndo)?", "contratando", r"busca(?:mos)?"),
    count_words=("uma?", "duas", "dois", "três"),
    advert_lists=("vagas",),
    shared_sections=(
        "sobre nós",
        "benefícios",
        "como se candidatar",
        "requisitos",
        "oferecemos",
        "contato",
    ),
    sentence_words=("quem", "como", "você", "seu", "sua", "nós", "nosso", "nossa"),
    connectives=("de", "da", "do", "em", "e"),
    past_sections=("anteriores", "encerradas"),
    generic_titles=("vagas?", "trabalhe conosco", "carreiras?"),
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
