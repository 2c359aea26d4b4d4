"""Where the job is and the way of working, on small adverts written for each layout."""

import pytest

from app.importer.extract import extract
from app.importer.fields import place
from app.importer.languages import phrases_of
from app.importer.phrases import Phrases, literal_word
from app.importer.places import is_place, places_in
from app.importer.read import read_page
from app.importer.segment import split_openings
from tests.importer.adverts import one


def test_the_gazetteer_finds_cities_in_their_own_language_in_a_sentence() -> None:
    found = places_in("Offices in Köln and Brno, labs in Palaiseau.")
    assert [place.name for place in found] == ["Köln", "Brno", "Palaiseau"]


def test_a_city_the_text_also_writes_as_a_lower_case_word_is_not_a_place() -> None:
    assert places_in("Lens: a lens grinding job.") == []


def test_a_state_code_is_a_place_only_in_capitals() -> None:
    assert [place.name for place in places_in("Iowa City, IA")] == ["Iowa City", "IA"]
    assert places_in("Il Team") == []


def test_a_list_of_places_is_a_place_and_an_institution_is_not() -> None:
    assert is_place("Europe or North America")
    assert not is_place("University of Oxford, UK")


def test_a_front_matter_location_mapping_gives_its_places() -> None:
    opening = one(
        '---\ntitle: Engineer\nlocation:\n  name: "Some Lab, Brno, Czechia"\n---\nText.\n'
    )
    assert opening.location == "Brno, Czechia"
    assert opening.sources["location"] == "front matter: location.name"


