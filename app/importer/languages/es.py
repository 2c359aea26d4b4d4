"""Spanish."""

from app.importer.languages.vocabulary import Vocabulary

WORDS = Vocabulary(
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
    deadline_cues=(),
    posted_cues=(),
    # How to apply and terms.
    apply_cues=(
        r"env[ií]a\w*",
        r"env[ií]e\w*",
        "enviar",
        r"postula\w*",
        "solicitar",
        "solicitud",
        "candidatura",
        "aplicar",
        "currículum",
        "hoja de vida",
    ),
    question_cues=("preguntas", "dudas", "más información", "consultas"),
    send_cues=(r"env[ií]a\w*", r"env[ií]e\w*", "enviar"),
    apply_link_texts=("solicitar", r"postula\w*", "aplica", "aplicar", "oferta", "inscríbete"),
    apply_headings=("postulación", "postular", "cómo aplicar", "candidatura", "solicitud"),
    employment_types={
        "internship": (
            r"(?:en|beca de|contrato de) prácticas",
            r"prácticas (?:profesionales|remuneradas)",
            "pasantía",
        ),
        "contract": (r"como freelance", "por proyecto"),
        "part-time": ("tiempo parcial", "media jornada", "jornada parcial", "medio tiempo"),
        "temporary": ("contrato temporal", "contrato por obra", "duración determinada"),
        "full-time": ("tiempo completo", "jornada completa"),
    },
    option_cues=(r"(?<!antes )posible", "por ejemplo"),
    fixed_periods=(r"(?:durante|por) (?:\d+|un|dos|tres|seis) (?:meses|años?)",),
    trial_periods=(
        "periodo de prueba",
        "período de prueba",
    ),
    permanent_terms=("contrato indefinido", "indefinido"),
    weekly_hours=(r"(?:horas|h)\s?(?:semanales|a la semana|por semana|/\s?semana)",),
    salary_labels=(
        "salario",
        "sueldo",
        "retribución",
        "remuneración",
        "rango salarial",
        "banda salarial",
    ),
    pay_periods=(
        r"brutos?",
        r"anuales?",
        r"al\s(?:año|mes)",
        r"por\s(?:año|mes|hora)",
        r"/\s?(?:año|mes|hora)\b",
    ),
    pay_range_words=("y", "a"),
    pay_leads=(
        "hasta",
        "desde",
        "entre",
    ),
    pay_traps=(
        "presupuesto",
        "subvención",
        "financiación",
        "bono",
        "millones",
        "ayuda",
        "formación",
        "descuento",
        "seguro",
    ),
    pay_scales=("grupo profesional",),
    pay_grades=("grado", "nivel"),
)
