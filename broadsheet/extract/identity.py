"""What a page says of itself: its own URL and the outlet it names as itself, with the evidence.

Pure functions over an lxml tree (HTML) or a page's lines (text dumps; `masthead.py` reads
their furniture); `outlet.py` decides between these claims, the crawl's word and the registry.
Only general signals are read (meta and structured data, title affixes, mastheads and logos,
copyright owners, dateline credits): the pages we are measured on come from outlets and
renderers never seen here.

A claim's strength is its `weight`; `page_outlet` sums the weights of the claims that name the
same outlet (one spelling containing another counts as the same) and prefers the names the
page's domain spells, because a name the page repeats in several places, or one its own
address spells, is far less likely to be a partner site, a parent company or a section. The
cue words (logo, legal forms, "all rights reserved") are in cues.py.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from broadsheet.extract import cues
from broadsheet.urls import normalise_url, registrable_domain


@dataclass(frozen=True)
class Claim:
    name: str  # the outlet as the page spells it
    evidence: str  # the text it was read from
    # site_name | publisher | app_name | title_affix | logo | self_reference | named_domain | owned
    # | masthead | copyright | byline | dateline
    kind: str
    weight: float


# Strength of each kind of statement: declared metadata over furniture over prose credits.
WEIGHTS = {
    "site_name": 5.0,
    "publisher": 4.0,
    "app_name": 3.0,
    "title_affix": 3.0,
    "logo": 3.0,
    "copyright": 2.5,
    "self_reference": 2.5,
    "named_domain": 2.5,
    "owned": 2.5,
    "masthead": 2.0,
    "byline": 1.5,
    "dateline": 1.0,
}
# "© 2024 Name Media Group GmbH": a notice naming a company names the publisher as often as the site.
_CORPORATE_NOTICE = 2.0
_RECURS = 0.5  # per further line of the page naming it (text dumps), up to _RECURS_MAX
_RECURS_MAX = 3.0
_NAMED_DOMAIN_AGREES = 3.0  # a dump names an address that spells the name ("© Name", "name.com")

_SCAN_CHARS = 30_000
_MAX_NAME_WORDS = 6
MAX_NAME_CHARS = 60
WORD = re.compile(r"\w+")
_HOST = re.compile(r"(?<![\w@.-])(?:https?://)?((?:[a-z0-9-]+\.)+[a-z]{2,})(/[^\s\"'<>)\]]*)?(?![\w-])", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]@((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)
# A cheap test that a line may hold a host at all ("x.yz"); the full patterns run only there.
_DOTTED = re.compile(r"[a-z0-9]\.[a-z]{2}", re.IGNORECASE)


def _with_hosts(lines: list[str]) -> list[str]:
    return [line for line in lines if _DOTTED.search(line)]
_DATE_ONLY = re.compile(r"^[\d\s./:-]+$")


def key(name: str | None) -> str:
    """The `\\w+` characters of a name, case-folded and joined: "The i Paper" -> "theipaper"."""
    return "".join(WORD.findall(name or "")).casefold()


def domain_label(domain: str | None) -> str:
    """The registrable domain without its public suffix, as a key: "bbc.co.uk" -> "bbc"."""
    registrable = registrable_domain(domain) if domain else None
    return key(registrable.split(".", 1)[0]) if registrable else ""


def same_outlet(a: str, b: str) -> bool:
    """Two keys name the same outlet: equal, or (4+ characters) one contains the other."""
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a)))


def agrees_with_domain(name: str, domain: str | None) -> bool:
    """The name spells the domain ("Freie Presse", "Público", "news.ORF.at" on orf.at):
    accents aside, and for a name spelt as a domain, by its registrable domain."""
    label = _folded(domain_label(domain))
    if not label:
        return False
    if looks_like_domain(name):
        return _folded(domain_label(name)) == label
    return same_outlet(_folded(key(name)), label) or _folded(initials(name)) == label


def initials(name: str) -> str:
    """The initials of a name of two words or more, as a key: "Deutsche Welle" -> "dw"."""
    words = WORD.findall(name)
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def _same_or_initials(a: Claim, b: Claim) -> bool:
    """Two claims name the same outlet: their keys do, or one is the other's initials ("DW")."""
    ka, kb = key(a.name), key(b.name)
    return same_outlet(ka, kb) or (len(ka) >= 2 and ka == initials(b.name)) or (len(kb) >= 2 and kb == initials(a.name))