def test_a_job_board_place_badge_gives_the_location_without_remote() -> None:
    opening = one("# [Engineer](https://board.example/1)\n### Acme\n#### `🌎 Remote,Bari, Italy`\n")
    assert opening.location == "Bari, Italy"
    assert opening.remote == "remote"


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Location: Springfield, IL", "Springfield, IL"),
        ("**Standort:** Köln", "Köln"),
        ("Lieu : Nantes", "Nantes"),
        ("Ubicación: Madrid, España", "Madrid, España"),
        ("Sede: Bari", "Bari"),
        ("Locatie: Amstelveen", "Amstelveen"),
        ("Local: São Paulo", "São Paulo"),
    ],
)
def test_a_location_label_gives_the_location(line: str, place: str) -> None:
    assert one(f"# Engineer\n\nSome words.\n\n{line}\n").location == place


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The position is based in Vienna, Austria.", "Vienna, Austria"),
        ("The role is located at the Riverside Campus, with parking.", "Riverside Campus"),
        ("Le poste est basé à Lyon.", "Lyon"),
        ("Posizione con sede a Torino.", "Torino"),
        ("Het bedrijf is gevestigd in Utrecht.", "Utrecht"),
        ("Escritório sediado em Lisboa.", "Lisboa"),
        ("Ein Team am Standort Erkrath.", "Erkrath"),
    ],
)
def test_a_place_cue_gives_the_place_that_follows(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_where_the_organisation_is_based_is_not_the_jobs_place() -> None:
    assert one("# Engineer\n\nThe company is based in Boston.\n").location is None


def test_based_at_an_organisation_is_not_a_place() -> None:
    assert one("# Engineer\n\nA lead role based at Examplecorp.\n").location is None


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        (
            "Only individuals with work authorization in Canada, Mexico, or the United States.",
            "Canada, Mexico, or the United States",
        ),
        ("Candidates must reside in the European Union.", "European Union"),
        ("Applicants from all geographic regions are welcome.", "all geographic regions"),
        ("You should be based in an EMEA timezone.", "EMEA time zone"),
        (
            "You work in a timezone close to ours: Americas time zone preferred.",
            "Americas time zone",
        ),
    ],
)
def test_where_candidates_must_live_is_the_location(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_a_line_under_the_title_that_is_only_a_place_gives_the_location() -> None:
    opening = one("# Engineer\n*Remote or Springfield, IL*\n\nWe build tools.\n")
    assert opening.location == "Springfield, IL"
    assert opening.remote == "remote"


def test_a_place_that_ends_the_title_after_at_gives_the_location() -> None:
    assert one("---\ntitle: Postdoc position at Examplelab Toulouse\n---\nText.\n").location == (
        "Toulouse"
    )


def test_a_role_that_is_also_a_town_in_the_title_is_not_a_place() -> None:
    assert one("---\ntitle: Communications Officer\n---\nText.\n").location is None


@pytest.mark.parametrize(
    ("sentence", "remote"),
    [
        ("Trabajo 100% de forma remota.", "remote"),
        ("Possibilità di lavoro da remoto.", "remote"),
        ("Trabalho remoto para todo o Brasil.", "remote"),
        ("Up to 80% remote.", "hybrid"),
        ("Modelo híbrido (3 días🏠/ 2 días🏢).", "hybrid"),
        ("Regelmäßig Homeoffice möglich.", "hybrid"),
        ("Quelques jours de télétravail par mois.", "hybrid"),
        ("Thuiswerken is bespreekbaar.", "hybrid"),
        ("This is an on-site position.", "onsite"),
        ("Data Engineer (Fully-Remote).", "remote"),
        ("We work in a distributed way, so you can be based anywhere.", "remote"),
        ("Benefits include working for a distributed company.", None),
        ("Télétravail possible. Pas de full remote, l'équipe se voit.", "hybrid"),
        ("No full remote: two days a week in the office, home office otherwise.", "hybrid"),
        ("Leider kein Homeoffice.", "onsite"),
        ("Geen thuiswerken, wel een fijn kantoor.", None),
        ("Remote-friendly (LatAm)", "remote"),
        ("Remote · Europe / CET time zone", "remote"),
        ("- mogelijkheid om deels remote te werken,", "hybrid"),
        ("Modalidad semipresencial en Madrid.", "hybrid"),
        ("Trabalho parcialmente remoto.", "hybrid"),
        ("Lavoro parzialmente da remoto.", "hybrid"),
        ("Poste partiellement en télétravail.", "hybrid"),
        ("Teilweise im Homeoffice.", "hybrid"),
    ],
)
def test_a_statement_gives_the_way_of_working(sentence: str, remote: str | None) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").remote == remote


def test_wholly_remote_outweighs_a_home_office_perk() -> None:
    text = "# Engineer\n\nWork 100% remote.\n\n- Home office allowance\n"
    assert one(text).remote == "remote"


def test_a_stated_hybrid_outweighs_the_job_boards_remote_badge() -> None:
    text = (
        "# [Engineer](https://board.example/2)\n#### `🌎 Remote,Madrid, Spain`\n\nModelo híbrido.\n"
    )
    assert one(text).remote == "hybrid"


def test_an_on_site_coordinator_is_not_an_on_site_job() -> None:
    assert one("# Engineer\n\nAct as on-site coordinator for upgrades.\n").remote is None


def test_a_place_label_heading_gives_the_place_on_the_next_line() -> None:
    opening = one(
        "# Stagista acquisti\n\nUn tirocinio nel nostro gruppo.\n\n"
        "### Sede di lavoro\n\n- Milano\n\nAltro testo.\n"
    )
    assert opening.location == "Milano"


def test_a_bracket_after_remote_gives_the_places_remote_work_is_open_to() -> None:
    opening = one(
        "# Assistenz\n\nWir suchen Unterstützung.\n\n## Wir bieten\n\n"
        "- Full-Remote (innerhalb Österreichs), flexible Zeiten\n"
    )
    assert opening.location == "innerhalb Österreichs"
    assert opening.remote == "remote"


def test_remote_only_in_a_country_drops_only() -> None:
    opening = one("# Engineer\n\nWe are hiring.\n\nThis job is remote (Canada only).\n")
    assert opening.location == "Canada"


def test_the_first_sentence_of_the_line_under_the_title_gives_place_and_remote() -> None:
    opening = one(
        "# Engineer\n\n_Remote, or Chicago. The role is full-time._\n\n## About us\n\nWe build.\n"
    )
    assert opening.location == "Chicago"
    assert opening.remote == "remote"


def test_a_wrapped_sentence_ending_on_a_place_is_not_a_place_line() -> None:
    opening = one(
        "# Editor\n\nWe are a charity that runs our courses across\n"
        "the UK. We want someone who writes well.\n"
    )
    assert opening.location is None


def test_the_job_named_before_a_known_place_gives_the_place() -> None:
    opening = one("# Postdoc\n\nWe have a post open.\n\nAll positions are for Porto, Portugal.\n")
    assert opening.location == "Porto, Portugal"


def test_a_position_in_a_field_of_study_is_not_a_place() -> None:
    opening = one("# Postdoc\n\nA position in Computational Biology, starting soon.\n")
    assert opening.location is None


def test_moving_to_a_city_for_the_job_gives_the_city() -> None:
    opening = one("# Engineer\n\nIf you move to Leipzig for the job, we help with housing.\n")
    assert opening.location == "Leipzig"


def test_a_share_of_remote_work_below_all_is_hybrid_and_the_label_gives_its_place() -> None:
    opening = one("# Developer\n\n**Locatie:** 70% Remote, 30% op kantoor in Utrecht\n")
    assert opening.remote == "hybrid"
    assert opening.location == "Utrecht"


def test_a_job_in_our_offices_is_on_site() -> None:
    opening = one("# Developer\n\nThis is a full-time job in our offices in Lisbon.\n")
    assert opening.remote == "onsite"


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("The project based at the University of Examplia, Toronto hires.", "Toronto"),
        ("This post will be based at Imperial College London.", "London"),
        ("The position is based at the University of Wisconsin–Madison.", "Madison"),
    ],
)
def test_based_at_an_institution_named_for_a_place_gives_its_city(
    sentence: str, place: str
) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_based_after_and_takes_the_subject_of_the_sentence() -> None:
    opening = one(
        "# Engineer\n\nThe role comes with a good salary and is based at the Riverside Campus.\n"
    )
    assert opening.location == "Riverside Campus"


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Aceptamos candidatos que viven en Rosario, Argentina.", "Rosario, Argentina"),
        ("Nous recrutons des personnes qui résident en Belgique.", "Belgique"),
        ("Procuramos pessoas que moram em Curitiba.", "Curitiba"),
        ("We hire people who live in Canada.", "Canada"),
    ],
)
def test_where_candidates_live_in_a_relative_clause_is_the_location(
    sentence: str, place: str
) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Nous recrutons pour notre équipe toulousaine.", "Toulouse"),
        ("Rejoignez notre agence nantaise.", "Nantes"),
        ("Verstärke unser Hamburger Team.", "Hamburg"),
        ("In unserem Berliner Büro.", "Berlin"),
        ("Rejoignez notre équipe marseillaise.", "Marseille"),
        ("Kom werken op ons Utrechtse kantoor.", "Utrecht"),
        ("Join our Leeds office.", "Leeds"),
    ],
)
def test_an_office_or_team_named_by_its_city_gives_the_city(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_an_office_noun_after_an_ordinary_adjective_is_no_place() -> None:
    assert one("# Ingénieur\n\nRejoignez notre équipe technique.\n").location is None


@pytest.mark.parametrize(
    "part",
    [
        "Nice to have:\n\n* Based in Spain and fluent in Spanish.\n* Some Rust.",
        "Requirements:\n\n- Being based in Spain is a plus.",
        "### Wünschenswert\n\n- Wohnhaft in Österreich",
    ],
)
def test_a_place_a_candidate_may_but_need_not_bring_is_not_the_location(part: str) -> None:
    assert one(f"# Engineer\n\nWe work fully remotely.\n\n{part}\n").location is None


def test_a_place_in_a_list_under_a_plain_lead_in_is_the_location() -> None:
    opening = one("# Engineer\n\nWhat we ask:\n\n* Based in Spain and fluent in Spanish.\n")
    assert opening.location == "Spain"


def test_a_page_title_cut_short_is_read_in_full_from_another_key() -> None:
    opening = one(
        "---\ntitle: 2 posts of lecturer at the Example Lab ...\n"
        "title_full: 2 posts of lecturer at the Example Lab, Rennes\n---\nText.\n"
    )
    assert opening.location == "Rennes"


def test_a_listing_line_gives_the_places_before_the_closing_date() -> None:
    page = read_page(
        "list.md",
        (
            b"[Data Engineer](https://jobs.example/1), Core Team - Data Group - Example "
            b"University, Leeds, UK - closes 1 May 2030\n\n"
            b"[Web Developer](https://jobs.example/2), Example Trust, UK - closes 2 May 2030\n\n"
            b"[Data Scientist](https://jobs.example/3), Example Centre for Data, Example Hill "
            b"Laboratory - Closes 3 May 2030\n"
        ),
    )
    assert [extract(draft).location for draft in split_openings(page)] == [
        "Leeds, UK",
        "UK",
        "Example Hill Laboratory",
    ]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("This role is remote within Germany.", "Germany"),
        ("Fully remote, anywhere in Europe.", "Europe"),
        ("This position is open to applicants anywhere in Canada.", "Canada"),
        ("You can work remotely from anywhere in the UK.", "UK"),
        ("Our offices are in Amsterdam and Rotterdam.", "Amsterdam and Rotterdam"),
        ("The job is located at our headquarters in Munich.", "Munich"),
        ("Join us in Vienna!", "Vienna"),
        ("El puesto es en Valencia.", "Valencia"),
        ("Télétravail possible partout en France.", "France"),
    ],
)
def test_where_a_job_is_open_to_gives_the_place(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_words_that_open_a_job_to_a_place_take_only_a_known_place() -> None:
    assert one("# Engineer\n\nJoin us in Building Better Tools.\n").location is None


@pytest.mark.parametrize(
    ("ending", "place"),
    [
        ("Example GmbH\nMusterstraße 12\n10115 Berlin", "Berlin"),
        ("Example SAS\n12 rue X\nF-75013 Paris, France", "Paris, France"),
        ("Example Inc.\n500 Main St.\nSpringfield, IL 62701", "Springfield, IL"),
        ("Address: Example Ltd, 1 High Street, Cambridge CB2 1TN\n\nWe look forward.", "Cambridge"),
    ],
)
def test_a_postal_address_gives_its_city_when_nothing_else_names_a_place(
    ending: str, place: str
) -> None:
    assert one(f"# Engineer\n\nWe build tools.\n\n{ending}\n").location == place


@pytest.mark.parametrize(
    "line",
    ["In 2019 Paris hosted the event we ran with our whole team.", "Phone +49 30 12345 Berlin"],
)
def test_a_number_before_a_city_in_prose_is_no_postal_address(line: str) -> None:
    assert one(f"# Engineer\n\nWe build tools.\n\n{line}\n").location is None


@pytest.mark.parametrize(
    ("heading", "place"),
    [
        ("Software Engineer (Berlin)", "Berlin"),
        ("Doktorand (m/w/d) in Freiburg", "Freiburg"),
        ("Postdoc at the University of Oslo", "Oslo"),
        ("PhD position at the Department of Physics, University of Basel", "Basel"),
    ],
)
def test_the_heading_of_a_page_that_is_one_opening_gives_its_place(
    heading: str, place: str
) -> None:
    assert one(f"# {heading}\n\nWe do research.\n").location == place


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("*Berlin, Germany (Hybrid)*", "Berlin, Germany"),
        ("Lithuania (Remote)", "Lithuania"),
        ("Madrid - presencial", "Madrid"),
        ("- Porto", "Porto"),
    ],
)
def test_a_place_line_under_the_title_drops_the_way_of_working(line: str, place: str) -> None:
    assert one(f"# Engineer\n\n{line}\n\nWe build tools.\n").location == place


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("**Ihr Standort:** Bremen", "Bremen"),
        ("Wir suchen für unseren Standort in Leipzig Verstärkung.", "Leipzig"),
        ("Le poste est à pourvoir à Nantes dès que possible.", "Nantes"),
        ("Lavorerai presso la nostra sede di Torino.", "Torino"),
        ("Modalidad: híbrida en Bogotá.", "Bogotá"),
        ("Vaga presencial em Recife.", "Recife"),
        ("You will work on site in Grenoble.", "Grenoble"),
        ("We're hiring in Berlin for this role.", "Berlin"),
        (
            "The role can be based in any of our offices in Leeds, York or Hull.",
            "Leeds, York or Hull",
        ),
        ("We are an Amsterdam-based startup building tools.", "Amsterdam"),
        ("Remote, US only.", "US"),
    ],
)
def test_more_ways_of_stating_the_place_give_it(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_a_place_in_a_part_about_the_organisation_gives_way_to_the_jobs() -> None:
    opening = one(
        "# Engineer\n\n## About us\n\nOur offices are in Paris and Lyon.\n\n"
        "## The role\n\nThe position is based in Nantes.\n"
    )
    assert opening.location == "Nantes"


def test_a_place_in_a_part_about_the_organisation_is_kept_when_it_is_the_only_one() -> None:
    opening = one(
        "# Engineer\n\n## About us\n\nWe are based in Lyon.\n\n## The role\n\nYou code.\n"
    )
    assert opening.location == "Lyon"


def test_a_retreat_among_the_perks_gives_way_to_the_job_s_place() -> None:
    opening = one(
        "# Engineer\n\n## What we offer\n\n- A yearly retreat: join us in Lisbon\n\n"
        "## Details\n\nApplicants must reside in Portugal.\n"
    )
    assert opening.location == "Portugal"


def test_every_phrase_search_of_the_place_rules_has_words_to_look_for_first() -> None:
    searches = [value for value in vars(place).values() if isinstance(value, Phrases)]
    searches += list(place._OPEN_TO)
    assert [search.pattern.pattern for search in searches if search.words is None] == []
    assert [mode for mode in phrases_of("working_modes") if literal_word(mode) is None] == []


@pytest.mark.parametrize(
    ("line", "place"),
    [("*Hinxton, UK*", "Hinxton, UK"), ("Smalltown, WI (Hybrid)", "Smalltown, WI")],
)
def test_a_town_the_gazetteer_lacks_before_its_country_is_a_place_line(
    line: str, place: str
) -> None:
    assert one(f"# Engineer\n\n{line}\n\nWe build tools.\n").location == place


def test_a_role_before_a_country_is_no_place_line() -> None:
    assert one("# Engineer\n\nSenior Engineer, Germany\n\nWe build tools.\n").location is None


@pytest.mark.parametrize(
    "line", ["Arbeitsort: Homeoffice", "Location: 100% remote", "Lieu : télétravail"]
)
def test_a_label_whose_value_is_a_way_of_working_names_no_place(line: str) -> None:
    assert one(f"# Engineer\n\nWe build tools.\n\n{line}\n").location is None


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Für unser Team in Stuttgart suchen wir Verstärkung.", "Stuttgart"),
        ("Vous rejoindrez notre équipe à Montpellier.", "Montpellier"),
        ("Buscamos un desarrollador para nuestra oficina de Madrid.", "Madrid"),
        ("Cerchiamo uno sviluppatore per il nostro ufficio di Bologna.", "Bologna"),
        ("Wij zoeken een ontwikkelaar voor ons team in Groningen.", "Groningen"),
    ],
)
def test_an_office_or_team_followed_by_its_place_gives_the_place(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_our_team_of_a_kind_of_people_is_no_place() -> None:
    assert one("# Engineer\n\nJoin our team of Python developers.\n").location is None


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("This position will be located at Examplelab in Greenbelt, MD.", "Greenbelt, MD"),
        ("Wir sind ein Startup mit Sitz in Leipzig.", "Leipzig"),
        ("This role is open to anyone in EMEA.", "EMEA"),
    ],
)
def test_the_place_of_a_named_site_or_seat_gives_the_location(sentence: str, place: str) -> None:
    assert one(f"# Engineer\n\n{sentence}\n").location == place


