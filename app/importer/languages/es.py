"""Spanish."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    # Segmenting and titles.
    role_nouns=(
        r"desarrollador\w*",
        r"diseñador\w*",
        r"programador\w*",
        r"ingenier[oa]s?",
        r"investigador\w*",
        r"coordinador\w*",
        r"administrador\w*",
        r"consultor\w*",
        r"arquitect[oa]s?",
        r"t[ée]cnic[oa]s?",
        r"becari[oa]s?",
        r"doctorand[oa]s?",
        "analista",
        "especialista",
        "pasante",
        "gerente",
    ),
    role_modifiers=(),
    role_cues=(r"busca(?:mos|ndo)?", r"(?:est(?:á|a|amos) )?buscando", "contratando"),
    count_words=("una?", "dos", "tres", "cuatro"),
    advert_lists=("puestos", "vacantes", "ofertas"),
    shared_sections=(
        r"¿?por qu[ée]",
        r"¿?c[óo]mo (?:aplicar|postular|puedo presentarme|presentarse)",
        "sobre nosotros",
        "quiénes somos",
        "beneficios",
        "ofrecemos",
        "requisitos",
        "responsabilidades",
        "contacto",
    ),
    sentence_words=("qué", "quién", "cómo", "tu", "tus", "nosotros", "nuestro", "nuestra", "como"),
    connectives=("de", "del", "en", "y"),
    past_sections=("anteriores", "pasad[oa]s", "cerrad[oa]s"),
    generic_titles=(
        "empleos?",
        "trabaja con nosotros",
        "únete(?: a nosotros| al equipo)?",
        "ofertas? de (?:empleo|trabajo)",
        "vacantes?",
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
