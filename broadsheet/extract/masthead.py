"""What a text dump's lines say of its site: mastheads, logos, self-references, the heading of
its footer and the box describing it, and which names are a person's or an owner's instead.

Pure functions over a dump's lines (the head and tail `identity.ends` bounds); `claims_text`
turns what they read into identity's claims. Only general signals are read, the shape and
position of a line and cue words (cues.py): the dumps we are measured on come from outlets and
renderers never seen here.
"""

from __future__ import annotations

import itertools
import re

from broadsheet.extract import cues
from broadsheet.extract.identity import (
    BULLET,
    MAX_NAME_CHARS,
    TITLE_SEPARATOR,
    WORD,
    Claim,
    add_claim,
    agrees_with_domain,
    clean_name,
    copyright_owners,
    ends,
    key,
    named_domain,
    not_a_name,
    recurs,
    strip_legal,
    strongest_first,
    title_affixes,
)

_EARLY_LINES = 60  # the masthead sits above the article, among the first lines of the dump
_FOOTER_LINES = 100  # the footer (legal links, the box about the site, owner notices) ends it


def claims_text(lines: list[str], domain: str | None = None) -> list[Claim]:
    """What a text dump says its site is, strongest first: logo lines ("Name logo", "Logo:
    Name", a Markdown image's alt text naming a logo), copyright owners, a title affix among
    the first lines, a masthead: an early short line that spells the domain, that a logo and
    its caption double ("Name Name", "NameName", "Name - Back to home Name", "The" / "Name"
    twice), or that other lines of the page name ("More from Name", "Name on Facebook"); the
    heading of the footer's legal links or of the box describing the site; the site an owner
    line or a byline credits ("Name - Property of Owner", "By Jane Doe for Name"). Names given
    as a byline's or as the site's owner ("A division of Owner") are dropped: a person or a
    parent company is not the site."""
    found: list[Claim] = []
    stripped = [" ".join(line.split()) for line in ends(lines)]
    for line in stripped:
        low = line.lower()
        if "logo" in low:  # cues.LOGO needs the word; a substring test spares the regex
            for name in logo_names(line):
                add_claim(found, name, line, "logo")
        for owner in copyright_owners([line]):
            add_claim(found, owner, line, "copyright")
    site = named_domain(stripped)
    if site:
        add_claim(found, *site, "named_domain")
    named_by_self = set()
    for name, line in self_references(stripped):
        add_claim(found, name, line, "self_reference")
        named_by_self.add(key(name))
    early = [s for s in stripped[:_EARLY_LINES] if s]
    # a dateline or a byline ("Place - 15 Oct 2024", "Name | Published 4 months ago") is no title
    titles = [s for s in early if TITLE_SEPARATOR.search(s) and not (BULLET.match(s) or cues.DATE_LABEL.search(s) or cues.DATE_OR_TIME.search(s))][:3]
    for affix, evidence in title_affixes(titles, domain, lambda name: embedded_mentions(name, stripped) >= 2):
        if embedded_mentions(affix, stripped) >= 1:
            add_claim(found, affix, evidence, "title_affix")
    pairs = list(itertools.pairwise(early))
    for index, line in enumerate(early):
        following = early[index + 1 : index + 3]
        if _ARTICLE.fullmatch(line):  # a logo split after its article ("The" / "Name_"), twice
            if following and pairs.count((line, following[0])) >= 2 and not _above_credit(following):
                add_claim(found, f"{line} {following[0]}", line, "logo")
            continue
        doubled = _doubled(line)
        if doubled:
            if not _above_credit(following):
                add_claim(found, doubled, line, "logo")
            continue
        if BULLET.match(line) or len(line.split()) > 4:
            continue
        name = clean_name(line)
        mentions = embedded_mentions(name, stripped) if name else 0
        repeated = sum(1 for other in stripped if other == line) >= 2
        confirmed = mentions >= 3 or (mentions >= 2 and key(name) in named_by_self) or (repeated and mentions)
        if name and (agrees_with_domain(name, domain) or confirmed) and not _above_credit(following):
            add_claim(found, name, line, "masthead")
    for name, line in site_headings(stripped):
        add_claim(found, name, line, "masthead")
    text = [s for s in stripped if s]
    sites, owners = ownership(text[:_EARLY_LINES] + text[_EARLY_LINES:][-_FOOTER_LINES:])
    credited, people = bylines(stripped)
    for name, line in sites:
        add_claim(found, name, line, "owned")
    for name, line in credited:
        add_claim(found, name, line, "byline")
    not_the_site = owners | people
    return strongest_first([c for c in found if key(c.name) not in not_the_site and not cues.OWNER_AFTER.search(c.name)])


_HEADING_REACH = 3  # a footer heading's legal links follow within three lines
# cues.LEGAL_FOOTER over a lower-cased page in one pass (without its leading \b: faster)
_LEGAL_LINK_LOWER = re.compile(cues.LEGAL_FOOTER.pattern.removeprefix(r"\b"))


