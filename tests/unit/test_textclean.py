import textwrap

from broadsheet.extract.clean import REASONS
from broadsheet.extract.page import plain_text
from broadsheet.extract.templates import fingerprint

from .pages import clean_text

PARAGRAPHS = [
    "The summit in Geneva ended on Friday with an agreement that surprised most of the delegates"
    " who attended it.",
    "Negotiators worked through the night to settle the last open points, according to two people"
    " in the room.",
    "The deal still has to be ratified by national parliaments, which is expected to take at least"
    " two years.",
    "Critics said the targets were too weak, but the organisers called the outcome a historic step"
    " for the planet.",
]

PAGE = "\n".join(
    [
        "• Home",  # 1
        "• World",  # 2
        "• Sports",  # 3
        "",  # 4
        "Leaders agree on a new climate deal",  # 5
        "",  # 6
        "By Jane Smith",  # 7
        "March 3, 2024 10:15 AM",  # 8
        "",  # 9
        PARAGRAPHS[0],  # 10
        "",  # 11
        PARAGRAPHS[1],  # 12
        "",  # 13
        "What comes next",  # 14
        "",  # 15
        PARAGRAPHS[2],  # 16
        "",  # 17
        PARAGRAPHS[3],  # 18
        "",  # 19
        "Comments",  # 20
        "",  # 21
        "Tell us what you think of the deal in the comments below and join the discussion today.",  # 22
        "Name *",  # 23
        "Email *",  # 24
        "",  # 25
        "© 2024 Example News. All rights reserved.",  # 26
    ]
)


def reasons_by_line(page) -> dict[int, str | None]:
    return {m.number: m.reason for m in page.lines}


def test_every_line_is_marked_with_its_reason():
    page = clean_text(PAGE)
    assert [m.number for m in page.lines] == list(range(1, 27))
    assert [m.number for m in page.lines if m.kept] == [10, 12, 14, 16, 18]
    assert reasons_by_line(page) == {
        1: "menu",
        2: "menu",
        3: "menu",
        4: "blank",
        5: "title",
        6: "blank",
        7: "byline",
        8: "date-meta",
        9: "blank",
        10: None,
        11: "blank",
        12: None,
        13: "blank",
        14: None,  # a subheading inside the article stays
        15: "blank",
        16: None,
        17: "blank",
        18: None,
        19: "blank",
        20: "comment-form",
        21: "blank",
        22: "comment-form",
        23: "form",
        24: "form",
        25: "blank",
        26: "copyright",
    }


def test_body_is_the_kept_lines_and_marks_keep_the_original_text():
    page = clean_text(PAGE)
    assert page.body == "\n".join(PARAGRAPHS[:2] + ["What comes next"] + PARAGRAPHS[2:])
    assert [m.text for m in page.lines] == PAGE.splitlines()
    assert all(m.reason in REASONS for m in page.lines if not m.kept)
    assert all(m.reason is None for m in page.lines if m.kept)


def test_template_lines_are_removed_even_inside_the_article():
    pitch = "Support our journalism today and become a member of the club for just a little money."
    text = "\n\n".join(PARAGRAPHS[:2] + [pitch] + PARAGRAPHS[2:])
    assert pitch in clean_text(text).body
    page = clean_text(text, frozenset({fingerprint(pitch)}))
    assert pitch not in page.body
    assert [m.reason for m in page.lines if m.text == pitch] == ["outlet-template"]


def test_captions_credits_share_rows_and_repeats_inside_the_article():
    text = "\n".join(
        [
            PARAGRAPHS[0],
            "",
            "Delegates applaud at the end of the summit in Geneva.",
            "Photo: Jane Smith/Example Agency",
            "",
            PARAGRAPHS[1],
            "",
            "Share on Facebook   Twitter   Email",
            "",
            "Live",
            "",
            PARAGRAPHS[2],
            "",
            "Live",
            "",
            PARAGRAPHS[3],
            "[summit-photo]",
        ]
    )
    reasons = reasons_by_line(clean_text(text))
    assert reasons[3] == "caption"
    assert reasons[4] == "photo-credit"
    assert reasons[8] == "share"
    assert reasons[10] == reasons[14] == "repeated"
    assert reasons[17] == "image"
    assert [n for n, r in reasons.items() if r is None] == [1, 6, 12, 16]


