"""The outlet registry (seeds/outlets.csv) and matching a page to an outlet in it."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from broadsheet.records import LineMark

DEFAULT_REGISTRY = Path(__file__).resolve().parent.parent / "seeds" / "outlets.csv"

# A name inside a photo credit names the photographer's agency, not the outlet.
_PHOTO = re.compile(
    r"\b(photos?|image|picture|credit|foto|getty|shutterstock)\b|[©ⓒ][^/]*/|^\W*[©ⓒ]\s*[^\W\d]",
    re.IGNORECASE,
)
# A copyright or rights notice names the page's owner: "© 2019 Name", "Name 2025 ©".
_COPYRIGHT = re.compile(
    r"\bcopyright\b|rights reserved|[©ⓒ]\s*(19|20)\d\d|(19|20)\d\d\s*[©ⓒ]", re.IGNORECASE
)
# A name that is reported, quoted or cited is a source: "according to Reuters", "X reported".
_SOURCE_CUE = re.compile(
    r"\b(according to|told|said|says|reported|reports|reporting|quoted|quoting|cited|citing"
    r"|via|wrote|writes|interview with|an? \w+ (for|with|from))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


def _squash(text: str) -> str:
    return "".join(_WORD.findall(text)).casefold()


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
        self._lowered = sorted({s.lower() for s, _ in spellings})

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

    def match_domain(self, hostname: str) -> Outlet | None:
        host = hostname.lower().removeprefix("www.")
        for outlet in self.outlets:
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet
        return None

    def identify(self, lines: tuple[LineMark, ...], dateline: str | None) -> Outlet | None:
        """The outlet the page names as itself.

        Self-references sit in the page's furniture or in the dateline, e.g.
        ``MOSCOW (Sputnik)``. Furniture, strongest first: a line that is little more than
        the name (logo text, site-name line), a copyright notice, a " - Name" suffix on a
        caption, any other short line outside the article. A name met in the article's prose
        ("according to Reuters") or in a photo credit is a source, not the outlet.
        """
        if dateline:
            outlet = self.match_text(dateline)
            if outlet:
                return outlet
        votes: dict[str, float] = {}
        for index in self._lines_naming_outlets(lines):
            mark = lines[index]
            text = mark.text.strip()
            found = self._first_match(text)
            if found is None:
                continue
            outlet, match = found
            weight = self._furniture_weight(text, match, mark.kept)
            if weight:
                votes[outlet.name] = votes.get(outlet.name, 0.0) + weight
        if not votes:
            return None
        best = max(votes, key=lambda name: votes[name])
        # One short line outside the article is too little: it may be a related headline.
        return self.by_name[best] if votes[best] >= 2 else None

    def _lines_naming_outlets(self, lines: tuple[LineMark, ...]) -> list[int]:
        """Indexes of the lines containing a spelling, found with plain substring search over
        the whole page (a regex per line and spelling costs milliseconds per page)."""
        page = "\n".join(mark.text for mark in lines).lower()
        found: set[int] = set()
        for spelling in self._lowered:
            pos = page.find(spelling)
            while pos != -1:
                found.add(page.count("\n", 0, pos))  # newlines survive lower(), offsets may not
                pos = page.find(spelling, pos + len(spelling))
        return sorted(found)

    def _first_match(self, text: str) -> tuple[Outlet, re.Match] | None:
        for pattern, outlet in self._patterns:
            match = pattern.search(text)
            if match:
                return outlet, match
        return None

    @staticmethod
    def _furniture_weight(text: str, match: re.Match, kept: bool) -> float:
        if _PHOTO.search(text) and not _COPYRIGHT.search(text):
            return 0.0
        if len(_squash(match.group(0))) * 2 >= len(_squash(text)):
            return 3.0  # the line is the name
        if _COPYRIGHT.search(text):
            return 3.0
        around = text[max(0, match.start() - 30) : match.end() + 30]
        if _SOURCE_CUE.search(around):
            return 0.0
        if re.search(r"\s[-–—|]\s*$", text[: match.start()]) and not text[match.end() :].strip(" .)"):
            return 2.0  # "… caption text - Name"
        if not kept and len(text.split()) <= 12:
            return 1.0
        return 0.0
