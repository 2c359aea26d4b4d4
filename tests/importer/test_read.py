"""Reading a page: where its front matter starts, what of it is text, and the keys sites use."""

from datetime import date

import pytest

from app.importer.fields.common import front_text, front_values
from app.importer.read import AdvertError, Page, read_page
from tests.importer.adverts import one


def test_a_byte_order_mark_line_before_the_front_matter_leaves_it_recognised() -> None:
    page = read_page("a.md", b"\xef\xbb\xbf\n---\ntitle: Welder\n---\nWeld things.\n")
    assert page.front_matter == {"title": "Welder"}
    assert page.body == "Weld things.\n"


def test_blank_lines_before_toml_front_matter_leave_it_recognised() -> None:
    page = read_page("a.md", b'\n  \n+++\ntitle = "Welder"\n+++\nWeld things.\n')
    assert page.front_matter == {"title": "Welder"}


def test_crlf_line_endings_are_read_as_plain_line_breaks() -> None:
    page = read_page("a.md", b"---\r\ntitle: Welder\r\ndate: 2027-02-01\r\n---\r\nWeld.\r\n")
    assert page.front_matter == {"title": "Welder", "date": date(2027, 2, 1)}
    assert page.body == "Weld.\n"


def test_the_body_knows_the_file_line_it_starts_on() -> None:
    page = read_page("a.md", b"---\ntitle: Welder\n---\n\nWeld things.\n")
    assert page.body_line == 5


def test_an_advert_kept_in_a_front_matter_text_block_becomes_the_body() -> None:
    page = read_page(
        "a.md",
        b"---\ntitle: Gardener\ndescription: |\n  We need a gardener for our park.\n"
        b"duties:\n  - Mow the lawns\n  - Prune the roses\n---\n",
    )
    assert page.body == (
        "We need a gardener for our park.\n\nDuties:\n\n- Mow the lawns\n- Prune the roses"
    )
    assert page.body_line == 0


def test_an_advert_wholly_in_front_matter_keys_is_imported() -> None:
    opening = one(
        b"---\nposition: Night Porter\ntype: Part Time\npay: '12 EUR an hour'\n"
        b"closing-date: 2027-03-01\n---\n"
    )
    assert opening.title == "Night Porter"
    assert opening.employment_type == "part-time"
    assert opening.salary == "12 EUR an hour"
    assert opening.deadline == date(2027, 3, 1)
    assert opening.sources["deadline"] == "front matter: closing-date"


def test_a_front_matter_list_of_adverts_is_kept_for_segmenting() -> None:
    page = read_page(
        "a.md", b"---\njobs:\n  - title: Baker\n    city: Lyon\n  - title: Cook\n---\n"
    )
    assert page.front_matter["jobs"] == [{"title": "Baker", "city": "Lyon"}, {"title": "Cook"}]


def test_an_advert_in_an_html_comment_is_not_part_of_the_page() -> None:
    page = read_page(
        "a.md",
        b"# Jobs\n\n<!--\n## Baker\nBake bread. Apply by 1 March 2027.\n-->\n\n## Cook\nCook.\n",
    )
    assert "Baker" not in page.body
    assert page.body.splitlines()[7] == "## Cook"


def test_an_advert_in_a_liquid_comment_is_not_part_of_the_page() -> None:
    page = read_page(
        "a.md", b"# Cook\n{% comment %}\nDeadline: 1 May 2027\n{% endcomment %}\nCook.\n"
    )
    assert "Deadline" not in page.body
    assert "comment" not in page.body


def test_liquid_tags_and_kramdown_attribute_lines_are_not_text() -> None:
    page = read_page(
        "a.md",
        b"# Cook\n{% include banner.html %}\n{: .lead }\nCook for {{ site.name }}.\n"
        b"[Apply](https://example.org/apply){: .button}\n",
    )
    assert page.body == "# Cook\n\n\nCook for .\n[Apply](https://example.org/apply)"


def _page(front_matter: dict[str, object]) -> Page:
    return Page(source="a.md", front_matter=front_matter, body="Text.")


def test_front_matter_keys_are_one_key_whatever_their_case_and_separators() -> None:
    for key in ("postedon", "posted_on", "posted-on"):
        opening = one(f"---\ntitle: Cook\n{key}: 2027-01-05\n---\nCook.\n".encode())
        assert opening.posted == date(2027, 1, 5)
        assert opening.sources["posted"] == f"front matter: {key}"


def test_a_camel_case_key_is_the_same_key() -> None:
    opening = one(b"---\ntitle: Cook\napplicationDeadline: 2027-04-30\n---\nCook.\n")
    assert opening.deadline == date(2027, 4, 30)


