"""Portuguese."""

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
        "envie",
        "enviar",
        "candidatura",
        "candidate-se",
        "candidatar",
        "currículo",
    ),
    question_cues=("dúvidas", "perguntas", "mais informações"),
    send_cues=("envie", "enviar"),
    apply_link_texts=("candidate-se", "candidatar", "candidatura", "vaga"),
    apply_headings=("candidatura", "como se candidatar", "candidatar"),
    employment_types={
        "internship": ("estágio", r"estagiári[oa]"),
        "contract": (r"(?:contratação|contrato|regime) pj",),
        "part-time": ("meio período", "tempo parcial", "meio expediente"),
        "temporary": ("contrato temporário", "prazo determinado", "tempo determinado"),
        "full-time": ("tempo integral", "período integral"),
    },
    option_cues=("possível", "por exemplo"),
    fixed_periods=(r"(?:durante|por) (?:\d+|um|dois|três|seis) (?:meses|anos?)",),
    trial_periods=("período de experiência",),
    permanent_terms=("prazo indeterminado", "tempo indeterminado"),
    weekly_hours=(r"(?:horas|h)\s?(?:semanais|por semana)",),
    salary_labels=("salário", "remuneração", "faixa salarial"),
    pay_periods=(
        r"brutos?",
        "mensais",
        r"por\s(?:mês|ano|hora)",
        r"/\s?(?:mês|ano|hora)\b",
    ),
    pay_range_words=("a", "até"),
    pay_leads=(
        "até",
        "a partir de",
        "entre",
    ),
    pay_traps=(
        "orçamento",
        "auxílio",
        "vale",
        "cartão",
        "milhões",
        "benefício",
        "desconto",
        "plano de saúde",
    ),
    pay_scales=(),
    pay_grades=("nível", "grau"),
)
