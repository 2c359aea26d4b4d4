"""The kind of employment and the pay, on small synthetic adverts."""

import pytest

from app.importer.extract import extract
from app.importer.fields import common
from app.importer.read import read_page
from app.importer.segment import split_openings
from tests.importer.adverts import one


def kind(body: str) -> str | None:
    return one(f"# Data Engineer\n\n{body}\n").employment_type


def salary(body: str) -> str | None:
    return one(f"# Data Engineer\n\n{body}\n").salary


# Employment type.


def test_a_contractor_named_in_passing_does_not_make_a_contract() -> None:
    assert kind("You will coordinate our staff, contractors and volunteers.") is None


def test_a_freelancer_community_named_in_passing_does_not_make_a_contract() -> None:
    assert kind("Join projects with our network of freelancers.") is None


def test_a_contract_position_is_a_contract() -> None:
    assert kind("This is a contract position until the end of the year.") == "contract"


def test_a_freelance_role_is_a_contract() -> None:
    assert kind("We offer a freelance role on our data team.") == "contract"


def test_a_contractor_in_the_title_parentheses_is_a_contract() -> None:
    opening = one("# Frontend Engineer (Full-Time Contractor)\n\nBuild our apps.\n")
    assert opening.employment_type == "contract"


def test_a_full_time_contract_position_is_full_time() -> None:
    assert kind("This is a long-term, full-time contract position.") == "full-time"


def test_full_or_part_time_alone_reads_as_full_time() -> None:
    assert kind("The role can be full-time or part-time.") == "full-time"


def test_full_or_part_time_with_a_limited_period_is_temporary() -> None:
    assert kind("A full time or part time post for an initial period of 1 year.") == "temporary"


def test_part_time_as_a_possibility_does_not_make_part_time() -> None:
    assert kind("Es handelt sich um eine Vollzeitstelle; Teilzeit ist möglich.") == "full-time"


@pytest.mark.parametrize(
    "sentence",
    [
        "Temps partiel négociable après la période d'essai.",
        "Media jornada negociable.",
        "Deeltijd is bespreekbaar.",
        "Teilzeit nach Absprache.",
    ],
)
def test_part_time_offered_as_negotiable_is_not_the_job(sentence: str) -> None:
    assert kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Vollzeit, Beginn nach Absprache.",
        "Temps plein, salaire négociable.",
        "Fulltime, salaris in overleg.",
        "Full-time, salary negotiable.",
    ],
)
def test_a_negotiable_term_beside_the_job_type_leaves_it_stated(sentence: str) -> None:
    assert kind(sentence) == "full-time"


def test_part_time_in_a_list_of_examples_is_not_the_job() -> None:
    assert kind("Wir bieten flexible Modelle (beispielsweise Teilzeit, Gleitzeit).") is None


def test_as_soon_as_possible_is_not_an_option_cue() -> None:
    assert kind("- CDD de 12 mois, dès que possible") == "temporary"


def test_full_time_and_fixed_term_is_temporary() -> None:
    assert kind("Vollzeit, befristet auf zwei Jahre.") == "temporary"


def test_part_time_and_fixed_term_is_part_time() -> None:
    assert kind("Die Stelle ist in Teilzeit (50 %), befristet.") == "part-time"


def test_full_time_for_a_stated_period_is_full_time() -> None:
    assert kind("The appointment is full-time for two years.") == "full-time"


def test_a_position_available_for_years_is_temporary() -> None:
    assert kind("The position is available for 3 years.") == "temporary"


def test_a_two_year_position_is_temporary() -> None:
    assert kind("We offer a 2-year position in our lab.") == "temporary"


def test_years_of_experience_are_not_a_period_of_work() -> None:
    assert kind("You have worked for 5 years of experience in Python.") is None


