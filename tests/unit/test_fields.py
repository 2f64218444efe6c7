"""Title, dateline, wire and language from cleaned line marks (synthetic pages)."""

import textwrap

from broadsheet.extract.language import detect_language
from broadsheet.extract.title_text import find_title, similar_titles
from broadsheet.extract.wire import find_dateline, find_wire

from .pages import clean_text, marked

PROSE = (
    "The minister said on Thursday that the talks would resume next week in the capital, "
    "after two days of meetings that ended without an agreement."
)
MORE = "Officials from both sides declined to comment on the details of the draft text."


page = marked  # rows prefixed "+" are article body (kept), the others page furniture


# --- title -----------------------------------------------------------------------------


def test_title_prefers_the_cased_headline_over_the_slug_first_line():
    lines = page(
        "talks to resume in the capital next week",
        "Site Name, site name",
        "",
        "Talks to Resume in the Capital Next Week",
        "",
        "+" + PROSE,
        "+" + MORE,
    )
    assert find_title(lines) == "Talks to Resume in the Capital Next Week"


def test_title_repeated_from_the_first_line():
    lines = page(
        "Ministers agree to resume talks next week",
        "",
        "Ministers agree to resume talks next week",
        "+" + PROSE,
        "+" + MORE,
    )
    assert find_title(lines) == "Ministers agree to resume talks next week"


def test_title_is_the_line_over_the_byline_not_the_caption_over_the_credit():
    lines = page(
        "• Home",
        "• World",
        "Rescue teams search flooded valley after storm",
        "By Jane Smith",
        "12 March 2021 10:45",
        "A volunteer wades through water near the river bank",
        "Photo: John Doe/Getty Images",
        "+" + PROSE,
        "+" + MORE,
    )
    assert find_title(lines) == "Rescue teams search flooded valley after storm"


def test_no_title_when_nothing_above_the_article_looks_like_one():
    lines = page(
        "• Live",
        "  • facebook",
        "  • twitter",
        "The president speaks during a meeting in the capital. | Photo: Reuters",
        "Published 27 July 2016",
        "+" + PROSE,
        "+" + MORE,
    )
    assert find_title(lines) is None


def test_similar_titles_ignores_case_punctuation_and_small_rewording():
    assert similar_titles("Julian Assange: Sweden drops rape investigation", "Sweden drops Assange rape investigation")
    assert not similar_titles("Sweden drops Assange rape investigation", "Markets rally as oil prices fall")


# --- dateline --------------------------------------------------------------------------


def test_dateline_with_agency_in_the_paragraph_after_the_standfirst():
    lines = page(
        "Headline Goes Here",
        "+According to officials, the ministry is ready to cooperate with the coalition on conditions.",
        "+MOSCOW (Sputnik) — The ministry is ready to cooperate with the coalition on all aspects, an official said.",
    )
    assert find_dateline(lines) == "MOSCOW (Sputnik)"


def test_dateline_place_and_region_before_a_double_hyphen():
    lines = page("+ERBIL, Kurdistan Region--Russia has proposed to the United States that the two nations coordinate.")
    assert find_dateline(lines) == "ERBIL, Kurdistan Region"


def test_dateline_on_its_own_line_above_the_first_paragraph():
    lines = page("A caption about fighters in the north", "Paris - Arab Today", "", "+" + PROSE, "+" + MORE)
    assert find_dateline(lines) == "Paris - Arab Today"


def test_dateline_with_state_and_agency():
    lines = page("+ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a sixth fatality this year.")
    assert find_dateline(lines) == "ST. JOSEPH, Mich. (AP)"


def test_no_dateline_from_names_labels_or_a_bare_agency():
    assert find_dateline(page("+US President Donald Trump - who spoke on Monday - said the deal was close to done.")) is None
    assert find_dateline(page("+UPDATE: The company said on Monday that it would cut a third of its staff.")) is None
    assert find_dateline(page("+(Reuters) — The attorney general is investigating the company, two people said.")) is None
    assert find_dateline(page("+" + PROSE)) is None


