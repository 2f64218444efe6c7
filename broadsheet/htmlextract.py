"""Main text and metadata of an HTML page, through trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class HtmlPage:
    title: str | None
    body: str
    sitename: str | None


def extract_html(html: str) -> HtmlPage:
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return HtmlPage(None, "", None)
    return HtmlPage(doc.title, doc.text or "", doc.sitename)