def site_headings(lines: list[str]) -> list[tuple[str, str]]:
    """(name, line) for a short line of the footer that heads the box describing the site
    ("Name" / "Your Name is the voice of…") or, named again on the page, its legal links
    ("Name" / "• Impressum")."""
    out = []
    text = [s for s in lines if s]
    footer = max(0, len(text) - _FOOTER_LINES)
    legal = {footer + i for i in _lines_matching(_LEGAL_LINK_LOWER, "\n".join(s if len(s) < 40 else "" for s in text[footer:]).lower())}
    above_legal = {i - step for i in legal for step in range(1, _HEADING_REACH + 1)}
    above_long = {footer + i - 1 for i, s in enumerate(text[footer:]) if s.count(" ") >= 11}
    for index in sorted(i for i in (above_legal | above_long) - legal if i >= 0):
        line = text[index]
        if len(line) > MAX_NAME_CHARS or line.count(" ") > 3:
            continue
        after = text[index + 1]
        describes = index in above_long and _starts_with(after.casefold().removeprefix("your ").removeprefix("the "), line.casefold())
        if not describes and index not in above_legal:
            continue
        name = clean_name(line)
        if not name or BULLET.match(line) or not_a_name(name):
            continue
        if describes or embedded_mentions(name, text) or sum(1 for s in text if s.endswith(line) and BULLET.sub("", s) == line) >= 2:
            out.append((name, line))
    return out


_FURNITURE_CHARS = 200  # owner notices and bylines are short lines; prose is not read for them


def ownership(lines: list[str]) -> tuple[list[tuple[str, str]], set[str]]:
    """The sites and the owners that owner lines name: ((name, line) for "Name - Property of
    Owner", "Name, a division of Owner"; the keys of the owners, also of "a Owner plc
    subsidiary", "Owner and affiliated companies")."""
    sites, owners = [], set()
    short = [line for line in lines if len(line) <= _FURNITURE_CHARS]
    for index in _lines_matching(cues.OWNER_LOWER, "\n".join(short).lower()):  # newlines survive lower()
        line = short[index]
        for match in cues.OWNER_BEFORE.finditer(line):
            owners.add(key(clean_name(strip_legal(re.split(r"[.,;:|©()]|\s[-–—]\s", line[match.end() :])[0]))))
            before = line[: match.start()].rstrip()
            site = clean_name(before) if before[-1:] in ",-–—|" else None  # "Name - Property of", not a sentence
            if site and not not_a_name(site) and len(site.split()) <= 4:
                sites.append((site, line))
        for match in cues.OWNER_AFTER.finditer(line):
            owner = _TRAILING_NAME.search(strip_legal(line[: match.start()].rstrip()))
            if owner:
                owners.add(key(owner.group(0)))
    return sites, owners - {""}


def bylines(lines: list[str]) -> tuple[list[tuple[str, str]], set[str]]:
    """What bylines say: ((name, line) of the outlet one credits, "By Jane Doe for Name"; the
    keys of the people they name, also the name under an author heading, "Contact the author:")."""
    credited, people = [], set()
    text = [line for line in lines if line]
    joined = "\n".join(line if len(line) <= _FURNITURE_CHARS else "" for line in text)
    for index in _lines_matching(_BYLINE_OR_AUTHOR_HEADING, joined):
        line = text[index]
        if cues.AUTHOR_HEADING.fullmatch(line):
            if index + 1 < len(text) and text[index + 1].count(" ") <= 3:
                people.add(key(text[index + 1]))
            continue
        if " " not in line:
            continue  # "By" alone: the byline's name is on the next line
        person, *credit = cues.BYLINE_FOR.split(line.split(None, 1)[1], 1)
        people.add(key(_CO_AUTHORS.split(person)[0]))
        outlet = clean_name(credit[0]) if credit else None
        if outlet and len(outlet.split()) <= 4:
            credited.append((outlet, line))
    return credited, people - {""}


_SELF_LINE_CHARS = 120
_ARTICLE = re.compile(r"The|THE|Die|Der|Das|Le|La|Les|El|Il|Het|De")
_CAPITALISED = re.compile(rf"(?:(?:{_ARTICLE.pattern})\s+)?[A-ZÀ-Þ0-9][\w'’&.-]*(?:\s[A-ZÀ-Þ][\w'’&.-]*){{0,3}}")