def _folded(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def looks_like_domain(name: str) -> bool:
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", name.strip(), re.IGNORECASE))


def clean_name(text: str | None) -> str | None:
    """A claimed name fit to store: whitespace folded, edge punctuation dropped; None when it
    is too long to be a name or holds no letter."""
    if not text:
        return None
    name = " ".join(text.split()).strip(" \t|:;,-–—·•*_\"'“”«»")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > _MAX_NAME_WORDS:
        return None
    return name if re.search(r"[^\W\d_]", name) else None


# --- the page's own URL --------------------------------------------------------------------


def own_url_html(tree) -> str | None:
    """`link rel=canonical`, then `og:url`, then structured data's `url`/`mainEntityOfPage`."""
    for href in tree.xpath('//link[@rel="canonical"]/@href') + _meta(tree, "og:url"):
        url = normalise_url(href.strip())
        if url:
            return url
    for node in _json_ld_nodes(tree):
        if _is_article(node):
            for field in ("url", "mainEntityOfPage"):
                value = node.get(field)
                value = value.get("@id") or value.get("url") if isinstance(value, dict) else value
                url = normalise_url(value) if isinstance(value, str) else None
                if url:
                    return url
    return None


def ends(lines: list[str], budget: int | None = None) -> list[str]:
    """The lines of a dump's first and last `budget` characters (30 KB each), where mastheads and
    footers are: every whole-page scan here reads these, so a 10 MB page costs what a small one
    does. A line longer than the budget is cut to its head (or tail)."""
    budget = budget or _SCAN_CHARS
    if sum(len(line) for line in lines) <= 2 * budget:
        return lines
    head: list[str] = []
    size = 0
    for line in lines:
        if size >= budget:
            break
        head.append(line[: budget - size])
        size += len(head[-1])
    tail: list[str] = []
    size = 0
    for line in reversed(lines):
        if size >= budget:
            break
        tail.append(line[len(line) - (budget - size):] if len(line) > budget - size else line)
        size += len(tail[-1])
    return head + tail[::-1]


def site_domain_text(lines: list[str]) -> tuple[str | None, str | None]:
    """(registrable domain, evidence) of the site a text dump belongs to: the domain its lines
    name most, when it is named at least twice and more often than any other."""
    counts: Counter[str] = Counter()
    evidence: dict[str, str] = {}
    for line in dict.fromkeys(_with_hosts(ends(lines))):  # a caption repeated under its image is one line
        for match in _HOST.finditer(line):
            domain = registrable_domain(match.group(1))
            if domain:
                counts[domain] += 1
                evidence.setdefault(domain, line.strip())
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None, None
    return ranked[0][0], evidence[ranked[0][0]]


def mentioned_domains(lines: list[str]) -> set[str]:
    """Every registrable domain a dump's lines name (links, "name.com", e-mail addresses)."""
    lines = _with_hosts(ends(lines))
    hosts = [m.group(1) for line in lines for m in _HOST.finditer(line)]
    hosts += [m.group(1) for line in lines for m in _EMAIL.finditer(line)]
    return {d for host in hosts if (d := registrable_domain(host))}


def own_url_text(lines: list[str], domain: str | None) -> str | None:
    """A line that is nothing but a URL with a path on the dump's own site (`domain`, from
    `site_domain_text`; a permalink or "share this" line): the page's address. Section links
    and the home page do not count."""
    if domain is None:
        return None
    for line in ends(lines):
        match = _HOST.fullmatch(line.strip().strip("<>[]()"))
        deep = match and match.group(2) and len(match.group(2).strip("/").split("/")) >= 2
        if deep and registrable_domain(match.group(1)) == domain:
            url = normalise_url(match.group(0) if "//" in match.group(0) else "https://" + match.group(0))
            if url:
                return url
    return None


# --- outlet claims: HTML ---------------------------------------------------------------------


def claims_html(tree, domain: str | None = None) -> list[Claim]:
    """What the markup says the site is, strongest first: og:site_name, structured data's
    publisher (or sourceOrganization), the application name, a title affix, the footer's
    copyright owner. `domain`: the page's registrable domain, when known (title affixes)."""
    found: list[Claim] = []
    for value in _meta(tree, "og:site_name"):
        add_claim(found, value, f"og:site_name: {value}", "site_name")
    for node in _json_ld_nodes(tree, resolve=True):
        for field in ("publisher", "sourceOrganization"):
            for org in _as_list(node.get(field)):
                name = org.get("name") if isinstance(org, dict) else None
                if isinstance(name, str):
                    add_claim(found, name, f"JSON-LD {field}: {name}", "publisher")
    for meta_name in ("application-name", "apple-mobile-web-app-title"):
        for value in _meta(tree, meta_name):
            add_claim(found, value, f"{meta_name}: {value}", "app_name")
    titles = [" ".join(t.split()) for t in [tree.findtext(".//title") or ""] + _meta(tree, "og:title") + _meta(tree, "twitter:title")]
    for affix, evidence in title_affixes([t for t in titles if t], domain):
        add_claim(found, affix, evidence, "title_affix")
    footer = [" ".join(el.text_content().split()) for el in tree.xpath("//footer")]
    for line in footer:
        for owner in copyright_owners([line]):
            add_claim(found, owner, line[:200], "copyright")
    return strongest_first(found)


def title_affixes(
    titles: list[str], domain: str | None = None, named: Callable[[str], bool] | None = None
) -> list[tuple[str, str]]:
    """(name, evidence) for the site part of declared titles ("Headline | Name", "Name -
    Headline", "Headline – Name"): kept when the same affix ends or starts another of the
    titles, when another title is the headline without it, when it spells the domain, or
    when `named(affix)` says the page's furniture names it (a dump has one title line)."""
    out: list[tuple[str, str]] = []
    split = [(t, [s for s in TITLE_SEPARATOR.split(t) if s.strip() and not _DATE_ONLY.match(s)]) for t in titles]
    for index, (title, parts) in enumerate(split):
        if len(parts) < 2:
            continue
        others = [t for t, _ in split if key(t) != key(title)]
        for affix, rest in ((parts[-1], parts[:-1]), (parts[0], parts[1:])):
            name = clean_name(affix)
            if not name or len(name.split()) > 4:
                continue
            repeated = any(_ends_or_starts(other, affix) for other in others)
            headline_alone = any(key(other) == key(" ".join(rest)) for other in others)
            if repeated or headline_alone or agrees_with_domain(name, domain) or (named and named(name)):
                out.append((name, f"title: {title}"))
                break
    return out


# --- outlet claims: text dumps ---------------------------------------------------------------


_NAMED_DOMAIN_LINES = 3  # lines naming a written address's label ("Über Name", "Name-App", "name.de")
_NAMED_DOMAIN_CANDIDATES = 10


def named_domain(lines: list[str]) -> tuple[str, str] | None:
    """(name, evidence) for the address a dump writes (a link, "www.name.de", "tips@name.de")
    whose label its lines of furniture name among other words most, in three lines at least:
    the site's own address recurs there ("Name on Instagram", "About Name"), a partner's, a
    platform's or that of a company a story is about rarely. The name is the page's own
    spelling of the label."""
    counts: Counter[str] = Counter()
    for line in _with_hosts(lines):
        for pattern in (_HOST, _EMAIL):
            for match in pattern.finditer(line):
                domain = registrable_domain(match.group(1))
                if domain:
                    counts[domain] += 1
    best = None
    lowered = [line.lower() for line in lines]
    for domain, _ in counts.most_common(_NAMED_DOMAIN_CANDIDATES):
        label = registrable_domain(domain).split(".", 1)[0]
        if len(label) < 3:
            continue
        pattern = re.compile(rf"(?<![\w.@/-]){re.escape(label)}(?![\w.-])", re.IGNORECASE)
        naming = [line for line, low in zip(lines, lowered) if label.lower() in low and _names_among_words(pattern, line)]
        if len(naming) >= _NAMED_DOMAIN_LINES and (best is None or len(naming) > len(best[2])):
            best = (domain, label, naming)
    if best is None:
        return None
    domain, label, naming = best
    return name_from_domain(domain, naming), f"{domain}, named in {len(naming)} lines: {naming[0][:200]}"


def _names_among_words(pattern: re.Pattern, line: str) -> bool:
    """A line of furniture (12 words at most) naming the pattern among other words ("About
    Name", "Name on Instagram"): not prose, where a story names a company, nor a menu item."""
    match = pattern.search(line) if line.count(" ") < 12 else None
    return bool(match) and bool(WORD.search(line, 0, match.start()) or WORD.search(line, match.end()))


def copyright_owners(lines: list[str]) -> list[str]:
    """The owner a copyright notice names: "© 2024 Name. All rights reserved", "Copyright (c)
    2023 Name LLC", "Name © 2021", "2025 Name. All Rights Reserved." (legal forms dropped)."""
    out = []
    for line in lines:
        if not cues.COPYRIGHT_OWNER.search(line) and not cues.COPYRIGHT_MARK.search(line):
            continue
        if cues.CREDIT_NAMING.search(line) and not (cues.RIGHTS_RESERVED.search(line) or cues.LEGAL_FOOTER.search(line)):
            continue  # "© Name/Agency", "Foto: © Name": a photo credit, not the site's notice
        for pattern in (_OWNER_AFTER, _OWNER_BEFORE):
            match = pattern.search(_unglue(line))
            if match:
                owner = match.group("owner")  # "Name - by Parent": the name, when the whole is too long
                if cues.RIGHTS_RESERVED.match(owner):
                    continue  # "Name © All rights reserved": the owner stands before the mark
                name = clean_name(strip_legal(owner)) or clean_name(strip_legal(TITLE_SEPARATOR.split(owner)[0]))
                if name and "/" not in name and not not_a_name(name):
                    out.append(name)
                    break
    return out


def dateline_claim(dateline: str | None) -> Claim | None:
    """"WASHINGTON (Name) —": the credit in a dateline. Weakest: it often names a wire agency."""
    match = _DATELINE_CREDIT.search(dateline or "")
    name = clean_name(match.group(1)) if match else None
    return Claim(name, dateline, "dateline", WEIGHTS["dateline"]) if name else None


# --- deciding between claims -----------------------------------------------------------------


def page_outlet(
    claims: list[Claim], domain: str | None = None, lines: list[str] | None = None, crawled: bool = False
) -> Claim | None:
    """The outlet the page names as itself. Claims are grouped by the outlet they name, each
    group scored by its claims' weights and (text) by how many lines name it. Names that spell
    the domain win over those that do not: a name the address does not confirm may be a
    parent company, a platform, a partner or a section. When the address is the crawl's
    (`crawled`) only such names compete, and None lets the caller name the outlet by its
    domain; the page's own canonical URL is a statement like the others (a group's sites
    point it at a sister site), so there the unconfirmed names still count when none agrees.
    The winning group's spelling: one that spells the domain, a name rather than a domain,
    the strongest."""
    groups: list[list[Claim]] = []
    for claim in claims:
        group = next((g for g in groups if any(_same_or_initials(claim, c) for c in g)), None)
        if group is None:
            groups.append([claim])
        else:
            group.append(claim)
    merged = True  # "DM" joins "Daily Maverick" though it came before the claim that links them
    while merged:
        merged = False
        pairs = [(i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))]
        for i, j in pairs:
            if any(_same_or_initials(a, b) for a in groups[i] for b in groups[j]):
                groups[i] += groups.pop(j)
                merged = True
                break
    agreeing = [g for g in groups if any(agrees_with_domain(c.name, domain) for c in g)] if domain else []
    if agreeing or crawled:
        groups = agreeing
    if not groups:
        return None

    def score(group: list[Claim]) -> float:
        total = sum(max(c.weight for c in group if c.kind == kind) for kind in {c.kind for c in group})
        if lines is not None:
            lines_naming = max(recurs(name, lines) for name in {c.name for c in group})
            total += min(_RECURS_MAX, _RECURS * max(0, lines_naming - 1))
            if any(agrees_with_domain(c.name, d) for c in group for d in named):
                total += _NAMED_DOMAIN_AGREES
        return total

    named = mentioned_domains(lines) if lines is not None else set()
    best = max(groups, key=score)
    short = {initials(c.name) for c in best} - {""}  # "DW" beside "Deutsche Welle": the name is the long one
    chosen = max(
        best, key=lambda c: (agrees_with_domain(c.name, domain), not looks_like_domain(c.name), key(c.name) not in short, c.weight)
    )
    if looks_like_domain(chosen.name):  # "news.ORF.at", "taz.de": the site's name is the label
        chosen = replace(chosen, name=name_from_domain(chosen.name, [chosen.name]))
    return chosen