def test_a_staff_count_is_not_the_job() -> None:
    assert kind("Our office has 12 full-time employees.") is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Un poste en CDI.", "full-time"),
        ("Contrat à durée déterminée de 6 mois.", "temporary"),
        ("Contratto a tempo pieno e determinato.", "temporary"),
        ("Si offre un contratto a tempo pieno.", "full-time"),
        ("Ofrecemos jornada completa.", "full-time"),
        ("Contrato indefinido.", "full-time"),
        ("Een baan in deeltijd.", "part-time"),
        ("Een voltijd functie.", "full-time"),
        ("Vaga em tempo integral.", "full-time"),
        ("Trabajo en prácticas para estudiantes.", "internship"),
        ("Un tirocinio di sei mesi.", "internship"),
        ("Wij zoeken een stagiair.", "internship"),
        ("Vaga de estágio.", "internship"),
        ("Ein Praktikum im Sommer.", "internship"),
    ],
)
def test_each_language_states_the_kind_of_work(body: str, expected: str) -> None:
    assert kind(body) == expected


def test_good_practices_in_spanish_are_not_an_internship() -> None:
    assert kind("Aplicar buenas prácticas de desarrollo.") is None


def test_weekly_hours_under_thirty_two_are_part_time() -> None:
    assert kind("Time commitment: 20-30 hours per week.") == "part-time"


def test_weekly_hours_of_forty_are_full_time() -> None:
    assert kind("Contrato CLT - 40h semanais.") == "full-time"


def test_weekly_hours_that_disagree_say_nothing() -> None:
    assert kind("40 hours per week, or 30 hours per week pro rata.") is None


def test_a_list_value_in_front_matter_is_read() -> None:
    opening = one('---\ntitle: Engineer\ntype: ["Full Time"]\n---\nBuild things.\n')
    assert opening.employment_type == "full-time"
    assert opening.sources["employment_type"] == "front matter: type"


def test_a_front_matter_type_that_is_no_kind_is_passed_over() -> None:
    opening = one("---\ntitle: Engineer\ntype: post\n---\nA part-time role.\n")
    assert opening.employment_type == "part-time"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("contract", "CDI", "full-time"),
        ("contract", "Temporary", "temporary"),
        ("hours", "part-time", "part-time"),
        ("contract", "Permanent", "full-time"),
    ],
)
def test_any_front_matter_key_for_the_type_is_interpreted(
    monkeypatch: pytest.MonkeyPatch, key: str, value: str, expected: str
) -> None:
    monkeypatch.setitem(common.FRONT_KEYS, "employment_type", (key,))
    opening = one(f"---\ntitle: Engineer\n{key}: {value}\n---\nBuild things.\n")
    assert opening.employment_type == expected


def test_a_page_intro_naming_several_kinds_decides_no_opening() -> None:
    opening = split_openings(
        read_page(
            "advert.md",
            b"We seek two full-time staff and one temporary employee.\n\n"
            b"## Data Engineer\n\nBuild pipelines.\n\n## Web Developer\n\nBuild sites.\n",
        )
    )
    assert [extract(draft).employment_type for draft in opening] == [None, None]


# Salary.


@pytest.mark.parametrize(
    ("body", "pay"),
    [
        ("## Compensation\n\nUS$130,000 – US$190,000 + equity (2-5%)", "US$130,000 – US$190,000"),
        ("- **Startgehalt voraussichtlich 16,50/Std**", "16,50/Std"),
        ("Der Stundenlohn beträgt 14,50 pro Stunde.", "14,50 pro Stunde"),
        ("Oferecemos bolsa mensal de **R$ 700,00** por 12 meses.", "R$ 700,00"),
    ],
    ids=["range opening the line under a pay heading", "per hour", "pay word compound", "stipend"],
)
def test_pay_is_read_where_its_words_say_so(body: str, pay: str) -> None:
    assert salary(body) == pay


def test_a_number_per_period_without_a_pay_word_is_no_salary() -> None:
    assert salary("We meet 2 per week and write 3,5/Std of notes.") is None


