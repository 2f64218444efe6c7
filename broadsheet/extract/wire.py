"""Dateline and wire agency: where an article was filed from, and which agency it credits.

Both read the article's first and last paragraphs (page.py's units, as the cleaner decided
them) by shape; the only vocabulary is the list of wire agencies below and cues.py.
"""

from __future__ import annotations

import re

from broadsheet.extract import cues
from broadsheet.extract.page import Page

_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")

# Canonical name -> spellings. Acronyms match case-sensitively, names case-insensitively.
_AGENCIES = {
    "AFP": ["AFP", "(?i:Agence France[- ]Presse)"],
    "AP": ["AP", "(?i:The Associated Press|Associated Press)"],
    "Reuters": ["(?i:Thomson Reuters|Reuters)"],
    "dpa": ["dpa", "DPA", "(?i:Deutsche Presse-Agentur)"],
    "EFE": ["EFE", "(?i:Agencia EFE)"],
    "ANSA": ["ANSA"],
    "Xinhua": ["(?i:Xinhua(?: News Agency)?)"],
    "TASS": ["TASS", "ITAR-TASS"],
    "RIA Novosti": ["(?i:RIA Novosti)"],
    "Interfax": ["(?i:Interfax)"],
    "Anadolu": ["(?i:Anadolu(?: Agency)?)"],
    "PTI": ["PTI", "(?i:Press Trust of India)"],
    "IANS": ["IANS"],
    "ANI": ["ANI"],
    "Kyodo": ["(?i:Kyodo(?: News)?)"],
    "Yonhap": ["(?i:Yonhap)"],
    "UPI": ["UPI", "(?i:United Press International)"],
    "AAP": ["AAP", "(?i:Australian Associated Press)"],
    "The Canadian Press": ["(?i:The Canadian Press|Canadian Press)"],
    "Bloomberg": ["(?i:Bloomberg)"],
    "KUNA": ["KUNA"],
    "WAM": ["WAM"],
    "IRNA": ["IRNA"],
    "Bernama": ["(?i:Bernama)"],
    "Antara": ["(?i:Antara)"],
    "Europa Press": ["(?i:Europa Press)"],
    "Lusa": ["(?i:Lusa)"],
    "Prensa Latina": ["(?i:Prensa Latina)"],
    "Agencies": ["(?i:news agencies|agencies|wire services|wires)"],
}
_SPELLING_TO_NAME = [
    (re.compile(rf"^(?:{spelling})$"), name) for name, spellings in _AGENCIES.items() for spelling in spellings
]
_AGENCY = "(?:" + "|".join(s for spellings in _AGENCIES.values() for s in spellings) + ")"
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:,|/|&|and|\+)\s*{_AGENCY})*"

# "Source AFP", "Sources: AFP, Reuters", "— AFP", "(AFP)", "AFP" alone on a line.
_CREDIT_LINE = re.compile(
    rf"^\W*(?:(?i:sources?|fuentes?|fontes?|quellen?)\s*:?\s*)?({_AGENCY_LIST})\W*$"
)
# "With inputs from PTI", "Additional reporting by Reuters", "AFP contributed to this report".
_CONTRIBUTED = re.compile(
    rf"^\W*(?i:(?:with (?:inputs?|reporting|files) from|additional reporting by|material from)\s+)"
    rf"({_AGENCY})\b|^\W*({_AGENCY})\s+(?i:contributed to this (?:report|story))"
)
# "... the minister said. — AFP" at the end of a paragraph.
_TRAILING = re.compile(rf"[.!?\"”’]\s*[-–—]+\s*({_AGENCY})\s*\W?$")
# "MOSCOW (AFP) —", "(Reuters) -", "BEIJING, May 5 /Xinhua/ --" at a paragraph's start.
_DATELINE_AGENCY = re.compile(rf"^[^()\n]{{0,60}}?[(/]\s*({_AGENCY})\s*[)/]\s*(?:[-–—:]|--)?")


def _agency_name(spelling: str) -> str:
    spelling = " ".join(spelling.split())
    return next((name for pattern, name in _SPELLING_TO_NAME if pattern.match(spelling)), spelling)


