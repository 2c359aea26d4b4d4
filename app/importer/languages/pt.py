"""Portuguese."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(),
    shared_sections=(),
    generic_titles=(),
    # Organisation, place and way of working.
    hiring_verbs=(
        r"procura(?= (?:um|uma|uns|umas|dois|duas|pessoas)\b)",
        r"busca(?= (?:um|uma|uns|umas|dois|duas|pessoas)\b)",
        "está contratando",
        "contrata",
        "seleciona",
        "está procurando",
        "está à procura de",
    ),
    about_words=("sobre",),
    organisation_nouns=(
        "empresa",
        "organização",
        "fundação",
        "associação",
        "instituto",
        "laboratório",
        "cooperativa",
        "startup",
    ),
    location_labels=(
        "local",
        "localização",
        "local de trabalho",
        "cidade",
    ),
    place_cues=(
        "sediado em",
        "sediada em",
        "localizado em",
        "localizada em",
        "escritório em",
        "com sede em",
    ),
    residence_cues=(
        "residir em",
        "residente em",
        "residentes em",
    ),
    regions=(
        "Europa",
        "América Latina",
        "América do Norte",
        "América do Sul",
        "União Europeia",
    ),
    remote=(
        "100 ?% remoto",
        "100 ?% de forma remota",
        "totalmente remoto",
        "trabalho remoto",
        "100 ?% home office",
    ),
    hybrid=(
        "híbrido",
        "modelo híbrido",
    ),
    home_working=("teletrabalho",),
    onsite=(
        "100 ?% presencial",
        "trabalho presencial",
    ),
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