def test_competitive_pay_is_no_salary() -> None:
    assert salary("We offer a competitive salary and equity.") is None


def test_a_currency_sign_after_the_amount_is_read() -> None:
    assert salary("The pay is 30-45$/hour.") == "30-45$/hour"


def test_a_european_amount_with_the_sign_after_is_read() -> None:
    assert salary("Das Gehalt beträgt 45.000 € brutto pro Jahr.") == "45.000 € brutto pro Jahr"


def test_the_unit_of_an_hourly_rate_is_kept() -> None:
    assert salary("The starting wage is $25/hr for new members.") == "$25/hr"


def test_a_range_in_thousands_with_a_currency_code_is_read() -> None:
    assert salary("#### `💰 65k-95k USD` `🌎 Remote`") == "65k-95k USD"


def test_a_french_range_in_thousands_is_read() -> None:
    text = "La fourchette de rémunération se situe entre 38k€ et 45k€ annuelle brute."
    assert salary(text) == "entre 38k€ et 45k€ annuelle brute"


def test_a_pro_rata_period_and_the_lead_word_are_kept() -> None:
    assert salary("Salary from £20,000 per annum pro rata, depending on hours.") == (
        "from £20,000 per annum pro rata"
    )


def test_a_key_facts_table_row_gives_the_salary() -> None:
    table = "| Position: | Full time |\n| Salary: | CHF 90,000 per year |\n"
    assert salary(table) == "CHF 90,000 per year"


def test_a_bold_label_gives_the_salary() -> None:
    assert salary("**Compensation:** $35 per hour") == "$35 per hour"


def test_a_labelled_line_keeps_only_its_first_sentence() -> None:
    assert salary("Gratification : environ 600 euros/mois. Les frais sont pris en charge.") == (
        "environ 600 euros/mois"
    )


def test_a_pay_key_in_front_matter_gives_the_salary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(common.FRONT_KEYS, "salary", ("pay",))
    opening = one('---\ntitle: Engineer\npay: "£18000-£21000 pro rata"\n---\nText.\n')
    assert opening.salary == "£18000-£21000 pro rata"
    assert opening.sources["salary"] == "front matter: pay"


def test_a_budget_amount_is_not_pay() -> None:
    assert salary("The project has a budget of €2,000,000 over four years.") is None


def test_an_allowance_per_month_is_not_pay() -> None:
    assert salary("- R$ 900,00/month on a meal card for food and mobility") is None


def test_a_pay_word_nearer_than_a_trap_word_decides() -> None:
    text = "We pay a salary of €50,000 per year and a conference budget of €2,000."
    assert salary(text) == "€50,000 per year"


def test_an_amount_per_year_without_a_pay_word_is_pay() -> None:
    assert salary("$60k/year for 40 hrs/wk. Must live in the US.") == "$60k/year"


def test_a_pay_scale_group_is_the_salary() -> None:
    assert salary("The remuneration is based on pay scale group 13 TV-L.") == (
        "pay scale group 13 TV-L"
    )


def test_a_german_pay_grade_with_its_letter_is_the_salary() -> None:
    assert salary("Die Vergütung erfolgt bis Entgeltgruppe E 13.") == "bis Entgeltgruppe E 13"


def test_a_pay_scale_without_a_figure_is_no_salary() -> None:
    assert salary("Rémunération selon la grille indiciaire.") is None


def test_a_dutch_salary_scale_is_the_salary() -> None:
    assert salary("Inschaling in salarisschaal 10 van de cao.") == "salarisschaal 10"


def test_a_bare_grade_needs_a_sentence_about_pay() -> None:
    assert salary("Open to students in grade 12 and above.") is None
    assert salary("The salary is at grade 7.") == "grade 7"


def test_eg_in_lower_case_is_no_pay_scale() -> None:
    assert salary("Some skills, eg 3 languages, help.") is None