def find_wire(page: Page) -> str | None:
    """The news agency credited for the story, from credit shapes only: a "Source: AFP" line
    after the article, "(AFP) —" in the dateline, "— AFP" closing a paragraph. An agency in a
    photo credit ("© AFP 2023 / Name") or in prose ("AFP reported") is not the wire."""
    start = page.body_start
    if start is None:
        return None
    units = page.units
    for unit in units[start : start + 4]:
        text = unit.content
        m = _DATELINE_AGENCY.match(text)
        if unit.kept and m and len(text[m.end() :].split()) >= 6:
            return _agency_name(m.group(1))
    # Credits close the article: look no further than a few lines past its last kept line.
    for unit in units[start : page.last_kept + 8]:
        text = unit.content
        m = (len(text) <= 60 and _CREDIT_LINE.match(text)) or _CONTRIBUTED.match(text)
        if not m and unit.kept:
            tail = text[-60:]
            if "-" in tail or "–" in tail or "—" in tail:  # cheaper than the search
                m = _TRAILING.search(tail)
        if m and not cues.CREDIT.search(text):
            credited = next(g for g in m.groups() if g)
            return _agency_name(re.match(_AGENCY, credited).group(0))  # the first one named
    return None


# --- dateline --------------------------------------------------------------------------

# The place/agency prefix of a paragraph ends at a dash or a colon.
_PREFIX = re.compile(r"^(.{2,70}?)\s*(—|–|--|\s-\s|:(?=\s))\s*(?=\S)")
_PAREN_TAIL = re.compile(r"\s*[(/][^()/]{2,40}[)/]\s*$")
_STANDALONE = re.compile(r"^(.{2,40}?)\s*(?:\s[-–—]\s|--)\s*(.{2,40})$")
# Editorial labels shaped like a capitalised place before a colon.
_LABELS = frozenset(
    "update updated breaking watch video exclusive opinion analysis editorial live photos note "
    "read listen correction".split()
)


def _agency_tail(text: str) -> re.Match | None:
    """A trailing "(Agency)" or "/Agency/"; a score or a date in brackets is not one."""
    m = _PAREN_TAIL.search(text)
    return m if m and not any(ch.isdigit() for ch in m.group(0)) else None


def _caps_place(segment: str) -> bool:
    letters = [ch for ch in segment if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters if ch.upper() != ch.lower())


def _capitalised(segment: str, max_words: int) -> bool:
    words = segment.replace(",", " ").split()
    return 0 < len(words) <= max_words and all(w[0].isupper() or w[0].isdigit() for w in words)


def _place(prefix: str, strict: bool) -> bool:
    """"MOSCOW", "ERBIL, Kurdistan Region", "ST. JOSEPH, Mich.", "Paris (AFP)" (title case only
    with an agency: strict=False)."""
    first, _, rest = prefix.partition(",")
    if rest and not _capitalised(rest, 4):
        return False
    if any(ch.isdigit() for ch in first):
        return False  # "27.01.2022Title", "November02 2023": a date, not a place ("PARIS, April 8" is one)
    if _caps_place(first) and len(first.split()) <= 4:
        return first.strip().casefold() not in _LABELS
    return not strict and _capitalised(first, 3)


def _prefix_dateline(text: str) -> str | None:
    m = _PREFIX.match(text)
    if not m or len(text[m.end() :].split()) < 6:
        return None
    prefix = m.group(1).strip()
    agency = _agency_tail(prefix)
    place = prefix[: agency.start()] if agency else prefix
    if not place.strip():
        return None  # "(Reuters) —": an agency without a place
    if cues.DATE_OR_TIME.search(prefix):
        return None  # a date or a time stamp before a dash, not a place
    if m.group(2) == ":" and agency is None:
        return None  # "DEAR ABBY:", "UPDATE:": a label as often as a place
    # Title-case words before a dash are too often a name or a label; with an agency they
    # are a place ("Paris (AFP) —").
    return prefix if _place(place, strict=agency is None) else None


def _standalone_dateline(text: str) -> str | None:
    """A short line of its own right above the article: "Paris - Arab Today", "LONDON (AP)"."""
    if len(text.split()) > 7 or _SENTENCE_END.search(text) or cues.BYLINE_START.match(text):
        return None
    if cues.DATE_OR_TIME.search(text):
        return None  # a date or time line ("Jane Doe - 31. Januar 2022"), not a place
    agency = _agency_tail(text)
    if agency:
        return text if _place(text[: agency.start()], strict=False) else None
    m = _STANDALONE.match(text)
    if m:
        place, source = m.groups()
        if _place(place, strict=False) and _capitalised(source, 4):
            return text
    # A bare "BAAR, SWITZERLAND" is left out: capitals and a comma also make a byline.
    return None



def find_dateline(page: Page) -> str | None:
    """The place (and agency) an article is filed from: the prefix of one of its first
    paragraphs ("MOSCOW (Sputnik) — …"), or a short line of its own just above them."""
    start = page.body_start
    if start is None:
        return None
    units = page.units
    first_kept = [unit for unit in units[start : start + 12] if unit.kept][:4]
    for unit in first_kept:
        found = _prefix_dateline(unit.content)
        if found:
            return found
    for unit in reversed(units[max(0, start - 2) : start + 1]):
        found = _standalone_dateline(unit.content)
        if found:
            return found
    return None
