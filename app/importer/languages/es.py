"""Spanish."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
    months={
        "enero": 1,
        "febrero": 2,
        "marzo": 3,
        "abril": 4,
        "mayo": 5,
        "junio": 6,
        "julio": 7,
        "agosto": 8,
        "septiembre": 9,
        "setiembre": 9,
        "octubre": 10,
        "noviembre": 11,
        "diciembre": 12,
        # Abbreviations that are no word of another language.
        "ene": 1,
        "abr": 4,
        "dic": 12,
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
        "lunes": 0,
        "martes": 1,
        "miércoles": 2,
        "miercoles": 2,
        "jueves": 3,
        "viernes": 4,
        "sábado": 5,
        "sabado": 5,
        "domingo": 6,
    },
    month_end_cues=(
        "finales de",
        "fines de",
        "fin de",
        "final de",
    ),
    deadline_cues=(
        "fecha límite",
        "fecha limite",
        "plazo(?: de (?:presentación|inscripción|solicitud|postulación))?",
        "cierre de (?:la )?convocatoria",
        "fecha de cierre",
    ),
    deadline_bare_cues=(
        "hasta el",
        "antes del",
        "antes de",
        "a más tardar el",
    ),
    application_words=(
        "solicitud",
        "candidat",
        "postula",
        "envía",
        "envia",
        "cv",
        "currículum",
        "curriculum",
        "inscrip",
        "aplica",
    ),
    not_deadline_cues=(
        "inicio",
        "incorporación",
        "comienzo",
        "duración",
        "contrato",
    ),
    open_until_filled=("hasta cubrir el puesto",),
    posted_cues=(
        "publicado",
        "publicada",
        "publicado el",
    ),
    # How to apply and terms.
    apply_cues=(),
    question_cues=(),
    apply_link_texts=(),
    apply_headings=(),
    employment_types={},
    salary_labels=(),
)
