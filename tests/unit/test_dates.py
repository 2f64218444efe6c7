"""Publication day from text dumps and HTML (small synthetic pages, a fixed `today`)."""

import textwrap
from datetime import date
from pathlib import Path

import pytest

from trafilatura.utils import load_html

from broadsheet.extract.dates_html import visible_page
from broadsheet.extract.dates_text import date_from_page
from broadsheet.records import LineMark

from .pages import html_date as date_from_html
from .pages import lines_page


def date_from_lines(lines, today=None):
    return date_from_page(lines_page(lines), today)

TODAY = date(2024, 6, 1)
PROSE = (
    "The minister said on Thursday that the talks would resume next week in the capital, "
    "after two days of meetings that ended without an agreement on the main points."
)
MORE = "Officials from both sides declined to comment on the details of the draft text, citing the talks."


def page(*rows: str) -> tuple[LineMark, ...]:
    return tuple(LineMark(number, row, bool(row.strip())) for number, row in enumerate(rows, 1))


def article(*header: str, footer: tuple[str, ...] = ()) -> tuple[LineMark, ...]:
    """A headline, the given header lines, three paragraphs, then the given footer lines."""
    return page("Talks to resume next week", "", *header, "", PROSE, "", MORE, "", PROSE, "", *footer)


def rejections(finding) -> set[str]:
    return {c.rejected for c in finding.candidates if c.rejected}


# --- text dumps ---------------------------------------------------------------------------


def test_a_standalone_date_under_the_headline_is_the_day():
    found = date_from_lines(article("March 3, 2020"), TODAY)
    assert found.published == date(2020, 3, 3)
    assert found.kind == "standalone"
    assert found.evidence == "March 3, 2020"


def test_published_label_wins_over_updated_label():
    found = date_from_lines(article("Updated: 5 March 2020", "Published: 3 March 2020"), TODAY)
    assert found.published == date(2020, 3, 3)
    assert found.kind == "published-label"


def test_a_date_followed_by_its_update_is_the_original():
    found = date_from_lines(article("22:57 GMT 28.04.2020 (updated 11:14 GMT 29.04.2020)"), TODAY)
    assert found.published == date(2020, 4, 28)


def test_german_date_is_read():
    found = date_from_lines(article("Veröffentlicht am 5. März 2021, 14:09 Uhr"), TODAY)
    assert found.published == date(2021, 3, 5)
    assert found.kind == "published-label"


def test_french_date_is_read():
    found = date_from_lines(article("Publié le 12 février 2020 à 9h21"), TODAY)
    assert found.published == date(2020, 2, 12)


def test_cyrillic_and_cjk_dates_are_read():
    assert date_from_lines(article("9 жовтня 2020"), TODAY).published == date(2020, 10, 9)
    assert date_from_lines(article("2020年7月1日 10時00分"), TODAY).published == date(2020, 7, 1)


def test_byline_date():
    found = date_from_lines(article("By Jane Doe | 17 September 2019"), TODAY)
    assert found.published == date(2019, 9, 17)
    assert found.kind == "byline"


def test_copyright_line_is_rejected():
    found = date_from_lines(
        article(footer=("Copyright © 12 March 2020 Example Media. All rights reserved.",)), TODAY
    )
    assert found.published is None
    assert rejections(found) == {"copyright line"}


def test_photo_credit_is_rejected():
    caption = "A protester holds a flag in Zenica, Bosnia, February 3, 2016 (Photo: Reuters)"
    found = date_from_lines(article(caption), TODAY)
    assert found.published is None
    assert rejections(found) == {"photo credit or caption"}


def test_dates_in_a_list_of_other_headlines_are_rejected():
    related = []
    for day, title in [(23, "Cartoon seven"), (19, "A sensible option"), (7, "Shop opens"), (4, "Port reopens")]:
        related += [f"GMT 10:18 2016 Wednesday ,{day} March", "", title, ""]
    found = date_from_lines(article(footer=tuple(related)), TODAY)
    assert found.published is None
    assert rejections(found) == {"inside a list of dated items (other stories, comments)"}


