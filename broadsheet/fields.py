"""Title, dateline, wire agency and language of an article.

All four read the cleaner's paragraphs (kept = article body) by shape: length, casing,
sentence ends, position relative to the first body paragraph. No rule names a site; the
only vocabulary is the list of wire agencies and a few generic cue words. The paragraphs are
the cleaner's units (`textclean.line_units`): hard-wrapped lines joined and renderer markup
(lynx "[12]" link numbers, Markdown links, images, emphasis, escapes, headings) removed,
since hidden dumps come from other renderers than the development ones
(docs/renderer-shift.md).
"""

from __future__ import annotations

import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from broadsheet.records import LineMark
from broadsheet.textclean import UNSPACED, Unit, line_units

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_PERIOD_END = re.compile(r"[.…。][\"'”’»)\]]*$")
# Ends that a headline cannot have (a question or exclamation mark it can).
_NOT_HEADLINE_END = re.compile(r"[.…,;:。][\"'”’»)\]]*$")
# A clock time, a numeric date, a day next to a year ("Nov 19, 2019", "19 May 2016",
# "2019年11月20日"); a bare year is not a date ("Euro 2020 qualifying").
DATE_OR_TIME = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\d\s*[年月日년월일]"
    r"|\b\d{1,2}(st|nd|rd|th)?\W+(\w+\W+)?(19|20)\d{2}\b|\b(19|20)\d{2}\W+(\w+\W+)?\d{1,2}\b"
)
_CREDIT = re.compile(
    r"©|ⓒ|\b(photos?|image|picture|credit|foto|getty|shutterstock)\b|/\s*(afp|ap|reuters|epa)\b"
    r"|\((afp|ap|reuters|epa|xinhua|anadolu)\)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(by|von|par|por|di|door|av|od|от|przez)\s", re.IGNORECASE)


class _Row:
    """One paragraph (a non-blank line, or the joined lines of a hard-wrapped paragraph)."""

    __slots__ = ("index", "text", "kept", "bullet", "size", "_key")

    def __init__(self, index: int, unit: Unit):
        self.index = index  # position among the page's paragraphs
        self.text = unit.content  # markup and bullet removed
        self.kept = unit.kept
        self.bullet = unit.bullet
        # Words as spaces separate them ("BC-EU--Britain" is one); in scripts written without
        # spaces, 2 characters a word.
        size = float(len(self.text.split()))
        if not self.text.isascii():
            size += len(UNSPACED.findall(self.text)) / 2
        self.size = size
        self._key: str | None = None

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = _squash(self.text)
        return self._key


class _Page:
    """The paragraphs of a page as the cleaner joined them (broadsheet.textclean); rows are
    built lazily, since most fields read only the few lines around the start of the article."""

    __slots__ = ("lines", "units", "texts", "kept", "linked", "_rows", "start")

    def __init__(self, lines: tuple[LineMark, ...]):
        self.lines = lines
        self.units = line_units(lines)
        self.texts = [unit.content for unit in self.units]
        self.kept = [unit.kept for unit in self.units]
        # A paragraph that starts with a link (a related headline, a menu item) is marked.
        self.linked = [unit.linked for unit in self.units]
        self._rows: dict[int, _Row] = {}
        self.start = self._body_start()

    def __len__(self) -> int:
        return len(self.texts)

    def row(self, index: int) -> _Row:
        row = self._rows.get(index)
        if row is None:
            row = self._rows[index] = _Row(index, self.units[index])
        return row

    def rows(self, first: int, stop: int) -> list[_Row]:
        return [self.row(i) for i in range(max(0, first), min(stop, len(self.texts)))]

    def _body_start(self) -> int | None:
        """Index of the first kept prose row: where the article's text begins."""
        for index, kept in enumerate(self.kept):
            if kept and _is_prose(self.row(index)):
                return index
        return None


# The last page built: find_title, find_dateline and find_wire are called on the same lines.
_last_page: _Page | None = None


def _page(lines: tuple[LineMark, ...]) -> _Page:
    """The page view of `lines` (a local copy is returned, so threads cannot swap it)."""
    global _last_page
    page = _last_page
    if page is None or page.lines is not lines:
        page = _last_page = _Page(lines)
    return page


def _is_prose(row: _Row) -> bool:
    """A sentence-ended line; a short question is more likely a headline than prose."""
    if row.size >= 12:
        return bool(_SENTENCE_END.search(row.text))
    return row.size >= 6 and bool(_PERIOD_END.search(row.text))


def _squash(text: str) -> str:
    """Letters and digits only, casefolded: "US to offer…" and "us to offer" compare equal."""
    return "".join(_WORD.findall(text)).casefold()