def name_from_domain(domain: str, spellings: list[str] = ()) -> str:
    """An outlet named by its address: the registrable domain's label ("orf.at" -> "orf"), in
    the page's own spelling when one of its names spells the domain ("news.ORF.at" -> "ORF")."""
    label = registrable_domain(domain).split(".", 1)[0] if registrable_domain(domain) else domain
    for spelling in spellings:
        found = re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", spelling, re.IGNORECASE)
        if found:
            return found.group(0)
    return label


# --- helpers -------------------------------------------------------------------------------

TITLE_SEPARATOR = re.compile(r"\s+[|–—·-]\s+|\s*\|\s*|\s+::\s+")
BULLET = re.compile(r"^(?:[•□☆■▪◦●*+>#]|\d+\.|o\s)\s*")
_YEARS = r"(?:(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?[\s,.-]*)"
_MARK = cues.COPYRIGHT_MARK_PATTERN
_OWNER_AFTER = re.compile(
    rf"(?:{_MARK}\s*)+[\s,.-]*{_YEARS}?[\s-]*(?:by\s+)?(?P<owner>[^\W\d_][^.|,;©\n]*?)"
    rf"(?:\s*{_YEARS})?\s*(?:[.|,;©]|{cues.RIGHTS_RESERVED.pattern}|$)",
    re.IGNORECASE,
)
_OWNER_BEFORE = re.compile(
    rf"(?:^|[.|]\s*)(?P<owner>[^\W\d_][^.|,;©]*?)\s*(?:{_MARK}\s*{_YEARS}?|{_YEARS}?\s*[.,]?\s*all rights reserved)",
    re.IGNORECASE,
)
_DATELINE_CREDIT = re.compile(r"\(([^()]{2,40})\)\s*[-–—:]")