def test_the_article_date_survives_a_list_below_it():
    related = ("12 May 2020  Other story one", "11 May 2020  Other story two", "9 May 2020  Other story three")
    found = date_from_lines(article("14 May 2020", footer=related), TODAY)
    assert found.published == date(2020, 5, 14)


def test_a_future_publication_day_is_reported_as_impossible_not_dropped():
    # Validation quarantines it (critical check); silently publishing it undated would hide it.
    found = date_from_lines(article("Posted on 3 March 2031"), TODAY)
    assert found.published == date(2031, 3, 3)
    assert found.note == "impossible: the page's publication day 2031-03-03 is in the future"


def test_ancient_dates_are_rejected():
    found = date_from_lines(article("Posted on 3 March 1985"), TODAY)
    assert found.published is None
    assert rejections(found) == {"out of range: before 1990"}


def test_numeric_day_month_order():
    # Dots are day first; a page's unambiguous dates decide the others.
    assert date_from_lines(article("03.04.2020"), TODAY).published == date(2020, 4, 3)
    found = date_from_lines(article("04/03/2020", footer=("Comments closed 04/25/2020",)), TODAY)
    assert found.published == date(2020, 4, 3)
    # An English page with nothing to tell the order: abstain rather than guess.
    found = date_from_lines(article("04/03/2020"), TODAY)
    assert found.published is None
    assert "day/month order ambiguous" in rejections(found)


def test_two_different_days_in_the_header_means_abstaining():
    found = date_from_lines(article("March 3, 2020", "March 5, 2020"), TODAY)
    assert found.published is None
    assert found.note.startswith("competing days")


def test_no_date():
    found = date_from_lines(article(), TODAY)
    assert found.published is None
    assert found.note == "no date on the page"


def test_spaced_numeric_dates_are_read():
    found = date_from_lines(article("Von Deutscher Tennis Bund 4. 2. 2022."), TODAY)
    assert found.published == date(2022, 2, 4)  # dots: day first
    assert found.kind == "byline"
    found = date_from_lines(article("26 | 01 | 2022"), TODAY)
    assert found.published == date(2022, 1, 26)
    assert found.kind == "standalone"
    # A row of numbers is not a date.
    assert date_from_lines(article("12 | 26 | 01 | 2022"), TODAY).published is None


def test_a_paragraph_opening_with_its_date_is_a_dateline():
    # The site header's "today" sits far above; the lead paragraph starts with the story's day.
    nav = tuple(f"Section {i}" for i in range(35))
    lines = page("Mittwoch, 01. November 2023", *nav, "Talks", "31. Oktober 2023. " + PROSE, "", MORE, "", PROSE)
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2023, 10, 31)
    assert found.kind == "dateline"
    assert found.evidence.startswith("31. Oktober 2023. The minister said")


def test_a_date_with_its_time_outweighs_a_bare_header_date():
    # Without the time, 13 Jan (6.0) and the header's 14 Jan (4.9) would be too close to call.
    nav = tuple(f"Section {i}" for i in range(9))
    lines = page("Tue, 14 Jan 2020", *nav, "Talks", "13 Jan 2020, 22:11 GMT+10", "", PROSE, "", MORE, "", PROSE)
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2020, 1, 13)
    assert found.kind == "standalone"
    assert found.evidence == "13 Jan 2020, 22:11 GMT+10"


SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("000_eafac02bb81bf1ab.txt", None),  # only a photo credit and a caption
        ("001_00fa879dd0f4f61e.txt", date(2021, 12, 20)),
        ("002_63149335f71d9805.txt", date(2016, 7, 27)),
        ("003_2db44d96fea6e373.txt", None),  # other stories' dates and a copyright year
        ("004_eb04f12f6c57fad3.txt", date(2016, 5, 20)),
    ],
)
def test_seeds(name, expected):
    text = (SEEDS / name).read_text(encoding="utf-8")
    assert date_from_lines(page(*text.splitlines()), TODAY).published == expected