# --- title -----------------------------------------------------------------------------


def similar_titles(a: str, b: str) -> bool:
    """Two spellings of one headline: same words mostly, whatever the case and punctuation."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not wa or not wb or not 0.5 <= len(a) / len(b) <= 2:
        return False
    return len(wa & wb) / max(len(wa), len(wb)) >= 0.7


def _echoes_page_title(candidate: str, page_title: str) -> bool:
    """The candidate is the page's first line (its <title> in a dump), maybe without the
    " - Site" part or differently cased ("us to offer russia antiterror pact")."""
    c, p = _squash(candidate), _squash(page_title)
    if not c or len(c) < 0.4 * len(p):
        return False
    return p.startswith(c) or p.endswith(c) or similar_titles(candidate, page_title)


def _casing_score(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not any(ch.upper() != ch.lower() for ch in letters):
        return 0.5  # a script without case
    if not any(ch.isupper() for ch in letters):
        return -3.0  # a lowercased slug, not the headline as printed
    long_words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    if long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words):
        return 1.0
    return 0.5 if letters[0].isupper() else 0.0


_SHARE_PROMPT = re.compile(r"^(share|tweet|e-?mail|print|follow|subscribe)\b", re.IGNORECASE)
_SOCIAL = re.compile(r"facebook|twitter|tweet|whatsapp|pinterest|linkedin|reddit|e-?mail", re.IGNORECASE)
# Image/link markers, handles, table rows, numbered list items.
_MARKUP = re.compile(r"^[\[<{]|@|\|.*\||^\d{1,2}[.)]\s")


def _is_meta(row: _Row) -> bool:
    """A byline or a date line: what sits right under (or over) a headline."""
    return row.size <= 15 and bool(_BYLINE.match(row.text) or DATE_OR_TIME.search(row.text))


def _is_credit(row: _Row) -> bool:
    return row.size <= 12 and bool(_CREDIT.search(row.text))


def _names(text: str) -> bool:
    """A byline without "By": "Jane Doe, AP Writer", "Kevin Johnson and Kevin McCoy"."""
    words = text.replace(",", " , ").split()
    if len(words) > 9 or not ("," in words or "and" in words or "&" in words):
        return False
    return all(w[0].isupper() for w in words if w not in {",", "and", "&"})


def _title_score(row: _Row, page: _Page, substantial_after: dict[int, int]) -> float | None:
    """How much a row looks like the headline; None when it cannot be one."""
    text = row.text
    if page.linked[row.index] or (row.bullet and row.index > 0):
        return None  # a menu or list item, a linked headline of another story
    if not 3 <= row.size <= 30 or _NOT_HEADLINE_END.search(text):
        return None
    if _CREDIT.search(text) or _BYLINE.match(text):
        return None
    if _SHARE_PROMPT.match(text) or _MARKUP.search(text):
        return None
    if len(_SOCIAL.findall(text)) >= 2:
        return None  # a row of share buttons
    digits = sum(w.isdigit() for w in _WORD.findall(text))
    if (row.size <= 12 and DATE_OR_TIME.search(text)) or digits >= 0.3 * row.size:
        return None  # a date or time stamp, a score line, a table row
    score = _casing_score(text)
    if row.index == 0:
        score += 1.0  # a dump may open with the page's <title>
    elif _echoes_page_title(text, page.row(0).text):
        score += 4.0
    # Share prompts and alt texts above the article repeat its headline; related headlines
    # repeated in far-off link lists do not count.
    nearby = page.rows(row.index - 12, min(row.index + 12, page.start or len(page)))
    if len(row.key) >= 15 and any(row.key in r.key for r in nearby if r.index not in (0, row.index)):
        score += 1.5
    # Between headline and article: a standfirst, a byline, a date, share buttons.
    gap = substantial_after[row.index]
    score += 2.0 if gap <= 2 else 1.0 if gap <= 5 else 0.0
    # The byline or date sits right under the headline (sometimes right over it).
    if any(_is_meta(r) for r in page.rows(row.index + 1, row.index + 3)):
        score += 1.5
    elif any(_is_meta(r) for r in page.rows(row.index - 2, row.index)):
        score += 0.5
    if _names(text):
        score -= 2.0
    if row.index + 1 < len(page) and _is_credit(page.row(row.index + 1)):
        score -= 3.0  # a caption: the line over a photo credit
    if 5 <= row.size <= 18:
        score += 1.0
    elif row.size > 20:
        score -= 1.0  # captions and standfirsts run longer than headlines
    elif row.size < 4:
        score -= 2.0  # "Back to Gallery", "Site Name Logo"
    return score


def find_title(lines: tuple[LineMark, ...]) -> str | None:
    """The headline: a medium-length, title-cased line without a sentence end, a few lines
    above the article, often next to its byline or date, often repeated on the page (a dump
    may open with the <title>)."""
    page = _page(lines)
    if not page:
        return None
    start = page.start if page.start is not None else min(len(page), 15)
    candidates = page.rows(start - 25, start)
    if start > 25:
        candidates.insert(0, page.row(0))
    # For each candidate, the lines of 4+ words between it and the article.
    substantial_after, count = {}, 0
    for row in reversed(candidates):
        substantial_after[row.index] = count
        count += row.size >= 4
    best, best_score = None, 2.0  # below this nothing looks like a headline
    for row in candidates:
        score = _title_score(row, page, substantial_after)
        if score is not None and score > best_score:
            best, best_score = row, score
    return best.text if best else None


# --- wire agencies ---------------------------------------------------------------------

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


def find_wire(lines: tuple[LineMark, ...]) -> str | None:
    """The news agency credited for the story, from credit shapes only: a "Source: AFP" line
    after the article, "(AFP) —" in the dateline, "— AFP" closing a paragraph. An agency in a
    photo credit ("© AFP 2023 / Name") or in prose ("AFP reported") is not the wire."""
    page = _page(lines)
    start = page.start
    if start is None:
        return None
    for row in page.rows(start, start + 4):
        m = _DATELINE_AGENCY.match(row.text)
        if row.kept and m and len(row.text[m.end() :].split()) >= 6:
            return _agency_name(m.group(1))
    # Credits close the article: look no further than a few lines past its last kept line.
    last = len(page.kept) - 1 - page.kept[::-1].index(True)
    for index in range(start, min(len(page), last + 8)):
        text = page.texts[index]
        m = (len(text) <= 60 and _CREDIT_LINE.match(text)) or _CONTRIBUTED.match(text)
        if not m and page.kept[index]:
            tail = text[-60:]
            if "-" in tail or "–" in tail or "—" in tail:  # cheaper than the search
                m = _TRAILING.search(tail)
        if m and not _CREDIT.search(text):
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
    if DATE_OR_TIME.search(prefix):
        return None  # a date or a time stamp before a dash, not a place
    if m.group(2) == ":" and agency is None:
        return None  # "DEAR ABBY:", "UPDATE:": a label as often as a place
    # Title-case words before a dash are too often a name or a label; with an agency they
    # are a place ("Paris (AFP) —").
    return prefix if _place(place, strict=agency is None) else None


def _standalone_dateline(text: str) -> str | None:
    """A short line of its own right above the article: "Paris - Arab Today", "LONDON (AP)"."""
    if len(text.split()) > 7 or _SENTENCE_END.search(text) or _BYLINE.match(text):
        return None
    if DATE_OR_TIME.search(text):
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


def find_dateline(lines: tuple[LineMark, ...]) -> str | None:
    """The place (and agency) an article is filed from: the prefix of one of its first
    paragraphs ("MOSCOW (Sputnik) — …"), or a short line of its own just above them."""
    page = _page(lines)
    start = page.start
    if start is None:
        return None
    first_kept = [i for i in range(start, min(len(page), start + 12)) if page.kept[i]][:4]
    for index in first_kept:
        found = _prefix_dateline(page.row(index).text)
        if found:
            return found
    for row in reversed(page.rows(start - 2, start + 1)):
        found = _standalone_dateline(row.text)
        if found:
            return found
    return None


# --- language --------------------------------------------------------------------------

# Characters of prose: enough for py3langid (the same labels as 400 on the eval corpora), whose
# cost grows with the text.
_SAMPLE = 300
_MIN_CONFIDENCE = 0.5  # calibrated probability under which the language is left unknown
_identifier: LanguageIdentifier | None = None


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body, or None when it is too short or too mixed to tell.

    The sample is the body's longest lines (its prose, not tables or list items), and the
    model is py3langid with calibrated probabilities, unrestricted: corpora hold dozens of
    languages and a restricted model would label the others wrongly rather than not at all.
    """
    global _identifier
    lines = sorted(body.splitlines(), key=len, reverse=True)
    sample, size = [], 0
    for line in lines:
        if size >= _SAMPLE:
            break
        sample.append(line[:_SAMPLE])
        size += len(line)
    text = " ".join(sample)[:_SAMPLE]  # the model's cost grows with the sample
    if sum(map(str.isalpha, text)) < 40:
        return None
    if _identifier is None:
        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    lang, confidence = _identifier.classify(text)
    return lang if confidence >= _MIN_CONFIDENCE else None
