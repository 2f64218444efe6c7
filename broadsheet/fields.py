"""Title, dateline, wire agency and language of an article."""

from __future__ import annotations

import py3langid

from broadsheet.records import LineMark


def find_title(lines: tuple[LineMark, ...]) -> str | None:
    for mark in lines:
        if mark.text.strip():
            return mark.text.strip()
    return None


def find_dateline(body: str) -> str | None:
    return None


def find_wire(lines: tuple[LineMark, ...]) -> str | None:
    return None


def detect_language(body: str) -> str | None:
    if len(body.split()) < 3:
        return None
    lang, _ = py3langid.classify(body)
    return lang