# --- HTML ---------------------------------------------------------------------------------

HTML = """<html><head>
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "{published}",
 "dateModified": "2021-06-03T08:00:00+02:00"}}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article><h1>Talks to resume next week</h1>
<p class="byline">By Jane Doe</p><p class="date">{visible}</p>
<p>{prose}</p><p>{more}</p><p>{prose}</p></article>
<footer>© 2024 Example Media</footer>
</body></html>"""


def test_html_with_json_ld_agreeing_with_the_visible_date():
    html = HTML.format(published="2021-06-01T10:00:00+02:00", visible="1 June 2021", prose=PROSE, more=MORE)
    found = date_from_html(html, TODAY)
    assert found.published == date(2021, 6, 1)
    assert found.evidence == "1 June 2021"
    meta = {c.evidence: c.rejected for c in found.candidates if c.kind == "meta"}
    assert meta["JSON-LD datePublished: 2021-06-01T10:00:00+02:00"] is None
    assert meta["JSON-LD dateModified: 2021-06-03T08:00:00+02:00"] == "modification date, not publication"


def test_html_markup_date_without_a_visible_one():
    html = HTML.format(published="2021-06-01T10:00:00+02:00", visible="", prose=PROSE, more=MORE)
    found = date_from_html(html, TODAY)
    assert found.published == date(2021, 6, 1)
    assert found.kind == "meta"
    assert found.evidence.startswith("JSON-LD datePublished")


def test_html_strong_visible_date_beats_disagreeing_markup():
    html = HTML.format(published="2021-05-20", visible="Published: 1 June 2021", prose=PROSE, more=MORE)
    found = date_from_html(html, TODAY)
    assert found.published == date(2021, 6, 1)
    assert found.kind == "published-label"


def test_html_without_dates():
    html = "<html><body><h1>Talks</h1><p>" + PROSE + "</p></body></html>"
    assert date_from_html(html, TODAY).published is None


BODY = f"<p>{PROSE}</p><p>{MORE}</p><p>{PROSE}</p>"


def test_html_structured_date_in_another_format():
    # htmldate reads only ISO dates here; the JSON-LD day still counts.
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "Tue, Sep 15 2020 10:01:41 EDT"}</script></head>'
        f"<body><h1>Talks</h1>{BODY}</body></html>"
    )
    found = date_from_html(html, TODAY)
    assert found.published == date(2020, 9, 15)
    assert found.kind == "meta"
    assert found.evidence == "JSON-LD datePublished: Tue, Sep 15 2020 10:01:41 EDT"


def test_html_microdata_publication_day_beats_htmldates_modification_day():
    html = (
        "<html><head><title>T</title></head><body><article><h1>Talks</h1><div class='meta'>"
        '<time itemprop="dateModified" class="hidden">2018-08-29 14:15:57</time> '
        '<time itemprop="datePublished" datetime="2018-06-22 10:20:00" class="hidden">22.06.2018 10:20</time>'
        f"</div>{BODY}</article></body></html>"
    )
    found = date_from_html(html, TODAY)
    assert found.published == date(2018, 6, 22)
    assert found.kind == "meta"
    assert found.evidence == '<time itemprop="datePublished">2018-06-22 10:20:00'


def test_html_declared_day_seen_on_the_page_beats_a_later_visible_date():
    # A forum thread: the opening post's day is declared and shown; a reply's day sits closer
    # to the text and would win the visible reading alone.
    nav = "".join(f"<li><a href='/f{i}'>Forum section {i}</a></li>" for i in range(32))
    html = (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting", '
        '"datePublished": "2020-09-18"}</script></head><body><h1>Engine noise when cold</h1>'
        f"<p>Start date: Sep 18, 2020</p><ul>{nav}</ul><div>Sep 20, 2020</div>{BODY}</body></html>"
    )
    found = date_from_html(html, TODAY)
    assert found.published == date(2020, 9, 18)
    assert found.kind == "date-label"
    assert found.evidence == "Start date: Sep 18, 2020"
    assert date_from_page(visible_page(load_html(html)), TODAY).published == date(2020, 9, 20)


