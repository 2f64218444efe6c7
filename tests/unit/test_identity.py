"""What a page says of itself (broadsheet/extract/identity.py, masthead.py): its own URL and outlet claims,
on hand-made pages and on real pages of the news corpora."""

import gzip
import json

import lxml.html
import pytest
from trafilatura.utils import load_html

from broadsheet.evaluate import outlet_matches
from broadsheet.extract import identity, masthead
from broadsheet.urls import registrable_domain
from tests.conftest import SHARED_EVAL


def tree(head: str, body: str = "<p>Text.</p>"):
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def test_own_url_prefers_canonical_then_og_url_then_structured_data():
    both = tree('<link rel="canonical" href="https://Example.com/a?utm_source=x"><meta property="og:url" content="https://other.org/b">')
    assert identity.own_url_html(both) == "https://example.com/a"
    assert identity.own_url_html(tree('<meta property="og:url" content="https://other.org/b">')) == "https://other.org/b"
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "mainEntityOfPage": {"@id": "https://x.net/s/1"}}</script>'
    assert identity.own_url_html(tree(ld)) == "https://x.net/s/1"
    assert identity.own_url_html(tree("<title>t</title>")) is None


def test_html_claims_read_metadata_structured_data_and_title_affixes_strongest_first():
    page = tree(
        '<meta property="og:site_name" content="The Daily Planet">'
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "publisher": {"@id": "#org"}},'
        ' {"@id": "#org", "@type": "Organization", "name": "Planet Media Group"}]}</script>'
        '<meta name="application-name" content="Planet">'
        "<title>Storm hits the coast | The Daily Planet</title>"
        '<meta property="og:title" content="Storm hits the coast">',
        "<footer>© 2024 Planet Media Group Ltd. All rights reserved.</footer>",
    )
    claims = identity.claims_html(page)
    kinds = [(c.name, c.kind) for c in claims]
    assert kinds[0] == ("The Daily Planet", "site_name")
    assert ("Planet Media Group", "publisher") in kinds  # the @id reference resolved
    assert ("The Daily Planet", "title_affix") in kinds  # og:title is the headline without it
    assert ("Planet Media Group", "copyright") in kinds  # legal form dropped
    assert [c.weight for c in claims] == sorted((c.weight for c in claims), reverse=True)
    assert identity.page_outlet(claims).name == "The Daily Planet"


def test_a_title_part_is_a_claim_only_when_something_confirms_it():
    # The same split on every declared title, and no domain: could be a section.
    assert identity.title_affixes(["Storm hits | Weather"]) == []
    assert identity.title_affixes(["Storm hits - planet.com"], "planet.com") == [("planet.com", "title: Storm hits - planet.com")]
    assert identity.title_affixes(["Kiosk - Storm hits", "Kiosk - Rain falls"])[0][0] == "Kiosk"


def test_names_the_address_confirms_win_and_a_crawled_address_must_confirm_one():
    claims = [identity.Claim("Parent Holdings", "© Parent Holdings", "copyright", 2.5),
              identity.Claim("Coast Courier", "og:site_name: Coast Courier", "site_name", 5.0)]
    assert identity.page_outlet(claims, "parentholdings.com").name == "Parent Holdings"
    # The page's own canonical may point at a sister site: unconfirmed names still count.
    assert identity.page_outlet(claims, "sister.net").name == "Coast Courier"
    # The crawl's URL is certain: no name confirms it, so the caller names the outlet by it.
    assert identity.page_outlet(claims, "sister.net", crawled=True) is None
    assert identity.name_from_domain("news.sister.net") == "sister"
    assert identity.name_from_domain("news.orf.at", ["news.ORF.at"]) == "ORF"


def test_text_claims_read_logos_copyright_and_a_masthead_the_page_names_again():
    lines = [
        "Skip to content",
        "  • News",
        "  • Sport",
        "Coast Courier",
        "Storm hits the coast",
        "The storm reached the coast on Monday and closed the harbour for two days, officials said.",
        "More from Coast Courier",
        "Follow Coast Courier on socials",
        "[Courier Group logo]",
        "© 2025 Courier Group Ltd. All rights reserved.",
        "Photo: © Jane Doe/Agency",
    ]
    claims = masthead.claims_text(lines)
    kinds = {(c.name, c.kind) for c in claims}
    assert ("Coast Courier", "masthead") in kinds
    assert ("Courier Group", "logo") in kinds and ("Courier Group", "copyright") in kinds
    assert not any("Jane" in c.name for c in claims)  # a photo credit names no outlet
    # A menu section at the top ("Sport") is not a masthead: nothing names it among other words.
    assert not any(c.name == "Sport" for c in claims)