def test_where_the_employer_can_only_hire_is_the_location() -> None:
    assert one("# Engineer\n\nWe can only hire in Canada.\n").location == "Canada"


def test_the_right_to_work_somewhere_is_no_location() -> None:
    assert one("# Engineer\n\nYou must have the right to work in the UK.\n").location is None


def test_an_office_placed_in_a_city_in_german_prose_is_the_location() -> None:
    advert = "# Entwickler\n\nBei uns findest du ein Office an der Aare in Bern und Teamevents.\n"
    assert one(advert).location == "Bern"


def test_a_location_line_that_says_remote_gives_the_way_of_working() -> None:
    assert one("# DevRel Engineer\n\n**Location:** Remote\n\nWork with us.\n").remote == "remote"
    assert one("# DevRel Engineer\n\nLocation: Hybrid, Berlin\n").remote == "hybrid"


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ("Die Einarbeitung findet bei uns in Berlin statt. Danach gerne remote.", "Berlin"),
        ("Télétravail partiel possible, avec une présence régulière à Paris.", "Paris"),
        ("Our team meets in Lisbon twice a year and in Porto in the summer.", None),
        ("Se requiere experiencia en AJAX y en PHP.", None),
        ("Our API is written in Erlang and talks to a database.", None),
        ("The RSE team in Sheffield is large. The University of Sheffield is old.", None),
    ],
)
def test_the_one_city_the_opening_puts_anything_in_is_the_last_resort_location(
    body: str, location: str | None
) -> None:
    assert one(f"# Backend Developer\n\n{body}\n").location == location


def test_a_word_that_opens_a_line_before_time_zone_is_no_town() -> None:
    """ "Same" is a town in the gazetteer, but a capital at a line's start says nothing."""
    opening = one("# Engineer\n\n### Async work\n\nSame time zone, clear writing.\n")
    assert opening.location is None
    assert one("# Engineer\n\nEMEA time zone, clear writing.\n").location == "EMEA time zone"
    assert one("# Engineer\n\nLondon time zone, clear writing.\n").location == "London time zone"
