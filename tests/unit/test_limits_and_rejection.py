"""Bounded cost per page, and pages that are not articles: rejected with their reason.

Fixtures are small realistic pages written inline (text dumps and HTML, a few languages)."""

import hashlib
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from broadsheet.explain import explain
from broadsheet.extract import extract_document, extract_documents
from broadsheet.extract.html import nesting_depth
from broadsheet.extract.templates import fingerprint
from broadsheet.limits import Limits
from broadsheet.records import RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TODAY = date(2024, 6, 1)
PROSE = [
    "The minister said on Thursday that the talks would resume next week in the capital, after"
    " two days of meetings that ended without an agreement on the main points.",
    "Officials from both sides declined to comment on the details of the draft text, citing the"
    " confidentiality of the negotiations, which are expected to last until the summer.",
    "Opposition leaders criticised the government for the delay, saying that the country could"
    " not afford another year without a budget, and called for early elections.",
]


def doc(text: str, fmt: str = "text", path: str = "page") -> RawDocument:
    sha = hashlib.sha256(text.encode()).hexdigest()
    return RawDocument.of_text(f"/in/{path}.{'txt' if fmt == 'text' else 'html'}", sha, len(text), fmt, "utf-8", text)


def rejected(text: str, fmt: str = "text", limits: Limits = Limits()) -> str | None:
    return extract_document(doc(text, fmt), today=TODAY, limits=limits).rejected


def article_text(*header: str) -> str:
    return "\n".join(["The Daily Courier", "", "Talks to resume next week", "", *header, "", *PROSE])


# --- linear time and caps -----------------------------------------------------------------


def test_a_10_mb_single_line_extracts_in_linear_time():
    # A seed's lines run into one: dates, credits, quotes and links over 10 MB without a break.
    seed = " ".join(p.read_text(encoding="utf-8").replace("\n", " ") for p in sorted(SEEDS.glob("*.txt")))
    line = (seed * (10_000_000 // len(seed) + 1))[:10_000_000]
    started = time.perf_counter()
    extraction = extract_document(doc(line), today=TODAY)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"{elapsed:.1f} s for a 10 MB line: something is quadratic again"  # was 155 s
    assert extraction.rejected is None or extraction.rejected.startswith(("not_an_article", "body_too_long"))


def test_a_page_over_max_page_chars_is_rejected_before_parsing():
    text = "x" * 1001
    assert rejected(text, limits=Limits(max_page_chars=1000)) == "page_too_large: 1001 chars > max_page_chars=1000"
    html = "<html><body><p>" + "y" * 2000 + "</p></body></html>"
    assert rejected(html, "html", Limits(max_html_chars=1000)).startswith("page_too_large: 2033 chars > max_html_chars=1000")


def test_a_body_over_max_body_words_is_rejected_not_published_as_a_book():
    text = article_text()
    assert rejected(text, limits=Limits(max_body_words=50)).startswith("body_too_long: ")
    assert rejected(text, limits=Limits(max_body_words=50)).endswith(" words > max_body_words=50")
    assert rejected(text) is None
    html = "<html><head><title>Talks</title></head><body><article>" + "".join(
        f"<p>{p}</p>" for p in PROSE
    ) + "</article></body></html>"
    assert rejected(html, "html", Limits(max_body_words=50)).startswith("body_too_long: ")


def test_html_nested_deeper_than_max_html_depth_is_rejected():
    deep = "<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    assert rejected(deep, "html", Limits(max_html_depth=400)) == (
        "html_too_deep: elements nested more than 400 deep (max_html_depth=400)"
    )
    assert time.perf_counter() - started < 2


def test_nesting_depth_closes_optional_end_tags_like_a_parser():
    paragraphs = "<html><body><div>" + "<p>one paragraph" * 1000 + "</div></body></html>"
    assert nesting_depth(paragraphs, 400) == 4  # html, body, div, p: each <p> closes the last
    items = "<ul>" + "<li><a href='/x'>item</a>" * 500 + "</ul>"
    assert nesting_depth(items, 400) == 3
    table = "<table>" + "<tr><td>a<td>b" * 500 + "</table>"
    assert nesting_depth(table, 400) == 3
    script = "<body><script>" + "<div>" * 1000 + "</script><p>x</p></body>"
    assert nesting_depth(script, 400) == 2
    assert nesting_depth("<div>" * 50, 10) == 11  # stops once past the limit


def test_rejected_pages_are_quarantined_and_crashes_still_are():
    furniture = doc(_furniture_of_seed_000(), path="furniture")
    good = doc(article_text("14 May 2024"), path="good")
    batch = extract_documents([furniture, good], None, today=TODAY)
    assert [item.doc.path for item in batch.articles] == ["/in/good.txt"]
    assert [(q.path, q.stage) for q in batch.quarantined] == [("/in/furniture.txt", "extract")]
    assert batch.quarantined[0].reason.startswith("not_an_article: ")
    assert batch.quarantined[0].sha256 == furniture.sha256
    crash = RawDocument("/in/crash.txt", "0" * 64, 1, "text", "utf-8", b"not packed")  # unpacking the text fails
    assert extract_documents([crash], None).quarantined[0].reason.startswith("ZstdError: ")

    def prepare(article):  # what the pipeline computes per article can fail on one page too
        if article.doc.path.endswith("bad.txt"):
            raise ValueError("no domain in 'http://['")
        return article

    bad = doc(article_text("14 May 2024"), path="bad")
    prepared = extract_documents([bad, good], None, today=TODAY, prepare=prepare)
    assert [item.doc.path for item in prepared.articles] == ["/in/good.txt"]
    assert [(q.path, q.reason) for q in prepared.quarantined] == [("/in/bad.txt", "ValueError: no domain in 'http://['")]


def test_the_second_pass_quarantines_a_page_its_template_empties():
    page = doc(article_text(), path="templated")
    first = replace(extract_document(page, today=TODAY), outlet="Courier")
    assert first.rejected is None
    template = frozenset(fingerprint(line) for line in PROSE)
    refined = extract_documents([page], None, today=TODAY, templates={page.sha256: template})
    assert refined.articles == []
    assert [q.path for q in refined.quarantined] == ["/in/templated.txt"]
    assert refined.quarantined[0].reason.startswith("not_an_article: no article prose: body is 0 words")


# --- not an article -----------------------------------------------------------------------


def _furniture_of_seed_000() -> str:
    lines = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[:3] + lines[-8:])


