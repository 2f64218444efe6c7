from collections import Counter

from broadsheet.extract.page import Page
from broadsheet.extract.templates import (
    count_fingerprints,
    fingerprint,
    normalise_line,
    template_from_counts,
)


def test_normal_form_ignores_case_numbers_spacing_and_bullets():
    notice = "• © 2019 Example News. All Rights Reserved."
    assert normalise_line("  • © 2019 Example   News, All Rights Reserved. ") == "0 example news all rights reserved"
    assert fingerprint("* © 2020 example news - all rights reserved") == fingerprint(notice)
    assert fingerprint("Example News") != fingerprint("Example Newsletter")
    assert 0 <= fingerprint("Example News") < 2**64  # the warehouse's UBIGINT


def test_lines_without_letters_or_digits_have_no_fingerprint():
    assert fingerprint(" •  ━━━ ") is None
    assert count_fingerprints("• Home\n\n ━━━\n• Home\nHome") == {fingerprint("Home")}


def test_template_needs_both_enough_pages_and_a_share_of_them():
    counts = {"a": 10, "b": 6, "c": 5, "d": 2}
    assert template_from_counts(counts, documents=10, min_docs=3, min_share=0.5) == {"a", "b", "c"}
    assert template_from_counts(counts, documents=10, min_docs=3, min_share=0.6) == {"a", "b"}
    assert template_from_counts(counts, documents=4, min_docs=3, min_share=0.5) == {"a", "b", "c"}
    assert template_from_counts(counts, documents=2, min_docs=3) == {"a", "b", "c"}
    assert template_from_counts({}, documents=0) == frozenset()


def test_learned_template_is_what_recurs_across_an_outlets_pages():
    stories = ["Floods close the river road.", "The mayor opens a library.", "Rain is due on Sunday.", "A bridge."]
    pages = [f"• Home\n• World\n{story}\nShare this\n© 20{10 + n} Example" for n, story in enumerate(stories)]
    pages.append("• Home\nA page that lacks most of the menu.\n")
    counts = Counter(fp for page in pages for fp in count_fingerprints(page))
    template = template_from_counts(counts, len(pages), min_docs=3, min_share=0.5)
    assert template == {fingerprint(t) for t in ("Home", "World", "Share this", "© 2019 Example")}
    # Only "Home" is on all five pages.
    assert template_from_counts(counts, len(pages), min_docs=3, min_share=0.9) == {fingerprint("Home")}


def test_link_markup_of_other_renderers_does_not_change_the_fingerprint():
    assert fingerprint("* [Sign up](https://example.com/newsletter?ref=nav)") == fingerprint("• Sign up")
    assert fingerprint("[12]Sign up") == fingerprint("Sign up")
    # An image reads as its alt text, as text renderers print it; a bare URL is nothing to read.
    assert fingerprint("![logo](/img/logo.png) Example News") == fingerprint("[logo] Example News")
    assert normalise_line("![Site logo](https://x.com/logo.png)") == "site logo"
    assert normalise_line("https://example.com/a/b") == ""


def test_templates_fingerprint_the_very_form_the_cleaner_compares():
    lines = ["![Site logo](https://x.com/logo.png)", "• [Sign up](https://example.com/n)", "© 2019 Example News", "* Home"]
    page = Page.from_text("\n\n".join(lines))
    assert [unit.normal for unit in page.units] == [normalise_line(line) for line in lines]
    assert count_fingerprints("\n\n".join(lines)) == {fingerprint(line) for line in lines}
