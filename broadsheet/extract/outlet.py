"""Which outlet a page is: the registry (seeds/outlets.csv) and the one decision, `outlet_of`.

In order of strength: the crawl manifest's outlet (an alias maps to the registry's name);
the registry outlet of the page's domain (the crawl's URL, else the page's own); the registry
outlet the page names (site name, furniture, dateline); the outlet the page names that the
registry does not know (a discovered outlet, `identity.py` reads the claims); the domain
itself. `OutletRegistry` holds the names, aliases and domains."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from broadsheet.extract import cues, identity
from broadsheet.extract.page import Page
from broadsheet.urls import registrable_domain

DEFAULT_REGISTRY = Path(__file__).resolve().parents[2] / "seeds" / "outlets.csv"

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
    founded: int | None  # empty in a row `broadsheet outlets promote` added, until a person fills it

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
    def from_csv(cls, path: str | Path = DEFAULT_REGISTRY) -> OutletRegistry:
        def split(value: str) -> tuple[str, ...]:
            return tuple(v.strip() for v in value.split("|") if v.strip())

        with open(path, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        return cls(
            [
                Outlet(
                    name=row["name"].strip(),
                    aliases=split(row.get("aliases") or ""),
                    domains=split(row.get("domains") or ""),
                    country=(row.get("country") or "").strip(),
                    languages=split(row.get("language") or ""),
                    founded=int(row["founded"]) if (row.get("founded") or "").strip() else None,
                )
                for row in rows
            ]
        )

    def match_name(self, name: str) -> Outlet | None:
        """The outlet a name is (its registry name or an alias, case and punctuation aside)."""
        wanted = _squash(name)
        return next((o for o in self.outlets if wanted and any(_squash(s) == wanted for s in o.spellings)), None)

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

    def identify(self, page: Page, dateline: str | None) -> Outlet | None:
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
        for index in self._units_naming_outlets(page):
            unit = page.units[index]
            text = unit.text
            found = self._first_match(text)
            if found is None:
                continue
            outlet, match = found
            weight = self._furniture_weight(text, match, unit.kept)
            if weight:
                votes[outlet.name] = votes.get(outlet.name, 0.0) + weight
        if not votes:
            return None
        best = max(votes, key=lambda name: votes[name])
        # One short line outside the article is too little: it may be a related headline.
        return self.by_name[best] if votes[best] >= 2 else None

    def _units_naming_outlets(self, page: Page) -> list[int]:
        """Indexes of the units containing a spelling, found with plain substring search over
        the whole page (a regex per unit and spelling costs milliseconds per page)."""
        joined = "\n".join(unit.text for unit in page.units).lower()
        found: set[int] = set()
        for spelling in self._lowered:
            pos = joined.find(spelling)
            while pos != -1:
                found.add(joined.count("\n", 0, pos))  # newlines survive lower(), offsets may not
                pos = joined.find(spelling, pos + len(spelling))
        return sorted(found)

    def _first_match(self, text: str) -> tuple[Outlet, re.Match] | None:
        for pattern, outlet in self._patterns:
            match = pattern.search(text)
            if match:
                return outlet, match
        return None

    @staticmethod
    def _furniture_weight(text: str, match: re.Match, kept: bool) -> float:
        if cues.CREDIT_NAMING.search(text) and not cues.COPYRIGHT_OWNER.search(text):
            return 0.0
        if len(_squash(match.group(0))) * 2 >= len(_squash(text)):
            return 3.0  # the line is the name
        if cues.COPYRIGHT_OWNER.search(text):
            return 3.0
        around = text[max(0, match.start() - 30) : match.end() + 30]
        if cues.SOURCE_CUE.search(around):
            return 0.0
        if re.search(r"\s[-–—|]\s*$", text[: match.start()]) and not text[match.end() :].strip(" .)"):
            return 2.0  # "… caption text - Name"
        if not kept and len(text.split()) <= 12:
            return 1.0
        return 0.0


@dataclass(frozen=True)
class OutletFinding:
    name: str | None
    source: str | None  # manifest | registry | page | domain
    evidence: str | None  # the text the outlet was read from

    @classmethod
    def of(cls, outlet: Outlet, evidence: str) -> OutletFinding:
        return cls(outlet.name, "registry", evidence)


NO_OUTLET = OutletFinding(None, None, None)


def outlet_of(
    registry: OutletRegistry | None,
    page: Page,
    dateline: str | None,
    claims: list[identity.Claim],
    claimed: str | None = None,
    crawl_url: str | None = None,
    own_url: str | None = None,
    lines: list[str] | None = None,
) -> OutletFinding:
    """The outlet of a page. `claims`: what the page says it is (identity.claims_html or
    claims_text), `claimed`: the crawl manifest's outlet, `crawl_url`: the archive's or the
    manifest's URL, `own_url`: the page's own (canonical, or a text dump's own site), `lines`:
    a text dump's lines (how often it names a claim)."""
    if claimed and claimed.strip():
        known = registry.match_name(claimed) if registry else None
        return OutletFinding(known.name if known else claimed.strip(), "manifest", f"manifest: {claimed.strip()}")
    url = crawl_url or own_url
    host = _host(url)
    if registry and host:
        known = registry.match_domain(host)
        if known:
            return OutletFinding.of(known, f"domain: {host}")
    if registry:
        for claim in claims:
            known = registry.match_text(claim.name)
            if known:
                return OutletFinding.of(known, claim.evidence)
        known = registry.identify(page, dateline)
        if known:
            return OutletFinding.of(known, f"named on the page{f' ({dateline})' if dateline else ''}")
    domain = registrable_domain(host) if host else None
    credit = identity.dateline_claim(dateline)
    named = identity.page_outlet([*claims, credit] if credit else claims, domain, lines, crawled=bool(crawl_url))
    if named:
        return OutletFinding(named.name, "page", named.evidence)
    if domain:
        said = f"; the page calls itself {claims[0].name!r}" if claims else ""
        return OutletFinding(identity.name_from_domain(domain, [c.name for c in claims]), "domain", f"domain: {domain}{said}")
    return NO_OUTLET


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:
        return None