def add_claim(found: list[Claim], text: str, evidence: str, kind: str) -> None:
    """The claim, and each part of one that joins names ("Name – Other Name", "Name - Publisher
    GmbH"): one of the parts is often the outlet, the whole rarely."""
    parts = [p for p in TITLE_SEPARATOR.split(text) if p.strip()]
    for candidate in [text] + (parts if len(parts) > 1 else []):
        name = clean_name(strip_legal(candidate) if kind in ("publisher", "copyright") else candidate)
        if name and not not_a_name(name):
            corporate = kind == "copyright" and cues.CORPORATE.search(candidate)
            found.append(Claim(name, evidence.strip()[:300], kind, _CORPORATE_NOTICE if corporate else WEIGHTS[kind]))


def not_a_name(name: str) -> bool:
    """Generic words and furniture ("Menu", "Plus", "Logga in", "Twitter") where a name would be."""
    return name.casefold() in cues.NOT_AN_OUTLET_NAME or bool(cues.FURNITURE_NAME.fullmatch(name))


def strongest_first(claims: list[Claim]) -> list[Claim]:
    seen: set[tuple[str, str]] = set()
    out = []
    for claim in sorted(claims, key=lambda c: -c.weight):
        if (key(claim.name), claim.kind) not in seen:
            seen.add((key(claim.name), claim.kind))
            out.append(claim)
    return out


