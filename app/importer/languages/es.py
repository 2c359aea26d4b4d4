"""Spanish."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(),
    shared_sections=(),
    generic_titles=(),
    # Organisation, place and way of working.
    hiring_verbs=(
        r"busca(?= (?:un|una|unos|unas|dos|tres|a|personas)\b)",
        "está buscando",
        "selecciona",
        "contrata",
        "incorpora",
        "está contratando",
        "está en búsqueda de",
    ),
    about_words=(
        "acerca de",
        "sobre",
    ),
    organisation_nouns=(
        "empresa",
        "organización",
        "fundación",
        "asociación",
        "instituto",
        "laboratorio",
        "cooperativa",
        "consultora",
        "startup",
    ),
    location_labels=(
        "ubicación",
        "localización",
        "lugar de trabajo",
        "sede",
        "ciudad",
    ),
    place_cues=(
        "con sede en",
        "ubicado en",
        "ubicada en",
        "ubicados en",
        "ubicadas en",
        "oficinas en",
        "oficina en",
        "radicado en",
        "radicada en",
    ),
    residence_cues=(
        "residir en",
        "residente en",
        "residentes en",
        "desde cualquier país de",
        "desde cualquier lugar de",
    ),
    regions=(
        "Europa",
        "Latinoamérica",
        "América Latina",
        "Norteamérica",
        "América del Norte",
        "Sudamérica",
        "América del Sur",
        "Unión Europea",
        "LATAM",
    ),
    remote=(
        "100 ?% remoto",
        "100 ?% de forma remota",
        "totalmente remoto",
        "trabajo remoto",
        "100 ?% (?:en )?teletrabajo",
        "teletrabajo 100 ?%",
    ),
    hybrid=(
        "híbrido",
        "hibrido",
        "híbrida",
        r"\d días?\W*(?:🏠|en casa|en remoto|de teletrabajo)",
    ),
    home_working=("teletrabajo",),
    onsite=(
        "100 ?% presencial",
        "trabajo presencial",
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
