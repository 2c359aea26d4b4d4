"""Portuguese."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "janeiro": 1,
        "fevereiro": 2,
        "março": 3,
        "marco": 3,
        "abril": 4,
        "maio": 5,
        "junho": 6,
        "julho": 7,
        "agosto": 8,
        "setembro": 9,
        "outubro": 10,
        "novembro": 11,
        "dezembro": 12,
        # Abbreviations that are no word of another language.
        "fev": 2,
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
        "segunda-feira": 0,
        "terça-feira": 1,
        "terca-feira": 1,
        "quarta-feira": 2,
        "quinta-feira": 3,
        "sexta-feira": 4,
        "sábado": 5,
        "domingo": 6,
    },
    month_end_cues=(
        "final de",
        "fim de",
    ),
    deadline_cues=(
        "prazo(?: de (?:inscrição|inscrições|candidatura|envio))?",
        "data limite",
        "inscrições até",
        "candidaturas até",
    ),
    deadline_bare_cues=(
        "até o dia",
        "até ao dia",
        "até",
        "antes de",
    ),
    application_words=(
        "candidat",
        "inscri",
        "envi",
        "currículo",
        "curriculo",
        "cv",
    ),
    not_deadline_cues=(
        "início",
        "inicio",
        "duração",
        "contrato",
    ),
    open_until_filled=("até o preenchimento da vaga",),
    posted_cues=(
        "publicado em",
        "publicada em",
        "publicado",
        "publicada",
    ),
    # How to apply and terms.
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
