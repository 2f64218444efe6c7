"""HTML body and title: trafilatura plus the generic repairs of broadsheet.extract.html."""

from datetime import date

from trafilatura.utils import load_html

from broadsheet.extract.html import _drop_furniture, _with_sibling_chunks, read_html
from broadsheet.extract.title_html import clean_title


def paragraph(n: int) -> str:
    return " ".join(f"Paragraph {n} tells the reader about point {i} of the long running story." for i in range(3))


def count_calls(monkeypatch, owner, name: str) -> list:
    """Replace `owner.name` with a wrapper that appends to the returned list on every call."""
    calls = []
    original = getattr(owner, name)

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_clean_title_strips_the_site_name_however_it_is_attached():
    assert clean_title("Rescue teams search flooded valley | Daily Planet", "Daily Planet") == (
        "Rescue teams search flooded valley"
    )
    assert clean_title("Daily Planet - Rescue teams search flooded valley", "Daily Planet") == (
        "Rescue teams search flooded valley"
    )
    # A site name that itself holds a separator.
    assert clean_title("Black Friday deals - Remember 80/90 - Memorabilia", "Remember 80/90 - Memorabilia") == (
        "Black Friday deals"
    )
    # Without a site name, only a trailing domain is recognisably one.
    assert clean_title("NASA adds five companies to lander program - SpaceNews.com", None) == (
        "NASA adds five companies to lander program"
    )
    assert clean_title("Design Week 2018 | Light installation for FLOS", "Inexhibit") == (
        "Design Week 2018 | Light installation for FLOS"
    )
    assert clean_title("Daily Planet", "Daily Planet") is None


def test_article_split_over_sibling_containers_is_read_whole():
    html = f"""<html><head><title>Rescue teams search flooded valley | Daily Planet</title>
    <meta property="og:site_name" content="Daily Planet"></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
    <main><div class="chunks">
      <div class="article-body"><p>{paragraph(1)}</p><p>{paragraph(2)}</p></div>
      <div class="ad">Advertisement</div>
      <div class="article-body"><p>{paragraph(3)}</p><p>{paragraph(4)}</p></div>
    </div></main>
    <footer><p>© 2024 Daily Planet. All rights reserved.</p></footer></body></html>"""
    page = read_html(html, date(2024, 6, 1))
    assert page.title == "Rescue teams search flooded valley"
    assert page.sitename == "Daily Planet"
    assert [line.split()[1] for line in page.body.body.splitlines()] == ["1", "2", "3", "4"]


def test_teaser_cards_of_the_same_class_are_not_merged():
    teasers = "".join(f'<div class="card"><p>Short teaser headline number {i}</p></div>' for i in range(4))
    html = f"""<html><body><main>
    <div class="card"><p>{paragraph(1)}</p><p>{paragraph(2)}</p></div>{teasers}
    </main></body></html>"""
    article = f"{paragraph(1)}\n{paragraph(2)}"
    assert _with_sibling_chunks(load_html(html), article) == article