def test_html_last_modified_footer_alone_is_not_a_publication_day():
    html = (
        f"<html><head></head><body><h1>Talks</h1>{BODY}<ul><li id='footer-info-lastmod'>"
        "This page was last modified on 4 November 2020, at 19:23.</li></ul></body></html>"
    )
    found = date_from_html(html, TODAY)
    assert found.published is None
    assert found.note == "htmldate's 2020-11-04 is shown only as an update date"


# --- other renderers: wrapped paragraphs, Markdown, link numbers ----------------------------

LONG = (
    "The minister said on Thursday that the talks would resume next week in the capital, after two "
    "days of meetings that ended without an agreement on the main points of the draft, and that both "
    "delegations had asked their governments for new instructions before the next round began."
)


def wrapped(*paragraphs: str, width: int = 78) -> tuple[LineMark, ...]:
    """A dump hard-wrapped at `width` columns, as w3m -cols, lynx and html2text write it."""
    rows: list[str] = []
    for paragraph in paragraphs:
        rows += textwrap.wrap(paragraph, width) + [""]
    return page(*rows)


def test_a_wrapped_fragment_of_prose_that_starts_near_a_date_is_prose():
    # Physical lines: "Medienaktion ... 11. Februar 2022: Informationen & Alltag" would look like
    # a short metadata line; its paragraph is a teaser sentence.
    teaser = (
        "Feuerwehr twittert wieder: Medienaktion am europäischen Notruftag 11. Februar 2022: "
        "Informationen und Alltag aus den Wachen in Berlin und anderswo – es wird wieder getwittert, "
        "und die Leitstellen zeigen, was ein Notruf auslöst und wie lange es dauert, bis Hilfe kommt."
    )
    found = date_from_lines(wrapped("Talks to resume next week", "04.02.2022", LONG, LONG, LONG, teaser), TODAY)
    assert found.published == date(2022, 2, 4)
    assert found.kind == "standalone"
    teaser_date = next(c for c in found.candidates if c.day == date(2022, 2, 11))
    assert teaser_date.kind == "text"
    assert teaser_date.evidence.startswith("Feuerwehr twittert wieder: Medienaktion am europäischen Notruftag 11.")


def test_a_label_deep_in_a_wrapped_paragraph_is_not_a_label():
    # A physical line reads "Person ansteckt. Laut einer Veröffentlichung des Instituts vom
    # 15.4.2020 sank": the label is near the line's start, but 180 characters into its paragraph.
    prose = (
        "Nun ist es offiziell, der Reproduktionsfaktor sank schon vor dem Beschluss unter eins, das "
        "ist der Zeitpunkt, ab dem ein Erkrankter weniger als eine andere Person ansteckt. Laut einer "
        "Veröffentlichung des Instituts vom 15.4.2020 sank der Höchstwert bereits ab dem Monatsanfang "
        "und liegt seither unter eins, drei Tage vor dem Beschluss, was die Debatte verändert hat."
    )
    lines = wrapped("Talks to resume next week", "Bericht vom 22.04.2020", prose, LONG, LONG, width=80)
    line = "Person ansteckt. Laut einer Veröffentlichung des Instituts vom 15.4.2020"
    assert any(m.text.startswith(line) for m in lines)
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2020, 4, 22)
    assert {c.kind for c in found.candidates if c.day == date(2020, 4, 15)} == {"text"}


def test_the_position_window_counts_paragraphs_not_wrapped_lines():
    # A standfirst wrapped over 18 short lines sits between the date and the article: it is one
    # paragraph, so the date is still just above the article's text.
    standfirst = " ".join(["Officials from both sides declined to comment on the details of the draft"] * 14)
    comment = "Reply from Jane Doe · 4 March 2020"  # a rival below the article
    lines = wrapped("March 3, 2020", standfirst, LONG, LONG, LONG, comment, width=60)
    assert lines[2].text.startswith("Officials") and lines[19].text and not lines[20].text  # 18 lines
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2020, 3, 3)
    assert found.kind == "standalone"
    assert found.evidence == "March 3, 2020"