def test_prose_far_from_the_article_is_not_body():
    teasers = []
    for section, story in [("Sport", "the cup final"), ("Arts", "a new opera"), ("Money", "the budget")]:
        teaser = f"Everything you need to know about {story}, in one short read."
        teasers += [f"[{section}-picture]", section, teaser, ""]
    headline = ["Leaders agree on a new climate deal", "March 3, 2024"]
    text = "\n".join(teasers + headline + ["\n\n".join(PARAGRAPHS)])
    page = clean_text(text)
    assert page.body == "\n".join(PARAGRAPHS)
    assert [m.text for m in [m for m in page.lines if m.reason == "title"]] == ["Leaders agree on a new climate deal"]
    assert {m.reason for m in page.lines if m.text.startswith("Everything")} == {"outside-body"}


def test_hard_wrapped_paragraphs_are_kept_whole():
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS)
    text = "• Home\n• World\n• Sports\n\n" + wrapped + "\n\n© 2024 Example News"
    page = clean_text(text)
    kept = [m.text for m in page.lines if m.kept]
    assert kept == [line for line in wrapped.splitlines() if line]
    assert " ".join(page.body.split()) == " ".join(" ".join(PARAGRAPHS).split())


def test_unspaced_scripts_are_measured_in_characters():
    sentences = [
        "東京都は二十日、新しい気候対策の計画を発表し、"
        "二〇三〇年までに排出量を半分に減らす目標を掲げた。",
        "知事は記者会見で、企業や家庭に協力を呼びかけ、補助金の拡充も検討していると述べた。",
        "専門家からは、目標の達成には交通と建物の対策を急ぐ必要があるとの声が上がっている。",
    ]
    text = "• ホーム\n• ニュース\n\n" + "\n\n".join(sentences) + "\n\n• お問い合わせ"
    page = clean_text(text)
    assert page.body == "\n".join(sentences)


def test_a_page_without_prose_keeps_nothing():
    page = clean_text("• Home\n• About\n\nContact us\n")
    assert page.body == ""
    assert [m.reason for m in page.lines] == ["menu", "menu", "blank", "short"]
    assert clean_text("").lines == ()


# --- other renderers (docs/renderer-shift.md) ---------------------------------------------


def test_hard_wrapped_paragraphs_are_one_body_line_each():
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS)
    page = clean_text("• Home\n• World\n• Sports\n\n" + wrapped + "\n\n© 2024 Example News")
    assert page.body == "\n".join(PARAGRAPHS)
    assert [(u.first, u.last) for u in page.units if u.kept] == [(4, 5), (7, 8), (10, 11), (13, 14)]


def test_lynx_link_numbers_and_markdown_links_are_read_as_their_text():
    lynx = clean_text("\n\n".join(f"[{n}]{p}" for n, p in enumerate(PARAGRAPHS, 12)))
    assert lynx.body == "\n".join(PARAGRAPHS)
    linked = PARAGRAPHS[1].replace("two people", "[two people](https://example.com/people_list?a=1)")
    markdown = clean_text("\n\n".join([PARAGRAPHS[0], linked, PARAGRAPHS[2], r"It ended at 10\. a.m. on **Friday**."]))
    assert markdown.body.splitlines()[1] == PARAGRAPHS[1]
    assert markdown.body.splitlines()[3] == "It ended at 10. a.m. on Friday."
    # A footnote mark is not a link number; a Markdown image is a placeholder.
    assert plain_text("up to 1,000 alarms per shift[1], even") == "up to 1,000 alarms per shift[1], even"
    assert plain_text("![Delegates in Geneva](https://example.com/a.jpg)") == "[Delegates in Geneva]"
    assert plain_text("[ [Sinkhole Opens On A Road] ](/2019/sinkhole)") == "[Sinkhole Opens On A Road]"
    assert plain_text('[Ring doorbells](https://example.com/ring-1.4693522 "Ring doorbells") and') == "Ring doorbells and"
    assert plain_text("[Tornado](https://example.com/tornado- tears-the-roof) seen") == "Tornado seen"  # wrapped URL


def test_markdown_headings_are_headings_not_menu_bullets():
    text = "## Leaders agree on a new climate deal\n\n" + "\n\n".join(PARAGRAPHS)
    page = clean_text(text)
    assert [m.reason for m in page.lines[:1]] == ["title"]
    assert page.units[0].content == "Leaders agree on a new climate deal" and not page.units[0].bullet


def test_one_overlong_url_line_does_not_hide_the_wrap_width():
    url = "Source: https://example.com/" + "very-long-path-segment/" * 6 + "story.html"
    wrapped = "\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS)
    page = clean_text(wrapped + "\n\n" + url)
    assert len(url) > 120
    assert page.body.splitlines()[:4] == PARAGRAPHS


