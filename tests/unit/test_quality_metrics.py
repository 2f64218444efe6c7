"""Derived check columns computed per document (broadsheet.quality), as the suites read them."""

from broadsheet.quality import boilerplate_line_share


def test_boilerplate_share_counts_short_lines_that_end_no_sentence():
    body = "A first paragraph of the story, long enough to be prose.\n\nShare this\nRead more\n  \nIt ended.\nWhy?"
    # non-empty lines: the paragraph, "Share this", "Read more", "It ended.", "Why?"
    assert boilerplate_line_share(body) == 2 / 5


def test_boilerplate_share_of_an_empty_body_is_zero():
    assert boilerplate_line_share("") == 0.0
    assert boilerplate_line_share(" \n \n") == 0.0
