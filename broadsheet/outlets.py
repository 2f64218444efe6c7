"""The outlet registry (seeds/outlets.csv) and matching a page to an outlet in it."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from broadsheet.records import LineMark

DEFAULT_REGISTRY = Path(__file__).resolve().parent.parent / "seeds" / "outlets.csv"

# A name inside a photo credit or caption names the photographer's agency, not the outlet.
_CREDIT = re.compile(r"(©|\bphoto\b|\bimage\b|\bgetty\b|\bcredit)", re.IGNORECASE)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    country: str
    languages: tuple[str, ...]
    founded: int

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


class OutletRegistry:
    def __init__(self, outlets: list[Outlet]):
        self.outlets = outlets
        self.by_name = {o.name: o for o in outlets}
        spellings = sorted(
            ((s, o) for o in outlets for s in o.spellings), key=lambda pair: -len(pair[0])
        )
        self._patterns = [
            (re.compile(rf"(?<!\w){re.escape(s)}(?!\w)", re.IGNORECASE), o) for s, o in spellings
        ]

    @classmethod
    def from_csv(cls, path: str | Path = DEFAULT_REGISTRY) -> "OutletRegistry":
        def split(value: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in value.split("|") if v.strip())

        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        return cls(
            [
                Outlet(
                    name=row["name"].strip(),
                    aliases=split(row["aliases"]),
                    domains=split(row["domains"]),
                    country=row["country"].strip(),
                    languages=split(row["language"]),
                    founded=int(row["founded"]),
                )
                for row in rows
            ]
        )

    def match_text(self, text: str) -> Outlet | None:
        for pattern, outlet in self._patterns:
            if pattern.search(text):
                return outlet
        return None

    def identify(self, lines: tuple[LineMark, ...], dateline: str | None) -> Outlet | None:
        """The outlet the page names as itself.

        Self-references sit in the page's furniture (site name, copyright, footer) or in
        the dateline, e.g. ``MOSCOW (Sputnik)``. A name met only in the article's prose
        ("according to Reuters") or in a photo credit is a source, not the outlet.
        """
        if dateline:
            outlet = self.match_text(dateline)
            if outlet:
                return outlet
        votes: dict[str, int] = {}
        for mark in lines:
            if mark.kept or _CREDIT.search(mark.text):
                continue
            outlet = self.match_text(mark.text)
            if outlet:
                votes[outlet.name] = votes.get(outlet.name, 0) + 1
        if not votes:
            return None
        return self.by_name[max(votes, key=lambda name: votes[name])]