def test_markdown_escapes_and_links_are_read_as_their_text():
    # html2text: "12\\. November 2021" escapes the dot; the date is a link to the story's own URL.
    lines = article("[12\\. November 2021](https://example.org/2021/11/12/talks-to-resume-next-week/)")
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2021, 11, 12)
    assert found.kind == "standalone"
    assert found.evidence == "12. November 2021"
    assert date_from_lines(article("Veröffentlicht am 12\\. November 2021"), TODAY).published == date(2021, 11, 12)
    # Emphasis is not glue: "_Dienstag, 2. November 2021_" is not part of a file name.
    found = date_from_lines(article("_Dienstag, 2. November 2021_"), TODAY)
    assert found.published == date(2021, 11, 2)
    assert found.evidence == "Dienstag, 2. November 2021"


def test_a_link_url_broken_by_the_wrap_is_still_one_link():
    lines = wrapped(
        "Talks to resume next week",
        "Posted by [Jane Doe](https://example.org/author/jane-doe/ \"All posts by Jane\") on "
        "[August 3, 2019](https://example.org/2019/08/03/talks-to-resume-next-week-after-two-days-of-meetings/)",
        LONG, LONG, LONG, width=80,
    )
    assert any(m.text == "after-two-days-of-meetings/)" for m in lines)  # the renderer broke the URL
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2019, 8, 3)
    assert found.kind == "published-label"
    assert found.evidence == "Posted by Jane Doe on August 3, 2019"


def test_a_date_that_is_link_text_inside_prose_is_prose():
    # html2text put the link on a line of its own: "[09.07.2019](https://…/stellungnahme-des-".
    cited = (
        "Es bleibt weiterhin spannend, was die Nutzung durch Schulen angeht. Nachdem der Beauftragte "
        "für Datenschutz und Informationsfreiheit am [09.07.2019](https://example.org/pressemitteilungen/"
        "stellungnahme-des-beauftragten-fuer-datenschutz) zunächst bekannt gab, dass eine Nutzung nicht "
        "zulässig sei, äußerte er sich später erneut zum Thema, was an vielen Schulen für Erleichterung "
        "gesorgt hat."
    )
    lines = wrapped("Talks", "Posted in Datenschutz by damianduchamps on August 3, 2019", cited, LONG, LONG, width=80)
    assert any(m.text.startswith("[09.07.2019](https://") for m in lines)
    found = date_from_lines(lines, TODAY)
    assert found.published == date(2019, 8, 3)
    cited_day = [c for c in found.candidates if c.day == date(2019, 7, 9)]
    assert [c.kind for c in cited_day] == ["text"]
    assert "Informationsfreiheit am 09.07.2019 zunächst bekannt gab" in cited_day[0].evidence


def test_lynx_link_numbers_do_not_make_a_list_or_glue():
    # lynx -dump writes "[205]" before every link: the teasers' "[205]10.11.2021" are the same
    # line as the article's "10.11.2021", not three distinct dated items.
    teasers = ("Aktuell", "", "Other story one", "[205]10.11.2021", "", "Other story two", "[206]10.11.2021",
               "", "Other story three", "[207]09.11.2021")
    found = date_from_lines(article("[204]10.11.2021", footer=teasers), TODAY)
    assert found.published == date(2021, 11, 10)
    assert found.kind == "standalone"
    assert found.evidence == "10.11.2021"
    listed = "inside a list of dated items (other stories, comments)"
    assert not rejections(found) & {listed, "part of a file name or link"}


def test_every_kept_date_has_evidence_and_kind_on_a_wrapped_markdown_page():
    found = date_from_lines(wrapped("# Talks", "**Published:** 3 March 2031", LONG, LONG, LONG), TODAY)
    assert found.published == date(2031, 3, 3)
    assert found.kind == "published-label"
    assert found.evidence == "Published: 3 March 2031"
    assert found.note == "impossible: the page's publication day 2031-03-03 is in the future"


