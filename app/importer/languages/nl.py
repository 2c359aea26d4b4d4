"""Dutch."""

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
        "stuur",
        "solliciteer",
        r"sollicitatie\w*",
        "solliciteren",
        "motivatie",
        "motivatiebrief",
    ),
    question_cues=("vragen", "meer informatie"),
    send_cues=("stuur",),
    apply_link_texts=("solliciteer", "solliciteren", "vacature", "bekijk vacature"),
    apply_headings=("solliciteren", "sollicitatie", "solliciteer"),
    employment_types={
        "internship": (r"stage(?:plaats|plek)", r"stagiair\w*", "afstudeerstage"),
        "contract": ("freelance opdracht", r"zzp\w*", "als freelancer"),
        "part-time": (r"deeltijd\w*", "parttime"),
        "temporary": (r"tijdelijke? (?:contract|aanstelling|functie|baan)", "bepaalde tijd"),
        "full-time": (r"voltijd\w*", "fulltime"),
    },
    option_cues=("mogelijk", "bijvoorbeeld"),
    fixed_periods=(r"voor (?:\d+|een|twee|drie) (?:maanden|jaar)",),
    trial_periods=("proeftijd",),
    permanent_terms=("vast contract", "vaste aanstelling", "onbepaalde tijd"),
    weekly_hours=(r"uur\s?(?:per|in de|/)\s?week",),
    salary_labels=("salaris", "salarisindicatie", "loon"),
    pay_periods=("bruto", r"per\s(?:maand|jaar|uur)", r"/\s?(?:maand|jaar|uur)\b"),
    pay_range_words=("tot",),
    pay_leads=(
        "tot",
        "vanaf",
        "tussen",
    ),
    pay_traps=("budget", "subsidie", r"reiskosten\w*", r"miljoen\w*", "opleiding", "korting"),
    pay_scales=("salarisschaal", "schaal"),
    pay_grades=("trede",),
)