def test_a_page_of_site_furniture_only_is_not_an_article():
    reason = rejected(_furniture_of_seed_000())
    assert reason == (
        "not_an_article: no article prose: body is 16 words in 1 paragraph, no publication day;"
        " 9 of 10 paragraphs removed as page furniture"
    )


def test_the_seeds_are_articles():
    for path in sorted(SEEDS.glob("*.txt")):
        assert rejected(path.read_text(encoding="utf-8")) is None, path.name


HEADLINES = [
    "Parliament passes budget after all-night session",
    "Floods force thousands from homes in the north",
    "Central bank holds rates steady for third month",
    "Striker signs four-year deal with champions",
    "New metro line opens two years behind schedule",
    "Wildfire season starts early after dry spring",
    "Court rules on disputed election results",
    "Tech firm announces 2,000 job cuts worldwide",
]
TEASERS = ["The vote came after twelve hours of debate.", "Rescue teams are working through the night.", ""]


def test_a_listing_page_is_not_an_article_text():
    lines = ["The Daily Courier", "Home | World | Business | Sport", "", "Latest news", ""]
    for i, headline in enumerate(HEADLINES):
        lines += [f"* [{headline}](/news/{i})", TEASERS[i % 3], f"{14 - i} May 2024, 1{i}:05", ""]
    lines += ["Load more", "© 2024 The Daily Courier. All rights reserved."]
    reason = rejected("\n".join(lines))
    assert reason.startswith("not_an_article: no article prose: body is ")
    assert reason.endswith("; 8 dates of listed items")


def test_a_listing_page_is_not_an_article_html():
    items = "".join(
        f'<li><a href="/news/{i}"><h3>{h}</h3></a><p>{TEASERS[i % 3]}</p>'
        f'<time datetime="2024-05-{14 - i:02d}">{14 - i} May 2024</time></li>'
        for i, h in enumerate(HEADLINES)
    )
    html = (
        "<html><head><title>Latest news | The Daily Courier</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
        f'<main><h1>Latest news</h1><ul class="list">{items}</ul></main>'
        "<footer>© 2024 The Daily Courier</footer></body></html>"
    )
    reason = rejected(html, "html")
    assert reason.startswith("not_an_article: listing page: ")
    assert "words are link text, in " in reason


