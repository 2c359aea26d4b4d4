"""Reading advert pages: front matter, refusals, and splitting a page into openings."""

from datetime import date

import pytest

from app.importer.markdown import headings
from app.importer.read import MAX_ADVERT_BYTES, MAX_YAML_ALIASES, AdvertError, read_page
from app.importer.segment import split_openings


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "the file is binary, not Markdown text"),
        (bytes(range(1, 32)) * 3, "the file is binary, not Markdown text"),
        (b"%PDF-1.7\n\x93\x8c\x8b\x9e\x03\x01 obj\n", "the file is binary, not Markdown text"),
        ("caf\u00e9".encode("latin-1"), "the file is not UTF-8 text (bad byte at offset 3)"),
        (b"x" * (MAX_ADVERT_BYTES + 1), "over the size limit"),
        (b"---\ntitle: [unclosed\n  - : :\n---\nText", "the front matter is not valid YAML"),
        (b"+++\ntitle = \n+++\nText", "the front matter is not valid TOML"),
        (b"---\n- a list\n---\nText", "the front matter is not a mapping"),
        (b"---\nlayout: page\n---\n\n", "the page has no text and no title"),
    ],
)
def test_unreadable_pages_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(AdvertError) as refused:
        read_page("advert.md", data)
    assert reason in refused.value.reason


def _nested_aliases(levels: int) -> bytes:
    """Front matter whose every level repeats the one before nine times ("billion laughs")."""
    lines = ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return f"---\ntitle: Engineer\n{chr(10).join(lines)}\ntags: *l{levels}\n---\nText\n".encode()


def test_front_matter_with_more_yaml_aliases_than_the_limit_is_refused_before_expanding() -> None:
    with pytest.raises(AdvertError) as refused:
        read_page("laughs.md", _nested_aliases(levels=9))
    assert refused.value.reason == (
        f"the front matter uses more than {MAX_YAML_ALIASES} YAML aliases (*name), which"
        " could expand without bound; write the values out instead"
    )


def test_front_matter_with_a_few_yaml_aliases_is_read() -> None:
    data = b"---\ntitle: &title Engineer\nsummary: *title\ntags: [&t python, *t]\n---\nText\n"
    page = read_page("a.md", data)
    assert page.front_matter == {
        "title": "Engineer",
        "summary": "Engineer",
        "tags": ["python", "python"],
    }


def test_yaml_front_matter_keys_are_lower_cased_and_dates_kept() -> None:
    page = read_page("a.md", b"---\nTitle: Engineer\ndate: 2020-05-19 10:00:00\n---\nBody")
    assert page.front_matter == {"title": "Engineer", "date": date(2020, 5, 19)}
    assert page.body == "Body"


def test_toml_front_matter_is_read() -> None:
    page = read_page("a.md", b'+++\ntitle = "Engineer"\nexpiryDate = 2030-01-31\n+++\nBody')
    assert page.front_matter == {"title": "Engineer", "expirydate": date(2030, 1, 31)}


def test_an_unquoted_bracketed_title_is_read_as_text() -> None:
    page = read_page("a.md", b"---\ntitle: [CDD 44] Engineer\ntags: [a, b]\n---\nBody")
    assert page.front_matter == {"title": "[CDD 44] Engineer", "tags": ["a", "b"]}


def test_franklin_page_variables_are_front_matter() -> None:
    page = read_page("a.md", b'@def title = "Job board"\n~~~\n<h3>Engineer</h3>\n~~~')
    assert page.front_matter == {"title": "Job board"}


def titles(markdown: str) -> list[str | None]:
    return [draft.title for draft in split_openings(read_page("a.md", markdown.encode()))]


def test_an_index_of_anchors_splits_the_page() -> None:
    markdown = """## Current openings
- [Data Engineer](#one)
- [Editor](#two)

# <a name="one"></a>Data Engineer
Builds pipelines.
### To apply
Write to a@example.org.

# <a name="two"></a>Editor
Edits things.
"""
    drafts = split_openings(read_page("a.md", markdown.encode()))
    assert [(d.title, d.anchor) for d in drafts] == [("Data Engineer", "one"), ("Editor", "two")]
    assert "To apply" in drafts[0].text
    assert "Edits" not in drafts[0].text
    assert "pipelines" not in drafts[1].text