def test_a_job_title_key_is_preferred_to_the_page_title() -> None:
    found = front_text(_page({"title": "Careers", "job_title": "Roofer"}), "title")
    assert found is not None
    assert (found.value, found.source) == ("Roofer", "front matter: job_title")


def test_a_number_under_a_title_key_is_not_a_title() -> None:
    found = front_text(_page({"position": 3, "title": "Roofer"}), "title")
    assert found is not None
    assert found.value == "Roofer"


def test_the_pages_own_address_is_not_an_apply_link() -> None:
    assert front_text(_page({"url": "https://example.org/jobs/roofer/"}), "apply_url") is None


def test_an_applicant_tracking_link_key_is_an_apply_link() -> None:
    found = front_text(_page({"jazz_url": "https://example.org/apply/7"}), "apply_url")
    assert found is not None
    assert found.source == "front matter: jazz_url"


def test_a_company_key_names_the_organisation() -> None:
    found = front_text(_page({"company_name": "Example Bakery"}), "organisation")
    assert found is not None
    assert found.value == "Example Bakery"


def test_a_list_of_kinds_of_work_stays_readable() -> None:
    found = front_text(_page({"contract": ["Full Time"]}), "employment_type")
    assert found is not None
    assert found.value == "Full Time"


def test_a_mapping_under_a_key_gives_its_name() -> None:
    found = front_text(_page({"location": {"name": "Brno, Czechia", "url": "x"}}), "location")
    assert found is not None
    assert (found.value, found.source) == ("Brno, Czechia", "front matter: location.name")


def test_a_mapping_of_apply_links_gives_each_link() -> None:
    links = {"board": "https://example.org/a", "network": "https://example.com/b"}
    assert list(front_values(_page({"link": links}), "apply_url")) == [
        ("link.board", "https://example.org/a"),
        ("link.network", "https://example.com/b"),
    ]


def test_a_key_named_for_its_item_is_read_as_the_key_after_the_prefix() -> None:
    exported = _page({"post_title": "Archivist", "post_date": "2031-04-02 10:32:36"})
    title, posted = front_text(exported, "title"), front_text(exported, "posted")
    assert title is not None
    assert posted is not None
    assert (title.value, posted.source) == ("Archivist", "front matter: post_date")
    listed = front_text(_page({"job_location": "Lund", "job_date": "2031-04-02"}), "posted")
    assert listed is not None
    assert listed.value == "2031-04-02"


def test_an_unprefixed_key_wins_and_a_prefixed_kind_of_page_is_no_kind_of_work() -> None:
    page = _page({"post_date": "2031-01-01", "date": "2031-02-02", "post_type": "page"})
    posted = front_text(page, "posted")
    assert posted is not None
    assert posted.value == "2031-02-02"
    assert front_text(page, "employment_type") is None


def test_character_references_for_plain_characters_are_read_as_those_characters() -> None:
    page = read_page("a.md", b"I&#x27;m at https:&#x2F;&#x2F;example.com &amp; &lt;b&gt; &rsquo;\n")
    assert page.body.strip() == "I'm at https://example.com &amp; &lt;b&gt; \u2019"


def test_pelican_metadata_lines_are_front_matter_and_keep_the_body_lines_numbered() -> None:
    page = read_page("a.md", b"title: Join\ndate: 2020-03-29\n\n## Open positions\n\nText.\n")
    assert page.front_matter == {"title": "Join", "date": "2020-03-29"}
    assert page.body.startswith("## Open positions")
    assert page.body_line == 4


def test_labelled_lines_that_are_the_whole_page_are_its_text_not_metadata() -> None:
    page = read_page("a.md", b"Title: Data Engineer\nLocation: Berlin\n")
    assert page.front_matter == {}
    assert "Location: Berlin" in page.body


def test_a_timestamp_in_front_matter_gives_its_date() -> None:
    advert = '+++\ntitle = "Data Engineer"\ndate = "2022-02-21T17:40:47Z"\n+++\nText.\n'
    assert one(advert).posted == date(2022, 2, 21)


def test_json_front_matter_is_read_and_an_advert_nested_in_it_is_the_text() -> None:
    advert = b"""{
    "layout": "jobs/single",
    "Job": {
        "Title": "Werkstudent Softwareentwicklung (m/w/d)",
        "TextLine1": "Wir, die Quill-Gruppe, bauen Software in Stuttgart."
    }
}
"""
    page = read_page("a.md", advert)
    assert page.front_matter["layout"] == "jobs/single"
    assert "Wir, die Quill-Gruppe, bauen Software" in page.body
    assert one(advert).organisation == "Quill-Gruppe"


def test_json_front_matter_that_does_not_parse_is_a_clear_error() -> None:
    with pytest.raises(AdvertError, match="not valid JSON"):
        read_page("a.md", b'{\n"title": "Data Engineer",\n}\nText.\n')