def test_a_range_joined_by_two_words_is_read_whole_with_its_lead() -> None:
    assert (
        salary("We pay from €60,000 - up to €65,000 gross.") == "from €60,000 - up to €65,000 gross"
    )


def test_a_salary_line_without_an_amount_or_scale_is_passed_over() -> None:
    assert salary("Compensation: 401k matching and health cover") is None


def test_a_benefit_worth_an_amount_per_month_is_not_pay() -> None:
    assert salary("- A gym membership worth €40/month") is None


def test_up_to_before_a_single_amount_is_kept() -> None:
    assert salary("The salary is up to $150k.") == "up to $150k"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("FULL_TIME", "full-time"), ("PART_TIME", "part-time"), ("CONTRACTOR", "contract"),
     ("INTERN", "internship"), ("VOLUNTEER", None)],
)  # fmt: skip
def test_schema_org_employment_types_in_front_matter(value: str, expected: str | None) -> None:
    opening = one(f"---\ntitle: Engineer\nemployment_type: {value}\n---\nBuild things.\n")
    assert opening.employment_type == expected


def test_a_probation_period_is_not_a_fixed_term() -> None:
    assert kind("There is a probation period for 6 months.") is None


def test_a_period_key_gives_the_kind() -> None:
    assert one("---\ntitle: Baker\nperiod: Part-time\n---\nBake.\n").employment_type == "part-time"


def test_an_experience_key_of_intern_gives_an_internship() -> None:
    opening = one("---\ntitle: Baker\nexperience: Intern\n---\nBake.\n")
    assert opening.employment_type == "internship"


def test_a_werkstudent_is_part_time() -> None:
    assert kind("Wir suchen eine Werkstudentin für unser Team.") == "part-time"


def test_working_with_us_as_freelancers_in_spanish_is_a_contract() -> None:
    assert kind("Buscamos personas que quieran trabajar como freelances.") == "contract"


def test_pj_mei_under_a_hiring_heading_is_a_contract() -> None:
    assert kind("## Contratação\n\nPJ/MEI") == "contract"


def test_a_dollar_sign_with_its_country_letters_is_a_currency() -> None:
    assert salary("Salary: CA$60,000 per year") == "CA$60,000 per year"


def test_an_amount_alone_under_a_pay_heading_is_the_salary() -> None:
    assert salary("## Compensation\n\nUS$50,000 – US$90,000\n\nWe agree the rate.") == (
        "US$50,000 – US$90,000"
    )


def test_an_hourly_rate_per_stunde_keeps_its_unit() -> None:
    assert salary("Die Vergütung beträgt 18€/Stunde brutto.") == "18€/Stunde brutto"


def test_escaped_dollar_signs_are_pay_as_markdown_shows_them() -> None:
    assert one("# Student Helper\n\nWe pay between \\$10 and \\$15 per hour.\n").salary == (
        "between $10 and $15 per hour"
    )


def test_a_range_in_thousands_just_after_a_pay_word_is_the_salary() -> None:
    body = "# Backend Engineer\n\nWe hire in Berlin (salary ranges for each job 70k-130k).\n"
    assert one(body).salary == "70k-130k"


def test_a_range_in_thousands_without_a_pay_word_is_no_salary() -> None:
    assert one("# Backend Engineer\n\nWe grew from 10k-20k users this year.\n").salary is None


def test_a_pay_scale_with_two_grades_is_kept_whole() -> None:
    body = "# Software Engineer\n\n- Salary scale 10 or 11, depending on experience.\n"
    assert one(body).salary == "Salary scale 10 or 11"


def test_intern_as_a_dutch_adjective_is_no_internship() -> None:
    body = "# Systeembeheerder\n\nJe voert taken uit voor het intern systeembeheer.\n"
    assert one(body).employment_type is None


def test_an_intern_in_english_is_an_internship() -> None:
    assert one("# Data Intern\n\nWe are looking for a summer intern.\n").employment_type == (
        "internship"
    )