def test_an_article_with_links_in_its_text_is_an_article_html():
    body = "".join(f'<p>{p} <a href="/more">Read the earlier report on the talks here</a>.</p>' for p in PROSE)
    html = f"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>{body}</article></body></html>"
    assert rejected(html, "html") is None


def test_error_pages_are_not_articles():
    text = "\n".join(["404 Not Found", "", "The page you requested could not be found on this server.", "Home"])
    assert rejected(text) == "not_an_article: error page: '404 Not Found' in title"
    html = (
        "<html><head><title>Seite nicht gefunden – Tagesblatt</title></head><body><main>"
        "<h1>Seite nicht gefunden</h1><p>Die von Ihnen aufgerufene Seite existiert leider nicht mehr."
        " Vielleicht finden Sie das Gesuchte über unsere Startseite oder die Suche.</p></main></body></html>"
    )
    assert rejected(html, "html").startswith("not_an_article: error page: 'Seite nicht gefunden")
    spanish = "\n".join(["Error 404 - Página no encontrada", "", "Lo sentimos, la página que busca no existe."])
    assert rejected(spanish).startswith("not_an_article: error page: 'Error 404")


def test_an_article_about_an_error_is_an_article():
    text = article_text("14 May 2024").replace("Talks to resume next week", "Website shows 404 error for hours")
    assert rejected(text) is None


def test_consent_walls_are_not_articles():
    english = "\n".join(
        [
            "The Daily Courier",
            "",
            "We value your privacy",
            "",
            "We and our partners use cookies and similar technologies to store and access information"
            " on your device, to personalise content and ads and to analyse our traffic. By clicking"
            " Accept all you consent to this processing; you can change your choice at any time.",
            "",
            "[Accept all] [Manage settings]",
        ]
    )
    assert rejected(english).startswith("not_an_article: consent wall: ")
    french = (
        "<html><head><title>Le Quotidien</title></head><body><div class='cmp'><h2>Le respect de votre vie"
        " privée</h2><p>Nous et nos partenaires utilisons des cookies pour stocker et accéder à des"
        " informations sur votre appareil. Avec votre consentement, nous traitons vos données pour"
        " afficher des publicités personnalisées et mesurer l'audience de notre site.</p>"
        "<button>Tout accepter</button></div></body></html>"
    )
    assert rejected(french, "html").startswith("not_an_article: consent wall: ")


def test_an_article_about_cookies_is_an_article():
    story = (
        "The regulator fined the publisher on Monday for setting cookies before readers gave their"
        " consent, the first such fine under the new rules, and ordered it to change its banner."
    )
    assert rejected(article_text("14 May 2024").replace(PROSE[1], story)) is None


def test_paywall_pages_are_not_articles():
    english = "\n".join(
        [
            "The Daily Courier",
            "",
            "Talks to resume next week",
            "",
            PROSE[0],
            "",
            "Subscribe to continue reading",
            "Already a subscriber? Log in",
        ]
    )
    assert rejected(english) == (
        "not_an_article: paywall: 'subscribe to continue reading'; body is 29 words"
    )
    german = (
        "<html><head><title>Gespräche gehen weiter | Tagesblatt</title></head><body><article>"
        "<h1>Gespräche gehen weiter</h1><p>Der Minister sagte am Donnerstag, die Gespräche würden"
        " nächste Woche in der Hauptstadt fortgesetzt.</p><p>Dieser Artikel ist nur für Abonnenten"
        " verfügbar. Jetzt abonnieren und weiterlesen.</p></article></body></html>"
    )
    assert rejected(german, "html").startswith("not_an_article: paywall: 'nur für abonnenten'")


def test_a_short_article_with_a_newsletter_pitch_is_an_article():
    text = article_text("14 May 2024") + "\n\nSubscribe to our daily newsletter"
    assert rejected(text) is None


def test_explain_names_the_rejection():
    out = explain(doc(_furniture_of_seed_000()))
    assert "REJECTED, not published: not_an_article: no article prose" in out
