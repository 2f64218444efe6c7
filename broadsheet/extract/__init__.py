"""Stage 2, extraction: one RawDocument -> one Extraction. The only extraction code path: the
pipeline, `broadsheet extract`, `broadsheet explain` and `broadsheet eval` call `extract_document`.

The map, one module per decision, in the order a document goes through them:

| module | decides |
| --- | --- |
| `__init__` (here) | caps, then the stages below in order; `extract_documents` for a batch |
| `page.py` | the page read once: lines, paragraphs (hard wraps joined), text a reader sees, normal forms, prose tests |
| `html.py` | HTML only: one lxml parse shared by trafilatura (body, metadata, htmldate's markup day), title, dates, listing test |
| `cues.py` | every cue word and mark (copyright, credits, bylines, navigation, dates, walls, error titles) |
| `templates.py` | outlet templates: fingerprints of normal forms, learned from counts |
| `clean.py` | text only: which paragraphs are the article and why each other one is not |
| `dates_spans.py` | the date spans in text, read into days |
| `dates_text.py` | the publication day of a page from its paragraphs (text pages; HTML's visible text) |
| `dates_html.py` | HTML: htmldate's markup day and structured data against the visible text |
| `title_text.py`, `title_html.py` | the headline of a text dump; of an HTML page |
| `wire.py` | dateline and wire agency |
| `identity.py`, `masthead.py` | what the page says its site is: URL, domain, names (HTML; text dumps' lines) |
| `outlet.py` | the outlet registry and which outlet the page is |
| `language.py` | the body's language |
| `reject.py` | not an article (error, consent, paywall, listing, furniture) |

Records (Extraction, LineMark, DateFinding, DateCandidate) are in broadsheet/records.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import date

from broadsheet.extract import reject
from broadsheet.extract.clean import clean
from broadsheet.extract.dates_html import date_from_html
from broadsheet.extract.dates_text import date_from_page
from broadsheet.extract.html import nesting_depth, read_html
from broadsheet.extract.language import detect_language
from broadsheet.extract import identity, masthead
from broadsheet.extract.outlet import OutletRegistry, outlet_of
from broadsheet.extract.page import Page
from broadsheet.extract.templates import page_fingerprints
from broadsheet.extract.title_text import find_title
from broadsheet.extract.wire import find_dateline, find_wire
from broadsheet.limits import Limits
from broadsheet.urls import registrable_domain
from broadsheet.records import DateFinding, ExtractBatch, ExtractedDocument, Extraction, LineMark, Quarantined, RawDocument


def extract_document(
    doc: RawDocument,
    registry: OutletRegistry | None = None,
    template_lines: frozenset[int] = frozenset(),
    today: date | None = None,
    limits: Limits = Limits(),
) -> Extraction:
    """`template_lines`: fingerprints of the page's outlet template (templates.py).
    A page over a cap, or one that is not an article, comes back with `rejected` set."""
    text = doc.text  # unpacked once, for this document only
    cap, cap_name = (limits.max_html_chars, "max_html_chars") if doc.format == "html" else (limits.max_page_chars, "max_page_chars")
    if len(text) > cap:
        return _rejected(f"page_too_large: {len(text)} chars > {cap_name}={cap}")
    today = today or date.today()
    if doc.format == "html":
        depth = nesting_depth(text, limits.max_html_depth)
        if depth > limits.max_html_depth:
            return _rejected(
                f"html_too_deep: elements nested more than {limits.max_html_depth} deep"
                f" (max_html_depth={limits.max_html_depth})"
            )
        return _extract_html(doc, text, registry, today, limits)
    return _extract_text(doc, text, registry, template_lines, today, limits)


def _rejected(reason: str, lines: tuple[LineMark, ...] = ()) -> Extraction:
    return Extraction(None, None, None, None, None, None, None, None, "", lines=lines, rejected=reason)


def _extract_text(doc, text, registry, template_lines, today, limits) -> Extraction:
    page = clean(Page.from_text(text), template_lines)
    body = page.body
    marks = page.marks()
    too_long = reject.too_long(len(body.split()), limits.max_body_words)
    if too_long:
        return _rejected(too_long, marks)
    finding = date_from_page(page, today)
    dateline = find_dateline(page)
    domain, _ = identity.site_domain_text(page.lines)
    own_url = identity.own_url_text(page.lines, domain)
    claims = masthead.claims_text(page.lines, domain)
    outlet = outlet_of(
        registry, page, dateline, claims, doc.claimed_outlet, doc.url, own_url or _site(domain), page.lines
    )
    title = find_title(page)
    kept = [u for u in page.units if u.kept]
    removed = len(page.units) - len(kept)
    return _extraction(
        title,
        finding,
        outlet,
        dateline,
        page,
        body,
        marks,
        url=own_url,
        removed_counts=dict(Counter(m.reason for m in marks if not m.kept and m.reason)),
        fingerprints=page_fingerprints(page),
        rejected=reject.not_an_article(
            kept,
            [u.text for u in page.units[:3]] + ([title] if title else []),
            reject.after_body(page.units),
            finding,
            removed=f"{removed} of {len(page.units)} paragraphs removed as page furniture",
        ),
    )


def _extract_html(doc, text, registry, today, limits) -> Extraction:
    html = read_html(text, today)
    page = html.body
    body = page.body
    too_long = reject.too_long(len(body.split()), limits.max_body_words)
    if too_long:
        return _rejected(too_long)
    if html.tree is None:
        finding = DateFinding(None, None, None, note="unparseable HTML")
    else:
        finding = date_from_html(html.tree, html.markup_date, today, text)
    dateline = find_dateline(page)
    own_url = identity.own_url_html(html.tree) if html.tree is not None else None
    domain = registrable_domain(doc.url or own_url)
    claims = identity.claims_html(html.tree, domain) if html.tree is not None else []
    outlet = outlet_of(registry, page, dateline, claims, doc.claimed_outlet, doc.url, own_url)
    return _extraction(
        html.title,
        finding,
        outlet,
        dateline,
        page,
        body,
        page.marks(),
        source_host=html.hostname,
        url=own_url,
        rejected=reject.not_an_article(
            page.units,
            [html.title or ""],
            list(html.dropped),
            finding,
            listed=reject.listing(page.units, html.link_words),
        ),
    )


def _site(domain: str | None) -> str | None:
    """A text dump's own site as a URL, when it names no page of it (the outlet's domain)."""
    return f"https://{domain}/" if domain else None


def _extraction(title, finding, outlet, dateline, page, body, marks, **more) -> Extraction:
    return Extraction(
        title=title,
        published=finding.published,
        published_evidence=finding.evidence,
        published_kind=finding.kind,
        outlet=outlet.name,
        outlet_source=outlet.source,
        outlet_evidence=outlet.evidence,
        dateline=dateline,
        wire=find_wire(page),
        language=detect_language(body),
        body=body,
        lines=marks,
        date_finding=finding,
        **more,
    )


def extract_documents(
    docs: Iterable[RawDocument],
    registry: OutletRegistry | None,
    today: date | None = None,
    limits: Limits = Limits(),
    templates: Mapping[str, frozenset[int]] | None = None,
    prepare: Callable[[ExtractedDocument], ExtractedDocument] | None = None,
) -> ExtractBatch:
    """Extract a batch. A document that crashes the extractor, or that extraction rejects
    (over a cap, not an article), is quarantined with the reason; extraction is
    deterministic, so it is not retried. `templates` (sha256 -> its outlet's template lines)
    is the second pass, once a first pass has told each page's outlet. `prepare` is applied
    to each article as soon as it is extracted (the pipeline drops its line-by-line
    provenance there, so a worker holds one page's at a time, not a batch's); a document it
    fails on is quarantined like one the extractor fails on."""
    done: list[ExtractedDocument] = []
    failed: list[Quarantined] = []
    for doc in docs:
        template = (templates or {}).get(doc.sha256, frozenset())
        try:
            extraction = extract_document(doc, registry, template, today=today, limits=limits)
            article = None if extraction.rejected else ExtractedDocument(doc, extraction)
            if article is not None and prepare:
                article = prepare(article)
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not stop the run
            failed.append(Quarantined(doc.path, "extract", f"{type(exc).__name__}: {exc}", doc.sha256))
            continue
        if article is None:
            failed.append(Quarantined(doc.path, "extract", extraction.rejected, doc.sha256))
        else:
            done.append(article)
    return ExtractBatch(done, failed)