def test_furniture_lines_are_dropped():
    text = "\n".join(
        [
            "Rescue teams search flooded valley",
            "November 20, 2019 - 11:28 AMT",
            paragraph(1),
            "Related: Storm season starts early this year",
            paragraph(2),
            "DON'T MISS",
            "Storm chasers film tornado from the air [VIDEO]",
            "Five ways to prepare your home for floods [INSIGHT]",
            paragraph(3),
            "Tags",
            "storm, flood, valley, rescue, weather, river, emergency, volunteers",
            "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        ]
    )
    kept = _drop_furniture(text, ["Rescue teams search flooded valley"])[0].splitlines()
    assert kept == [paragraph(1), paragraph(2), paragraph(3)]


def test_prose_is_kept_even_when_it_mentions_a_date_or_starts_like_a_heading():
    text = "\n".join(
        [
            paragraph(1),
            "More than 100 people were rescued on 12 March 2021, officials said.",
            "The newsletter of the local council reported the figures the next day.",
        ]
    )
    assert _drop_furniture(text, ["Rescue teams search flooded valley"]) == (text, ())


def test_an_html_page_is_parsed_once(monkeypatch):
    """One lxml parse per page, shared by trafilatura, htmldate, the title and the dates: no
    more parses than trafilatura makes alone (its readability fallback parses fragments)."""
    import lxml.html
    import trafilatura

    from broadsheet.extract import extract_document
    from broadsheet.records import RawDocument

    html = f"""<html><head><title>Rescue teams search flooded valley | Daily Planet</title>
    <meta property="og:site_name" content="Daily Planet">
    <meta property="article:published_time" content="2024-03-02T10:00:00Z"></head><body>
    <h1>Rescue teams search flooded valley</h1><p>Published 2 March 2024</p>
    <article><p>{paragraph(1)}</p><p>{paragraph(2)}</p></article></body></html>"""
    calls = count_calls(monkeypatch, lxml.html, "document_fromstring")
    trafilatura.bare_extraction(html, with_metadata=True, favor_precision=True)
    alone, calls[:] = len(calls), []
    doc = RawDocument.of_text("/in/page.html", "0" * 64, len(html), "html", "utf-8", html)
    extraction = extract_document(doc, today=date(2024, 6, 1))
    assert extraction.title == "Rescue teams search flooded valley"
    assert extraction.published == date(2024, 3, 2)
    assert 1 <= len(calls) <= alone


def test_html_title_is_the_heading_the_declared_title_agrees_with():
    from broadsheet.extract.title_html import html_title

    tree = load_html("<html><body><h1>Talks resume in the capital</h1></body></html>")
    assert html_title(tree, "Talks resume in the capital - Daily Planet | News", None) == "Talks resume in the capital"
    # A kicker the page sets apart from its heading belongs to the headline.
    assert html_title(tree, "Ceasefire: Talks resume in the capital", None) == "Ceasefire: Talks resume in the capital"
    assert html_title(load_html("<html><body><p>x</p></body></html>"), "Talks | Daily Planet", "Daily Planet") == "Talks"


def test_our_metadata_reading_is_trafilaturas_on_the_fields_we_read():
    from trafilatura.metadata import extract_metadata

    from broadsheet.extract.dates_html import htmldate_params
    from broadsheet.extract.html import _metadata

    html = (
        '<html><head><title>Engine noise when cold | Car Forum</title>'
        '<meta property="og:site_name" content="car forum"><link rel="canonical" href="https://www.cars.example/t/1">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Engine noise when cold",'
        ' "datePublished": "2020-09-18T10:00:00Z", "author": {"name": "Jane Doe"}}</script></head>'
        "<body><h1>Engine noise when cold</h1><p>Posted on 18 September 2020 by Jane Doe</p>"
        f"<p>{'My engine makes a noise every morning when it is cold. ' * 5}</p></body></html>"
    )
    params = htmldate_params(date(2024, 6, 1))
    ours, theirs = _metadata(load_html(html), params), extract_metadata(load_html(html), None, params)
    for field in ("title", "sitename", "hostname", "url", "date"):
        assert getattr(ours, field) == getattr(theirs, field), field
    assert ours.date == "2020-09-18" and ours.hostname == "cars.example"


def test_the_fallback_comparison_runs_only_on_a_thin_body(monkeypatch):
    """trafilatura's readability/justext comparison is skipped on a body of many paragraphs and
    kept on a short one, whose body is then trafilatura's in full."""
    import trafilatura
    import trafilatura.core

    from broadsheet.extract.html import _extract_body

    compared = count_calls(monkeypatch, trafilatura.core, "compare_extraction")
    article = "".join(f"<p>{paragraph(n)}</p>" for n in range(6))
    long_page = load_html(f"<html><body><nav><a href='/'>Home</a></nav><article>{article}</article></body></html>")
    assert _extract_body(long_page).text.count("Paragraph") == 18
    assert compared == []
    short_page = load_html(f"<html><body><article><p>{paragraph(1)}</p></article></body></html>")
    full = trafilatura.bare_extraction(short_page, include_comments=False, favor_precision=True)
    compared[:] = []
    assert _extract_body(short_page).text == full.text
    assert compared == [1]