def test_wide_script_lines_are_joined_without_a_space_whichever_way_columns_are_counted():
    paragraph = (
        "東京都は二十日、新しい気候対策の計画を発表し、二〇三〇年までに排出量を半分に減らす目標を掲げた。"
        "知事は記者会見で、企業や家庭に協力を呼びかけ、補助金の拡充も検討していると述べた。"
    )
    paragraphs = [paragraph, paragraph.replace("東京都", "大阪府"), paragraph.replace("東京都", "京都府")]
    # 40 characters are 80 display columns (w3m counts columns); 70 characters would be 140
    # columns, wider than any wrap width, so only counting characters finds it (lynx).
    for width in (40, 70):
        text = "\n\n".join("\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in paragraphs)
        page = clean_text("• ホーム\n• ニュース\n\n" + text)
        assert page.body == "\n".join(paragraphs)
        assert all(m.kept for m in page.lines if m.text and not m.text.startswith("•"))


def test_lynx_third_level_bullet_o_is_a_bullet():
    page = clean_text("\n".join(["   o Home", "   o World news", "   o Sports"]) + "\n\n" + "\n\n".join(PARAGRAPHS))
    assert [m.reason for m in page.lines[:3]] == ["menu", "menu", "menu"]
    assert page.units[1].content == "World news" and page.units[1].bullet


def test_prose_set_deeper_after_the_article_is_a_teaser_list_not_the_article():
    teasers = []
    for story in ["the cup final", "a new opera", "the budget", "the election"]:
        teasers += [f"+ {story.title()} picture", "", f"Headline About {story.title()}", "",
                    f"            Everything you need to know about {story}, in one short read: what happened,"
                    " who said what, what the experts think of it and what comes next for all of those"
                    " involved in the coming weeks.", ""]
    text = "\n\n".join("   " + p for p in PARAGRAPHS) + "\n\n" + "\n".join(teasers)
    page = clean_text(text)
    assert page.body == "\n".join(PARAGRAPHS)
    # Deeper prose that is not a run of separate items (a quote at the end) stays.
    quote = "    " + "A volunteer said the agreement was the best news the town had heard in years."
    assert page.body != clean_text(text.split("+ ")[0] + quote).body
    assert clean_text(text.split("+ ")[0] + quote).body.endswith(quote.strip())


def test_hangul_wrapped_at_spaces_keeps_its_spaces():
    words = "서울시는 이십일 새로운 기후 대책을 발표하고 이천삼십년까지 배출량을 절반으로 줄이는 목표를 내걸었다".split()
    paragraphs = [" ".join(words[i:] + words[:i]) + "." for i in range(0, 12, 2)]
    paragraphs = [p + " " + p for p in paragraphs]
    text = "\n\n".join(textwrap.fill(p, 70) for p in paragraphs)  # counted in characters, as lynx does
    page = clean_text("• 홈\n• 뉴스\n\n" + text)
    assert page.body == "\n".join(paragraphs)


def test_a_cleaned_page_keeps_its_paragraphs_through_pickling():
    import pickle

    page = clean_text("\n\n".join(textwrap.fill(p, 60) for p in PARAGRAPHS))
    copy = pickle.loads(pickle.dumps(page.page))
    assert copy.marks() == page.lines
    assert [(u.first, u.last, u.text, u.kept) for u in copy.units] == [
        (u.first, u.last, u.text, u.kept) for u in page.units
    ]


def test_table_rows_laid_out_in_columns_are_not_joined_as_wrapped_lines():
    from broadsheet.extract.page import Page

    prose = (
        "The regional championships were held on a warm and windy day in the valley stadium,\n"
        "where more than three hundred young athletes from forty clubs took part in the races\n"
        "and the jumps, and where the organisers were pleased with the smooth running of it.\n"
    ) * 3
    table = (
        "1.   Effert, Sarah-Lea        1993    WÜ LG Staufen                     13,04    sec.  q\n"
        "2.   Pitan, Ramona            1993    WÜ DJK Ellwangen-SG Virngrund     13,24    sec.  q\n"
        "3.   Fronmüller, Sina         1993    WÜ Turnverein Holzheim 1885       13,96    sec.  q\n"
    )
    page = Page.from_text(prose + "\n" + table)
    assert any(u.last > u.first for u in page.units)  # the prose is hard-wrapped, and joined
    assert [u.text[:2] for u in page.units[-3:]] == ["1.", "2.", "3."]