def test_fields_of_a_hard_wrapped_dump():
    paragraphs = [
        "Rescue teams search flooded valley after storm",
        "By Jane Smith",
        "+BERLIN (AP) — Rescue teams searched a flooded valley on Sunday after a storm that "
        "swept through the region overnight, officials said.",
        "+" + PROSE,
        "+" + MORE,
        "+The regional government said it would publish a full account of the damage next week. — AFP",
    ]
    rows = []
    for paragraph in paragraphs:
        kept = paragraph.startswith("+")
        rows += [("+" if kept else "") + line for line in textwrap.wrap(paragraph.lstrip("+"), 60)] + [""]
    lines = page(*rows)
    assert find_title(lines) == "Rescue teams search flooded valley after storm"
    assert find_dateline(lines) == "BERLIN (AP)"
    assert find_wire(lines) == "AP"


# --- wire ------------------------------------------------------------------------------


def test_wire_from_a_source_line_after_the_article():
    assert find_wire(page("+" + PROSE, "+" + MORE, "", "Source AFP", "", "Name *")) == "AFP"
    assert find_wire(page("+" + PROSE, "Sources: agencies")) == "Agencies"


def test_wire_from_the_dateline_agency():
    assert find_wire(page("+LONDON (AP) — Britain's ruling party was accused on Wednesday of misleading voters online.")) == "AP"
    assert find_wire(page("+(Reuters) — The attorney general is investigating the company, two people said.")) == "Reuters"


def test_wire_from_a_closing_credit():
    assert find_wire(page("+" + PROSE, "+The vote is expected later this month, the minister added. — AFP")) == "AFP"
    assert find_wire(page("+" + PROSE, "+(With inputs from PTI)")) == "PTI"


def test_no_wire_from_prose_mentions_or_photo_credits():
    lines = page(
        "© AFP 2023 / Jane Doe",
        "+" + PROSE,
        "+In June, AFP reported that the two sides were already coordinating, citing a source.",
        "+A spokesman told Reuters the talks would go on.",
        "Soldiers at a checkpoint | Photo: Reuters",
    )
    assert find_wire(lines) is None


# --- language --------------------------------------------------------------------------


def test_language_of_the_body():
    assert detect_language(PROSE + "\n" + MORE) == "en"
    german = "Die Regierung hat am Donnerstag angekündigt, die Gespräche in der nächsten Woche fortzusetzen."
    assert detect_language(german) == "de"


def test_language_unknown_for_a_body_too_short_to_tell():
    assert detect_language("Read more") is None
    assert detect_language("") is None


# --- the cleaner's paragraphs, other renderers -----------------------------------------


def test_dateline_may_hold_a_day_but_a_date_line_is_not_a_dateline():
    assert find_dateline(page("+PARIS, April 8 (AFP) — " + PROSE)) == "PARIS, April 8 (AFP)"
    assert find_dateline(page("Ivan Prothero - November 2, 2023", "", "+" + PROSE, "+" + MORE)) is None
    assert find_dateline(page("+27.01.2022 — " + PROSE)) is None
    assert find_dateline(page("+LONDON, 12:30 GMT — " + PROSE)) is None


def test_fields_read_the_cleaners_paragraphs_of_a_markdown_dump():
    text = "\n".join(
        [
            "* [Home](https://example.com/)",
            "* [World](https://example.com/world/)",
            "",
            "# Rescue teams search flooded valley after storm",
            "",
            "By [Jane Smith](https://example.com/jane_smith)",
            "",
            textwrap.fill("BERLIN (AP) — Rescue teams searched a flooded valley on Sunday after a storm that "
                          "swept through the [region](https://example.com/region) overnight, officials said.", 60),
            "",
            textwrap.fill(PROSE, 60),
            "",
            textwrap.fill(MORE + r" The inquiry ends on March 3\. — AFP", 60),
        ]
    )
    cleaned = clean_text(text)
    assert find_title(cleaned.page) == "Rescue teams search flooded valley after storm"
    assert find_dateline(cleaned.page) == "BERLIN (AP)"
    assert find_wire(cleaned.page) == "AP"
    assert cleaned.body.splitlines()[0].endswith("swept through the region overnight, officials said.")
