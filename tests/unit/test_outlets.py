"""Which outlet a page names as itself: furniture and datelines count, prose and photo credits do not."""

import pytest

from broadsheet.extract.outlet import Outlet, OutletRegistry

from .pages import marked

PROSE = "The minister said on Thursday that the talks would resume next week in the capital."


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return OutletRegistry(
        [
            Outlet("Sputnik", ("Sputnik International",), ("sputniknews.com",), "RU", ("en",), 2014),
            Outlet("Emirates Voice", ("Emiratesvoice", "Arab Today"), ("emiratesvoice.com",), "AE", ("en",), 2008),
            Outlet("Rudaw", ("Rudaw Media Network",), ("rudaw.net",), "IQ", ("en",), 2008),
        ]
    )


page = marked  # rows prefixed "+" are article body (kept), the others page furniture


def name(outlet):
    return outlet.name if outlet else None


def test_dateline_names_the_outlet(registry):
    assert name(registry.identify(page("+" + PROSE), "MOSCOW (Sputnik)")) == "Sputnik"
    assert name(registry.identify(page("+" + PROSE), "Paris - Arab Today")) == "Emirates Voice"


def test_standalone_site_name_line(registry):
    assert name(registry.identify(page("Headline", "20-05-2016", "Rudaw", "+" + PROSE), None)) == "Rudaw"


def test_copyright_footer(registry):
    lines = page("+" + PROSE, "All rights reserved to Arab Today Media Group 2025 ©")
    assert name(registry.identify(lines, None)) == "Emirates Voice"


def test_caption_suffix(registry):
    lines = page("A fighter inspects a military vehicle near a village - Sputnik International", "+" + PROSE)
    assert name(registry.identify(lines, None)) == "Sputnik"


def test_prose_mentions_are_sources(registry):
    lines = page("+" + PROSE, "+The ministry told Rudaw the talks would go on.", "+Officials spoke to Sputnik on Monday.")
    assert registry.identify(lines, None) is None
    # Prose the cleaner removed is still prose.
    assert registry.identify(page("+" + PROSE, "According to Rudaw, the talks will go on next week."), None) is None


def test_photo_credit_is_not_the_outlet(registry):
    assert registry.identify(page("© Sputnik / Jane Doe", "+" + PROSE), None) is None


def test_one_short_mention_outside_the_article_is_not_enough(registry):
    assert registry.identify(page("+" + PROSE, "Rudaw interview sparks debate in parliament"), None) is None


def test_match_text_and_domain(registry):
    assert name(registry.match_text("Read it on Sputnik International")) == "Sputnik"
    assert registry.match_text("Sputniks everywhere") is None
    assert name(registry.match_domain("www.rudaw.net")) == "Rudaw"
    assert name(registry.match_domain("english.rudaw.net")) == "Rudaw"
    assert registry.match_domain("notrudaw.net") is None
