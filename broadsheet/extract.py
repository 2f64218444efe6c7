"""Stage 2: one RawDocument -> one Extraction. The only extraction code path: the pipeline,
`broadsheet extract`, `broadsheet explain` and `broadsheet eval` all call `extract_document`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date

from broadsheet.dates import date_from_html, date_from_lines
from broadsheet.fields import detect_language, find_dateline, find_title, find_wire
from broadsheet.fingerprints import article_key, count_fingerprints, templates_by_outlet
from broadsheet.htmlextract import extract_html
from broadsheet.outlets import OutletRegistry
from broadsheet.records import ExtractBatch, ExtractedDocument, Extraction, LineMark, Quarantined, RawDocument
from broadsheet.textclean import clean_text


def extract_document(
    doc: RawDocument,
    registry: OutletRegistry | None = None,
    template_lines: frozenset[str] = frozenset(),
    today: date | None = None,
) -> Extraction:
    """`template_lines`: fingerprints of the page's outlet template (broadsheet.fingerprints)."""
    if doc.format == "html":
        return _extract_html(doc, registry, today)
    return _extract_text(doc, registry, template_lines, today)


def _extract_text(doc, registry, template_lines, today) -> Extraction:
    page = clean_text(doc.text, template_lines)
    body = page.body
    finding = date_from_lines(page.lines, today)
    dateline = find_dateline(page.lines)
    outlet = registry.identify(page.lines, dateline) if registry else None
    return Extraction(
        title=find_title(page.lines),
        published=finding.published,
        published_evidence=finding.evidence,
        published_kind=finding.kind,
        outlet=outlet.name if outlet else None,
        dateline=dateline,
        wire=find_wire(page.lines),
        language=detect_language(body),
        body=body,
        lines=page.lines,
        date_finding=finding,
        removed_counts=dict(Counter(m.reason for m in page.lines if not m.kept and m.reason)),
    )


def _extract_html(doc, registry, today) -> Extraction:
    page = extract_html(doc.text)
    finding = date_from_html(doc.text, today)
    lines = tuple(LineMark(i, line, True) for i, line in enumerate(page.body.splitlines(), 1))
    dateline = find_dateline(lines)
    outlet = None
    if registry:
        outlet = (
            (registry.match_text(page.sitename) if page.sitename else None)
            or (registry.match_domain(page.hostname) if page.hostname else None)
            or registry.identify(lines, dateline)
        )
    return Extraction(
        title=page.title,
        published=finding.published,
        published_evidence=finding.evidence,
        published_kind=finding.kind,
        outlet=outlet.name if outlet else None,
        dateline=dateline,
        wire=find_wire(lines),
        language=detect_language(page.body),
        body=page.body,
        source_host=page.hostname,
        lines=lines,
        date_finding=finding,
    )


def extract_documents(
    docs: list[RawDocument], registry: OutletRegistry | None, today: date | None = None
) -> ExtractBatch:
    """Extract a batch. A document that crashes the extractor is quarantined with the error;
    extraction is deterministic, so it is not retried."""
    done: list[ExtractedDocument] = []
    failed: list[Quarantined] = []
    for doc in docs:
        try:
            done.append(ExtractedDocument(doc, extract_document(doc, registry, today=today)))
        except Exception as exc:  # noqa: BLE001 - any extractor bug must not stop the run
            failed.append(Quarantined(doc.path, "extract", f"{type(exc).__name__}: {exc}", doc.sha256))
    return ExtractBatch(done, failed)


def refine_with_templates(
    batch: ExtractBatch,
    registry: OutletRegistry | None,
    templates: Mapping[str, frozenset[str]],
    today: date | None = None,
) -> ExtractBatch:
    """Second pass: a text page whose outlet has a learned template is cleaned again with it.
    The outlet is known only after a first pass, hence two."""
    refined = []
    for item in batch.articles:
        template = templates.get(item.extraction.outlet or "")
        if template and item.doc.format == "text":
            item = ExtractedDocument(item.doc, extract_document(item.doc, registry, template, today))
        refined.append(item)
    return ExtractBatch(refined, batch.quarantined)


def learn_run_templates(
    stored_pages: Mapping[str, Mapping[str, set[str]]], batches: list[ExtractBatch]
) -> dict[str, frozenset[str]]:
    """Outlet templates from the published articles plus this run's first-pass pages
    (stored and new pages keyed by `article_key`: a copy of an article counts once)."""
    pages = {outlet: {key: set(fps) for key, fps in by_key.items()} for outlet, by_key in stored_pages.items()}
    for batch in batches:
        for item in batch.articles:
            key = article_key(item.extraction.body)
            if item.extraction.outlet and item.doc.format == "text" and key:
                pages.setdefault(item.extraction.outlet, {}).setdefault(key, set()).update(
                    count_fingerprints(item.doc.text)
                )
    return templates_by_outlet(pages)


def run_outlets(batches: list[ExtractBatch]) -> set[str]:
    return {item.extraction.outlet for batch in batches for item in batch.articles if item.extraction.outlet}
