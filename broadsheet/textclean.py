"""Boilerplate removal for whole-page text dumps: mark every line kept or removed, with why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from broadsheet.records import LineMark

_BULLET = re.compile(r"^\s*[•□☆◦▪\-*·]\s")


@dataclass(frozen=True)
class CleanedPage:
    lines: tuple[LineMark, ...]

    @property
    def body(self) -> str:
        return "\n".join(m.text.strip() for m in self.lines if m.kept)


def clean_text(text: str, template_lines: frozenset[str] = frozenset()) -> CleanedPage:
    marks: list[LineMark] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        reason = None
        if not stripped:
            reason = "blank"
        elif stripped in template_lines:
            reason = "outlet-template"
        elif _BULLET.match(line):
            reason = "menu"
        elif stripped in seen:
            reason = "repeated"
        elif len(stripped.split()) < 8:
            reason = "short"
        seen.add(stripped)
        marks.append(LineMark(number, line, reason is None, reason))
    return CleanedPage(tuple(marks))