def self_references(lines: list[str]) -> list[tuple[str, str]]:
    """(name, line) for furniture where a site names itself: "More from Name", "Follow Name on
    X", "Über Name", "Name newsletter", "Name app", "… mit der Name App!" (cues.py holds the words),
    kept when a line of another kind names it too. The name is what the line capitalises."""
    out: list[tuple[str, str]] = []
    for line in lines:
        if not line or len(line) > _SELF_LINE_CHARS:
            continue
        text = BULLET.sub("", line).strip()
        name = None
        before = cues.SELF_REFERENCE_BEFORE.match(text)
        if before:
            found = _CAPITALISED.match(text, before.end())
            rest = text[found.end():].strip(" :.!-–—") if found else ""
            if found and len(rest.split()) <= 3:
                name = found.group(0)
        after = None if name else cues.SELF_REFERENCE_AFTER.search(text)
        if after and _CAPITALISED.fullmatch(text[: after.start()].strip()):
            name = text[: after.start()].strip()
        elif after and len(text[after.end() :].split()) <= 2:  # "Lesen Sie mit der Name App!"
            trailing = _NUMBERED_TRAILING_NAME.search(text[: after.start()])
            name = trailing.group(0) if trailing else None
        name = clean_name(name)
        if not name or len(key(name)) < 2 or name.casefold() in cues.NOT_A_SELF_NAME or not_a_name(name):
            continue
        out.append((name, line))
    # The name again in a line that is no such furniture ("Name Name" logo, "© Name", a sentence).
    cue_lines: dict[str, set[str]] = {}
    for name, line in out:
        cue_lines.setdefault(name, set()).add(line)
    recurring = {name for name, cued in cue_lines.items() if recurs(name, [line for line in lines if line not in cued]) >= 1}
    return [(name, BULLET.sub("", line).strip()) for name, line in out if name in recurring]


def embedded_mentions(name: str, lines: list[str]) -> int:
    """Lines of furniture (12 words at most) that name `name` among other words, in its own
    capitalisation: where a site names itself ("More from Name", "Name on Facebook", "© Name")."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    count = 0
    for line in lines:
        # the substring test first: most lines do not hold the name, and it costs no regex
        rest = line.replace(name, " ", 1).strip(" •□☆■▪◦●*|-–—:") if name in line and pattern.search(line) else ""
        if rest and len(line.split()) <= 12 and WORD.search(rest):
            count += 1
    return count


def logo_names(line: str) -> list[str]:
    """The name in a logo line: "[Name logo]", "Name Logo", "Logo: Name", "![Name logo](…)"."""
    out = []
    for alt in _MARKDOWN_IMAGE.findall(line) or [line.strip("[]")]:
        match = cues.LOGO.fullmatch(_undoubled(alt.strip()))
        if match:
            name = clean_name(_undoubled(match.group("before") or match.group("after") or ""))
            if name and not not_a_name(name):
                out.append(name)
    return out


# --- helpers -------------------------------------------------------------------------------

_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]")
# The capitalised words a text ends with ("… der Freie Presse", "© 2025 Owner Name").
_TRAILING_NAME = re.compile(r"(?<![\w'’&.-])(?:[A-ZÀ-Þ][\w'’&.-]*\s?){1,4}$")
_NUMBERED_TRAILING_NAME = re.compile(rf"(?<!\S)(?:\d+\s)?{_TRAILING_NAME.pattern}")  # "… die 20 Minuten"
_BYLINE_OR_AUTHOR_HEADING = re.compile(
    rf"{cues.BYLINE_START.pattern}|^(?:{cues.AUTHOR_HEADING.pattern})$", re.IGNORECASE | re.MULTILINE
)
_CO_AUTHORS = re.compile(r",|\||\s(?:and|und|et|y|e|och|og|i|&)\s|\s[-–—]\s")  # "Jane Doe and John Roe"


def _above_credit(following: list[str]) -> bool:
    """An image's alt text or caption stands above its credit ("Name" / "Foto: Agency"): the
    name is a person's or a place's, not a masthead."""
    return any(cues.CREDIT_NAMING.search(s) and not cues.IMAGE.match(s) for s in following)


def _starts_with(text: str, words: str) -> bool:
    return text.startswith(words) and not text[len(words) : len(words) + 1].isalnum()


def _lines_matching(pattern: re.Pattern, text: str) -> list[int]:
    """Indexes of the lines of `text` (lines joined by newlines) that `pattern` matches: one
    regex pass over the page, not one call per line."""
    found: list[int] = []
    line = position = 0
    for match in pattern.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        if not found or found[-1] != line:
            found.append(line)
    return found


_DOUBLED = re.compile(r"(?:^|(?<=\s)|(?<=[a-zà-ÿ]))([A-ZÀ-Þ][\w'’.-]{2,}(?: [\w'’.-]+){0,3})(?:(?: [-–|])? [^|]{0,20}?)?\1$")


def _doubled(line: str) -> str | None:
    """A name a line ends with twice ("…AftonbladetAftonbladet", "Name - Back to homeName"): a
    logo's alt text beside its caption, the masthead of many renderings."""
    if len(line) > 80:
        return None
    match = _DOUBLED.search(line)
    if not match or len(key(match.group(1))) < 3:
        return None
    # "Section: Place | Site Place" is a title: with words before it, the name doubles at once
    gap = line[match.end(1) : len(line) - len(match.group(1))]
    return clean_name(match.group(1)) if match.start() == 0 or not gap.strip() else None


def _undoubled(line: str) -> str:
    """ "Name Name" (a logo's alt text beside its caption) -> "Name"."""
    words = line.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return line