def _meta(tree, name: str) -> list[str]:
    values = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return [v.strip() for v in values if v and v.strip()]


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _json_ld_nodes(tree, resolve: bool = False) -> list[dict]:
    """Every object of the page's JSON-LD blocks (@graph flattened); with `resolve`, a bare
    {"@id": …} reference is replaced by the object of that id."""
    nodes: list[dict] = []

    def walk(value) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            nodes.append(value)
            walk(value.get("@graph"))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content() or "null", strict=False))
        except ValueError:
            continue
    if resolve:
        by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
        for node in nodes:
            for field in ("publisher", "sourceOrganization"):
                refs = _as_list(node.get(field))
                node[field] = [by_id.get(r.get("@id"), r) if isinstance(r, dict) else r for r in refs]
    return nodes


def _is_article(node: dict) -> bool:
    kinds = _as_list(node.get("@type"))
    return any(isinstance(k, str) and (k.endswith("Article") or k in ("WebPage", "Report")) for k in kinds)


def _ends_or_starts(title: str, affix: str) -> bool:
    parts = [s for s in TITLE_SEPARATOR.split(title) if s.strip() and not _DATE_ONLY.match(s)]
    return len(parts) >= 2 and key(affix) in (key(parts[0]), key(parts[-1]))


def recurs(name: str, lines: list[str]) -> int:
    """How many lines name `name` as a whole word or words."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    folded = name.lower()
    return sum(1 for line in lines if folded in line.lower() and pattern.search(line))


def _unglue(line: str) -> str:
    """Renderers run link texts together ("Deutsche WelleDatenschutz"): cut before a capital
    that follows a lower-case letter, where a word boundary was lost."""
    return re.sub(r"(?<=[a-zà-ÿ]{3})(?=[A-ZÀ-Þ][a-zà-ÿ]{4,})", " | ", line)


def strip_legal(owner: str) -> str:
    owner = " ".join(owner.replace("«", " ").replace("»", " ").split())
    previous = None
    while previous != owner:
        previous = owner
        owner = cues.LEGAL_FORM.sub("", owner).strip()
        owner = cues.LEGAL_PREFIX.sub("", owner).strip()
    return owner
