"""Publication day: candidates from the page, each with its evidence and kind; one winner or none."""

from __future__ import annotations

from datetime import date

from htmldate import find_date

from broadsheet.records import DateFinding, LineMark


def date_from_html(html: str, today: date | None = None) -> DateFinding:
    found = find_date(html, extensive_search=True, original_date=True)
    if not found:
        return DateFinding(None, None, None, note="htmldate found no date")
    return DateFinding(date.fromisoformat(found), found, "htmldate")


def date_from_lines(lines: tuple[LineMark, ...], today: date | None = None) -> DateFinding:
    return DateFinding(None, None, None, note="not implemented")