def test_a_text_dump_names_its_own_site_when_one_domain_dominates():
    lines = ["Visit example-news.com", "Ads: www.example-news.com/ad", "Partner: other.org",
             "https://www.example-news.com/world/2025/storm-hits", "end"]
    assert identity.site_domain_text(lines)[0] == "example-news.com"
    assert identity.own_url_text(lines, "example-news.com") == "https://www.example-news.com/world/2025/storm-hits"
    assert identity.site_domain_text(["a.com", "b.org"]) == (None, None)  # no clear winner


def test_copyright_owners_and_dateline_credits():
    assert identity.copyright_owners(["Copyright (c) 2023 The Nightly Company LLC"]) == ["The Nightly"]
    assert identity.copyright_owners(["Kiosk Agency © 2021"]) == ["Kiosk Agency"]
    assert identity.copyright_owners(["© 2024 Harbour WeeklyPrivacyImprint"]) == ["Harbour Weekly"]
    assert identity.dateline_claim("LISBON (Harbour Wire) —").name == "Harbour Wire"
    assert identity.dateline_claim("LISBON —") is None


def _gold(corpus: str) -> list[dict]:
    return [json.loads(line) for line in (SHARED_EVAL / corpus / "gold.jsonl").read_text().splitlines() if line]


@pytest.mark.parametrize("index", range(0, 114, 9))
def test_real_html_pages_name_their_outlet_and_url(index):
    row = _gold("news-html")[index]
    page = load_html(gzip.decompress((SHARED_EVAL / "news-html" / row["file"]).read_bytes()))
    url = identity.own_url_html(page)
    assert url and registrable_domain(url)
    domain = registrable_domain(url)
    best = identity.page_outlet(identity.claims_html(page, domain), domain)
    name = best.name if best else identity.name_from_domain(domain)
    assert outlet_matches(row["outlet"], row["outlet_domain"], name) or registrable_domain(url) != registrable_domain(row["url"]), name


def test_real_text_dumps_name_their_outlet_on_most_pages():
    rows = _gold("news-text")
    right = 0
    for row in rows:
        lines = (SHARED_EVAL / "news-text" / row["file"]).read_text(encoding="utf-8", errors="replace").splitlines()
        domain, _ = identity.site_domain_text(lines)
        best = identity.page_outlet(masthead.claims_text(lines, domain), domain, lines)
        name = best.name if best else (identity.name_from_domain(domain) if domain else None)
        right += outlet_matches(row["outlet"], row["outlet_domain"], name)
    assert right / len(rows) >= 0.75


def test_self_reference_lines_name_the_site_when_the_name_recurs():
    lines = ["Daily Planet", "• Politics", "Follow Daily Planet on socials:", "Story text.", "More from Daily Planet", "Follow Us"]
    assert [n for n, _ in masthead.self_references(lines)] == ["Daily Planet", "Daily Planet"]
    assert masthead.self_references(["About Sport"]) == []  # named once: a section, not the site
    assert masthead.self_references(["Join Newsletter", "• Join Newsletter"]) == []  # only cue lines name it
    assert [n for n, _ in masthead.self_references(["• Planet-Newsletter", "Planet today"])] == ["Planet"]


def test_initials_join_a_name_and_its_short_form_and_spell_the_domain():
    assert identity.initials("Deutsche Welle") == "dw" and identity.initials("Vogue") == ""
    assert identity.agrees_with_domain("Deutsche Welle", "dw.com")
    claims = [identity.Claim("DW", "More from DW", "self_reference", 3.0), identity.Claim("Deutsche Welle", "© Deutsche Welle", "copyright", 2.5)]
    assert identity.page_outlet(claims, None, ["© Deutsche Welle", "More from DW"]).name == "Deutsche Welle"


def test_mentioned_domains_read_e_mail_addresses():
    assert "planet.example.de" not in identity.mentioned_domains(["Mail tips@planet.de"])
    assert "planet.de" in identity.mentioned_domains(["Mail tips@planet.de"])


