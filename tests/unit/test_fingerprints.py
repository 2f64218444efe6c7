from broadsheet.fingerprints import (
    count_fingerprints,
    fingerprint,
    learn_template_lines,
    normalise_line,
    template_from_counts,
)


def test_normal_form_ignores_case_numbers_spacing_and_bullets():
    notice = "• © 2019 Example News. All Rights Reserved."
    assert normalise_line("  • © 2019 Example   News, All Rights Reserved. ") == "0 example news all rights reserved"
    assert fingerprint("* © 2020 example news - all rights reserved") == fingerprint(notice)
    assert fingerprint("Example News") != fingerprint("Example Newsletter")
    assert len(fingerprint("Example News")) == 16


def test_lines_without_letters_or_digits_have_no_fingerprint():
    assert fingerprint(" •  ━━━ ") == ""
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
    template = learn_template_lines(pages, min_docs=3, min_share=0.5)
    assert template == {fingerprint(t) for t in ("Home", "World", "Share this", "© 2019 Example")}
    # Only "Home" is on all five pages.
    assert learn_template_lines(pages, min_docs=3, min_share=0.9) == {fingerprint("Home")}


def test_link_markup_of_other_renderers_does_not_change_the_fingerprint():
    assert fingerprint("* [Sign up](https://example.com/newsletter?ref=nav)") == fingerprint("• Sign up")
    assert fingerprint("[12]Sign up") == fingerprint("Sign up")
    assert normalise_line("![logo](/img/logo.png) Example News") == "example news"
    assert normalise_line("https://example.com/a/b") == "https example com a b"  # nothing else to keep


def test_templates_by_outlet_count_each_page_once():
    from broadsheet.fingerprints import fingerprint, templates_by_outlet

    footer, story = fingerprint("Follow us on every network"), fingerprint("A story linked once")
    pages = {"Rudaw": {"p1": {footer, story}, "p2": {footer}, "p3": {footer}}, "Sputnik": {"p9": {footer}}}
    assert templates_by_outlet(pages) == {"Rudaw": frozenset({footer})}


def test_copies_of_one_article_teach_no_template():
    from broadsheet.extract import learn_run_templates
    from broadsheet.records import ExtractBatch, ExtractedDocument, Extraction, RawDocument

    body = "A long paragraph of the one article that was fetched three times over.\nA second line."
    copies = [
        ExtractedDocument(
            RawDocument(f"copy{n}.txt", f"{n}" * 64, 1, "text", "utf-8", f"copy {n}\nMenu\n{body}"),
            Extraction(None, None, None, None, "Rudaw", None, None, "en", body),
        )
        for n in range(3)
    ]
    assert learn_run_templates({}, [ExtractBatch(copies, [])]) == {}