def test_a_long_line_of_fields_led_by_the_date_is_a_metadata_line():
    # Joined paragraphs make metadata lines longer: a date-led run of separated fields stays one.
    line = "28.04.2021 - 07:18 | Quelle: dpa-afx | Lesedauer etwa 4 min. | Text vorlesen Stop Pause Fortsetzen"
    found = date_from_lines(article(line), TODAY)
    assert found.published == date(2021, 4, 28)
    assert found.kind == "byline"
    assert found.evidence == line


# --- out of range ---------------------------------------------------------------------------


def test_out_of_range_dates_in_text_are_candidates_with_their_reason():
    footer = ("Founded 1 May 1850", "Archive 01.01.0001")
    found = date_from_lines(article("Posted on 31 December 9999", footer=footer), TODAY)
    assert found.published is None
    assert found.note == "every date on the page was rejected"
    assert {(c.day, c.rejected) for c in found.candidates} == {
        (date(9999, 12, 31), "out of range: after 2099"),
        (date(1850, 5, 1), "out of range: before 1990"),
        (date(1, 1, 1), "out of range: before 1990"),
    }


def test_an_out_of_range_reading_does_not_hide_a_date_inside_it():
    # "1500 people, 23 March" reads as 1500-03-23 first; the real date starts inside it.
    found = date_from_lines(article("Posted on 1500 people, 23 March 2020"), TODAY)
    assert found.published == date(2020, 3, 23)


def test_out_of_range_dates_in_meta_and_json_ld_are_candidates_with_their_reason():
    html = (
        '<html><head><title>Talks</title><meta property="article:published_time" content="9999-12-31T00:00:00Z">'
        '<meta name="date" content="1850-05-01"><script type="application/ld+json">'
        '{"@type": "NewsArticle", "datePublished": "0001-01-01T00:00:00Z"}</script></head>'
        f"<body><article><h1>Talks</h1><p>{PROSE}</p><p>{MORE}</p></article></body></html>"
    )
    found = date_from_html(html, TODAY)
    assert found.published is None
    assert found.note == "every date on the page was rejected"
    assert {(c.evidence, c.rejected) for c in found.candidates} == {
        ('<meta article:published_time="9999-12-31T00:00:00Z">', "out of range: after 2099"),
        ('<meta date="1850-05-01">', "out of range: before 1990"),
        ("JSON-LD datePublished: 0001-01-01T00:00:00Z", "out of range: before 1990"),
    }


def test_an_html_pages_visible_blocks_are_never_joined_as_wrapped_lines():
    # Headlines near a text width, each followed by a block in lower case or digits: the look
    # of a hard-wrapped dump, but HTML blocks are paragraphs already.
    items = "".join(
        f"<div>Kurzmeldungen und bunte Nachrichten: Splitter aus der Bundesliga im Monat Nummer {n}</div>"
        f"<div>0{n}.01.2022 · Männer · HBL1</div><div>gestern · Männer · HBL{n}</div>"
        for n in range(1, 8)
    )
    page = visible_page(load_html(f"<html><body>{items}</body></html>"))
    assert [u.first for u in page.units] == [u.last for u in page.units]
    assert len(page.units) == 21


def test_a_trackback_rdf_date_in_an_html_comment_is_structured_data():
    rdf = (
        '<!-- <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<rdf:Description rdf:about="https://blog.example/e/1" dc:title="Ein Titel / mit Schrägstrich"'
        ' dc:date="2020-07-12T22:00:00+09:00" /></rdf:RDF> -->'
    )
    html = f"<html><head><title>Ein Titel</title></head><body><h1>Ein Titel</h1>{rdf}{BODY}</body></html>"
    found = date_from_html(html, TODAY)
    assert found.published == date(2020, 7, 12)
    assert found.evidence == 'RDF dc:date="2020-07-12T22:00:00+09:00"'