def test_headings_that_name_jobs_split_the_page_and_shared_sections_go_with_each() -> None:
    markdown = """Intro about us.

## Research Software Engineer
Write code.

## Training Officer
Teach people.

## Benefits
Thirty days of leave.
"""
    drafts = split_openings(read_page("a.md", markdown.encode()))
    assert [d.title for d in drafts] == ["Research Software Engineer", "Training Officer"]
    assert all("Thirty days of leave" in d.text for d in drafts)
    assert "Teach" not in drafts[0].text


def test_an_openings_headings_from_the_page_are_those_of_its_text_parsed_alone() -> None:
    markdown = """Intro about us.

## Research Software Engineer
Write code.

### To apply
Send a CV.


## Training Officer
Teach people.

### Duties <a id="duties"></a>
Teaching.

## Benefits
<h3>Leave</h3>
Thirty days of leave.

## How to apply
Write to jobs@example.org.
"""
    drafts = split_openings(read_page("a.md", markdown.encode()))
    assert [d.title for d in drafts] == ["Research Software Engineer", "Training Officer"]
    for draft in drafts:
        assert draft.outline is not None
        assert draft.headings() == headings(draft.text)
    assert [h.title for h in drafts[1].headings()] == [
        "Training Officer",
        "Duties",
        "Benefits",
        "Leave",
        "How to apply",
    ]


def test_a_list_of_links_to_adverts_yields_one_opening_each() -> None:
    markdown = """Vacancies:

[HPC Consultant](https://jobs.example/1), University of Somewhere - Closes 15 May 2015

[Data Scientist](https://jobs.example/2), Some Lab, Oxford - Closes 12 June 2015
"""
    drafts = split_openings(read_page("a.md", markdown.encode()))
    assert [d.title for d in drafts] == ["HPC Consultant", "Data Scientist"]
    assert drafts[1].hints["apply_url"] == "https://jobs.example/2"


def test_a_page_without_structure_is_one_opening() -> None:
    assert titles("---\ntitle: Engineer\n---\nWe need an engineer.") == [None]


def test_reference_links_are_resolved() -> None:
    markdown = "See the [advert][ad].\n\n[ad]: https://jobs.example/ad\n"
    (draft,) = split_openings(read_page("a.md", markdown.encode()))
    assert "[advert](https://jobs.example/ad)" in draft.text


def test_a_section_naming_several_roles_as_links_yields_each() -> None:
    markdown = """## Data Engineer
Build pipelines.

## Curriculum Roles
We are hiring a [Lesson Developer](https://jobs.example/lesson) and a
[Community Coordinator](https://jobs.example/community).

## Editor
Edit text.
"""
    drafts = split_openings(read_page("a.md", markdown.encode()))
    assert [d.title for d in drafts] == [
        "Data Engineer",
        "Lesson Developer",
        "Community Coordinator",
        "Editor",
    ]
    assert drafts[2].hints["apply_url"] == "https://jobs.example/community"


def test_a_listing_page_also_yields_jobs_announced_in_prose() -> None:
    markdown = """[HPC Consultant](https://jobs.example/1), University A - Closes 15 May 2015

[Data Scientist](https://jobs.example/2), Lab B - Closes 12 June 2015

The [Widget project](https://widget.example) are looking for a part-time developer for
three months.
"""
    assert titles(markdown) == ["HPC Consultant", "Data Scientist", "Developer"]


def test_html_headings_in_an_indented_html_page_are_openings() -> None:
    markdown = """@def title = "Job board"
~~~
<div class="jobs">
\t<div class="job">
\t\t<h3>Research Engineer</h3>
\t\t<span class="company-name">Lab A</span>
\t</div>

\t<div class="job">
\t\t<h3>Data Scientist</h3>
\t\t<span class="company-name">Lab B</span>
\t</div>
</div>
~~~
"""
    assert titles(markdown) == ["Research Engineer", "Data Scientist"]