def test_whole_page_scans_read_the_head_and_the_tail_of_a_huge_page():
    huge = "x" * 5_000_000
    window = identity.ends(["Head", huge, "Tail"])
    assert window[0] == "Head" and window[-1] == "Tail" and sum(map(len, window)) <= 2 * identity._SCAN_CHARS
    assert identity.ends(["a", "b"]) == ["a", "b"]


def _names(lines: list[str], domain: str | None = None) -> set[tuple[str, str]]:
    return {(c.name, c.kind) for c in masthead.claims_text(lines, domain)}


def test_badges_buttons_and_social_networks_stand_where_a_masthead_would_but_name_no_outlet():
    lines = ["Plus", "Hazte premium Hazte premium", "Logga in Logga in", "Our Twitter page linkTwitter",
             "Plus Magazin", "Plus Reisen", "Plus Kultur", "Menü", "Menü", "© 2024 Harbour Weekly | Powered by CMS"]
    assert _names(lines) == {("Harbour Weekly", "copyright")}


def test_a_parent_company_is_not_the_site_and_an_owner_line_names_the_site():
    lines = ["Coast Courier", "Storm hits the coast", "© 2025 Coast Group and affiliated companies. All rights reserved.",
             "A division of Coast Holdings", "© Coast Holdings", "Coast Courier - Property of Tavern Media LLC"]
    assert _names(lines) == {("Coast Courier", "owned")}
    lines = ["©2024 a Harbour plc subsidiary", "[harbour logo]", "Daily Planet", "Follow Daily Planet:", "Daily Planet on Facebook"]
    assert identity.page_outlet(masthead.claims_text(lines), None, lines).name == "Daily Planet"
    # "© Name Media Group GmbH" counts for less than "© Name": it often names the publisher
    assert [c.weight for c in masthead.claims_text(["© 2024 Planet Media Group GmbH"])] == [2.0]


def test_names_a_byline_gives_are_people_and_a_byline_may_credit_the_site():
    lines = ["Skip", "By Jane Doe", "Story", "More from Jane Doe", "Jane DoeJane Doe", "Contact the author:", "John Roe", "John RoeJohn Roe"]
    assert masthead.claims_text(lines) == []
    lines = ["By Jane Doe For Dailyplanet.Com", "Story text here."]
    assert identity.page_outlet(masthead.claims_text(lines), None, lines).name == "Dailyplanet"


def test_the_heading_of_the_footer_and_of_the_box_describing_the_site_is_a_masthead():
    footer = ["Menu", "Story text.", "Jobs bei Harbour Weekly", "Harbour Weekly", "• Registrieren", "• Impressum", "• Datenschutz"]
    assert ("Harbour Weekly", "masthead") in _names(footer)
    about = ["Menu", "Story text.", "Coast Courier",
             "Coast Courier is the voice of the coast's communities, with news, sport and what the harbour town talks about."]
    assert _names(about) == {("Coast Courier", "masthead")}
    assert _names(["Menu", "Story text.", "Rechtliches", "• Impressum", "• Datenschutz"]) == set()  # named once: a heading


def test_masthead_shapes_of_text_renderings():
    # a logo split after its article, twice; a title's place name is no doubled logo
    assert ("The Courier", "logo") in _names(["The", "Courier_", "Story", "The", "Courier_", "The storm came, the Courier reported."])
    assert _names(["News: Harbour | Coast Courier Harbour"]) == set()
    # an image's alt text and caption above its credit name a person, not the site
    assert _names(["Jane Doe", "Jane Doe", "Foto: Agency/Photographer", "Jane Doe said", "Jane Doe says", "Jane Doe told"]) == set()


def test_self_references_read_home_links_jobs_and_the_site_app_in_a_sentence():
    lines = ["zu Startseite Courier", "Back to Coast Courier", "Careers at COURIER", "Lesen Sie mehr mit der Coast Courier App!",
             "COURIER Pro", "Coast Courier today", "Courier Edition"]
    assert {n for n, _ in masthead.self_references(lines)} == {"Courier", "Coast Courier", "COURIER"}


def test_a_caption_repeated_under_its_image_names_its_domain_once():
    assert identity.site_domain_text(["Photo: Screenshot: party.org", "Photo: Screenshot: party.org"]) == (None, None)
