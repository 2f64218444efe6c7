"""Boilerplate removal for whole-page text dumps: mark every line kept or removed, with why.

A dump is every visible line of a page: menus, share buttons, captions, the article, related
headlines, comment forms, footers. The cleaner finds the article as the densest run of prose
and keeps it; every other line is removed with one of these reasons (`REASONS`):

    blank             an empty line
    outlet-template   a line this outlet repeats on its pages (see broadsheet.fingerprints)
    repeated          text that occurs again on the page: later copies of a line, every copy
                      of a short one ("Live", "Share"), alt text that its caption repeats
    separator         a line without letters or digits: rules, empty bullets
    image             an image placeholder or a bare image file name
    form              an input field, checkbox or button, a "Name *" label
    share             share and follow buttons
    photo-credit      a photo credit ("Photo: …", "Name/Agency", "© Agency")
    caption           a photo caption: beside a credit, ending in one, or a long line with a
                      date and no sentence end inside the article
    copyright         a copyright or rights-reserved notice
    comment-form      a comment heading, and the prose of the comment section after it
    about-box         the "About the author/company" heading that follows an article
    menu              a bullet-led item that is not prose, outside the article
    link-list         a run of short lines outside the article, or a widget of headlines and
                      images set inside it
    date-meta         a short line with a date or time and no sentence (a publication stamp)
    byline            a short "By Name" line
    title             the headline just before the article (a separate field)
    related-headline  a headline-like line that is not part of the article
    short             any other short line outside the article
    outside-body      prose outside the article (teasers, newsletter pitches, about-us)

The signals are shapes, not phrases, so they carry over to other sites, languages and text
renderers: length in words (characters for scripts written without spaces), whether a line
ends like a sentence, the share of common function words, leading bullet-like symbols of any
kind, repetition within the page, and position relative to the main block. Cue words are
limited to generic web vocabulary (share, comment, about, photo, ©, "all rights reserved") in
a few major languages. Link markup that some renderers print (Markdown "[text](url)" and
"![alt](src)", "[12]" reference numbers) is set aside when a line is judged.

The main block is the run of lines with the largest total weight (prose adds its length,
anything else subtracts), so short lines inside the article (subheadings, quotes, an "Advert"
marker) are bridged while menus and headline lists around it are not. Renderers that
hard-wrap paragraphs at a fixed width are detected and wrapped lines joined into one unit
before they are judged, so a paragraph is kept or removed whole.

Tools for tuning: `benchmarks/renderer_shift.py` (other renderers), `broadsheet eval`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from broadsheet.fingerprints import fingerprint_of_normal, normalise_line, strip_link_markup
from broadsheet.records import LineMark

REASONS = frozenset(
    {
        "blank",
        "outlet-template",
        "repeated",
        "separator",
        "image",
        "form",
        "share",
        "photo-credit",
        "caption",
        "copyright",
        "comment-form",
        "about-box",
        "menu",
        "link-list",
        "date-meta",
        "byline",
        "title",
        "related-headline",
        "short",
        "outside-body",
    }
)

# A leading bullet: a run of symbols (not letters, digits, quotes, brackets) before a space.
# Dashes are left out ("— Name" signs a quote), and so is © (it starts credits and notices).
_BULLET = re.compile(r"^[^\w\s\"'“”‘’«»„‚(\[¿¡<—–©ⓒ®]+(?:\s+|$)")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: their length is counted in characters.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
)
_UNSPACED_PER_WORD = 2.0
# East Asian wide characters take two columns on a terminal, and in a wrap width.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
# A colon ends a lead-in to a quote or a list, which is prose too.
_SENTENCE_END = frozenset(".!?…。！？:")
_CLOSING = "\"'”’»)]*_ \t"
_IMAGE = re.compile(
    r"^(?:!?\[[^\]]*\]|<[^>]*>|\S+\.(?:jpe?g|png|gif|webp|svg|bmp)|"
    r"(?:image|img|photo|picture|foto|bild|imagen|immagine)\s*[:\]]?)$",
    re.IGNORECASE,
)
_FORM_FIELD = re.compile(r"\[(?:\s+|_+)\]|\[\s{2,}|\(\s\)|_{4,}")
_REQUIRED_LABEL = re.compile(r"^[^\d\W][^*]{0,40}\*\s*$")
# "… in Kabul. [Getty]", "… in 2004. (NASA/JPL)": a caption that ends in its credit.
_TRAILING_CREDIT = re.compile(r"\S\s*(?:\[[^\]]{1,40}\]|\([^)]{0,40}/[^)]{0,40}\))$")
_NAME_SEPARATORS = re.compile(r"\s*[/|]\s*")
_DATE = re.compile(
    r"\d{1,2}:\d{2}|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}\b|\d+\s*[年月日년월일]"
)
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|od|от|przez)\s+\w", re.IGNORECASE)
# The cue patterns below are matched against lower-cased text (faster than IGNORECASE).
_COPYRIGHT = re.compile(
    r"©|ⓒ|\(c\)\s*\d{4}|copyright|rights reserved|droits réservés|rechte vorbehalten|"
    r"derechos reservados|direitos reservados|diritti riservati|права защищены|"
    r"版权所有|版權所有|無断転載|무단전재|저작권"
)
_PHOTO_CUE = re.compile(
    r"(?:photo(?:graph)?s?|image|picture|credit|foto|bild|imagen|immagine|фото)"
    r"\s*(?:by|von|de|di|por|:|\|)|"
    r"getty\s*images|shutterstock|istock|ap photo|/\s*(?:afp|ap|reuters|epa)\b"
)
# Words that start with one of these stems.
_SHARE_WORD = re.compile(
    r"\b(?:share|tweet|facebook|twitter|whatsapp|pinterest|linkedin|reddit|e-?mail|print|telegram|"
    r"pocket|flipboard|messenger|google|copy|link|follow|subscribe|compartilh|partag|teilen|"
    r"condivid|compart|imprim|drucken|поделит)"
)
# "About the author", "Über Name", "Sobre a empresa": the box that follows an article.
_ABOUT_CUE = re.compile(r"^(?:about|über|sobre|à propos|acerca de|a proposito)\b", re.IGNORECASE)
_COMMENT_CUE = re.compile(
    r"comment|komment|коммент|coment|repl(?:y|ies)|respuesta|resposta|risposta|réponse|"
    r"reacties|discus|diskus"
)
# The commonest function words of major languages written with spaces. Running text is full
# of them; headlines, captions and menus are not.
_FUNCTION_WORDS = frozenset(
    """the a an of to in and is that for on with as was by it at from be are has have this not
    or but der die das und ist nicht mit von zu den ein eine im auf für le la les des et est
    une un du en que qui dans pour pas sur au el los las y es una del por con para se o os as
    e um uma do da em não il lo gli di che non het een van dat op te и в не на что с по как
    это к из""".split()
)

# Sizes are in words (see _describe).
_PROSE_MIN = 6  # a sentence-ended unit this long is prose
_UNPUNCTUATED_PROSE_MIN = 20  # ... and so is a longer one dense in function words
_FUNCTION_WORD_SHARE = 0.35
_SHORT_MAX = 8  # below this a unit is short: headings, buttons, labels
_META_MAX = 12  # dates, bylines, credits and share rows are no longer than this
_SECTION_HEADING_MAX = 6  # words in a comment or about-box heading
_CAPTION_MAX = 60
_COPYRIGHT_MAX = 40
_HEADLINE_MIN = 5  # a Title Case line this long inside the article is a related headline
_LINK_RUN_MIN = 3  # consecutive short units outside the article that make a link list
_WIDGET_MIN = 6  # units without prose inside the article that, dotted with ...
_WIDGET_FURNITURE_MIN = 2  # ... this many images or repeats, make an embedded widget
_PROSE_BEFORE_ARTICLE_END = 40  # words of article before such a heading can end it
_TITLE_LOOKBACK = 8
_WRAP_MIN, _WRAP_MAX = 60, 120  # plausible hard-wrap widths, in characters
_WRAP_SHORTEST = (_WRAP_MIN - 10) // 2  # characters; wide ones take two columns
_BREAKABLE_WORDS = 4  # a line of this many words could have been wrapped
_WRAP_EVIDENCE_MIN = 3  # continued lines that must nearly fill the width ...
_WRAP_NEAR_SHARE = 0.03  # ... and this share of all breakable lines
_OVERFLOW_COST = 2  # a breakable line past the width outweighs two that nearly fill it

# Weights for the densest-block search.
_FURNITURE_PENALTY = -5.0
_SHORT_PENALTY = -2.0
_BULLET_PROSE_FACTOR = 0.5
_ISOLATED_PROSE_FACTOR = 0.4

# Reasons that hold wherever the unit is, inside the article too.
_ALWAYS_REMOVED = frozenset(
    {
        "outlet-template",
        "repeated",
        "separator",
        "image",
        "form",
        "share",
        "photo-credit",
        "caption",
        "copyright",
        "comment-form",
        "about-box",
    }
)
_ARTICLE_ENDS = frozenset({"comment-form", "about-box"})
_FURNITURE = frozenset({"image", "repeated", "separator", "share", "photo-credit"})


@dataclass(frozen=True)
class CleanedPage:
    lines: tuple[LineMark, ...]

    @property
    def body(self) -> str:
        return "\n".join(m.text.strip() for m in self.lines if m.kept)

    def removed(self, reason: str) -> tuple[LineMark, ...]:
        return tuple(m for m in self.lines if not m.kept and m.reason == reason)


@dataclass(slots=True)
class _Unit:
    """A paragraph: one line, or the lines of a hard-wrapped paragraph."""

    first: int  # 0-based index of its first line
    last: int
    content: str  # the lines joined and stripped, without a leading bullet
    bullet: bool
    normal: str  # fingerprints.normalise_line of the content
    size: float  # words, counting two unspaced characters as a word
    sentence: bool  # ends like a sentence
    prose: bool = False
    shape: str | None = None  # a removal reason read from the unit alone, if any
    weight: float = 0.0


def clean_text(text: str, template_lines: frozenset[str] = frozenset()) -> CleanedPage:
    """Mark every line of `text`. `template_lines` holds fingerprints (broadsheet.fingerprints)
    of the outlet's template lines."""
    lines = text.splitlines()
    units = [_describe(lines, first, last) for first, last in _paragraphs(lines)]
    _mark_repeats(units)
    for unit in units:
        unit.prose = _is_prose(unit)
        if unit.shape is None:
            unit.shape = _shape_reason(unit, template_lines)
        unit.weight = _weight(unit)
    _discount_isolated_prose(units)
    start, end = _main_block(units)
    reasons = _decide(units, start, end)
    line_reasons: list[str | None] = ["blank"] * len(lines)
    for unit, reason in zip(units, reasons):
        line_reasons[unit.first : unit.last + 1] = [reason] * (unit.last - unit.first + 1)
    marks = zip(range(1, len(lines) + 1), lines, line_reasons)
    return CleanedPage(tuple(LineMark(n, line, reason is None, reason) for n, line, reason in marks))


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line indexes of each non-blank unit. A line is its own unit unless the
    page is hard-wrapped and the line before was full: this line's first word would not have
    fitted after it."""
    width = _wrap_width(lines)
    spans: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if width and spans and spans[-1][1] == index - 1 and not _BULLET.match(stripped):
            room = width - _columns(lines[index - 1].rstrip()) - 1
            if _columns(stripped.split(None, 1)[0]) > room:
                spans[-1] = (spans[-1][0], index)
                continue
        spans.append((index, index))
    return spans


def _columns(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def _wrap_width(lines: list[str]) -> int:
    """The renderer's wrap width, or 0 when paragraphs are single lines. On a wrapped page many
    lines that could have been broken (several words) nearly fill the width and go on on the
    next line, where single-line paragraphs are followed by a blank line or a new item; and
    hardly any line is longer than the width but for one unbreakable word (a URL, or link
    markup that a renderer keeps whole)."""
    breakable: list[int] = []
    breakable_beside_longest_word: list[int] = []
    continued: list[int] = []
    # Shorter lines cannot reach any width the search considers.
    for index, line in [(i, line) for i, line in enumerate(lines) if len(line) >= _WRAP_SHORTEST]:
        line = line.rstrip()
        words = line.split()
        if len(words) >= _BREAKABLE_WORDS:
            columns = _columns(line)
            breakable.append(columns)
            breakable_beside_longest_word.append(columns - max(map(len, words)))
            following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
            # A wrapped sentence mostly goes on in lower case; a list's next item starts anew.
            if following and not following[0].isupper():
                continued.append(columns)
    if len(continued) < _WRAP_EVIDENCE_MIN:
        return 0
    breakable.sort()
    breakable_beside_longest_word.sort()
    continued.sort()
    best_width, best_score = 0, 0
    for width in range(_WRAP_MIN, _WRAP_MAX + 1):
        near = bisect_right(continued, width) - bisect_left(continued, width - 10)
        over = len(breakable) - bisect_right(breakable_beside_longest_word, width)
        score = near - _OVERFLOW_COST * over
        if near >= max(_WRAP_EVIDENCE_MIN, _WRAP_NEAR_SHARE * len(breakable)) and score > best_score:
            best_width, best_score = width, score
    # The longest breakable line that fits is the exact width.
    fitting = bisect_right(breakable, best_width)
    return breakable[fitting - 1] if best_width and fitting else 0


def _describe(lines: list[str], first: int, last: int) -> _Unit:
    if first == last:
        text = strip_link_markup(lines[first].strip())
    else:
        text = strip_link_markup(" ".join(line.strip() for line in lines[first : last + 1]))
    bullet = _BULLET.match(text)
    content = text[bullet.end() :] if bullet else text
    normal = normalise_line(content)
    size = float(normal.count(" ") + 1 if normal else 0)
    if not content.isascii():
        # Each run of unspaced characters was counted as one word above.
        size += len(_UNSPACED.findall(content)) / _UNSPACED_PER_WORD
    tail = content.rstrip(_CLOSING)
    sentence = bool(tail) and tail[-1] in _SENTENCE_END
    return _Unit(first, last, content, bool(bullet), normal, size, sentence)


def _mark_repeats(units: list[_Unit]) -> None:
    """A short text met more than once is page furniture wherever it is; of longer texts, the
    copies after the first are. Of two neighbours where one starts with the other (alt text,
    then the caption that extends it), the shorter goes."""
    occurrences = Counter(unit.normal for unit in units)
    seen: set[str] = set()
    previous: _Unit | None = None
    for unit in units:
        if unit.normal:
            if unit.normal in seen or (occurrences[unit.normal] > 1 and unit.size < _SHORT_MAX):
                unit.shape = "repeated"
            elif previous is not None and min(unit.size, previous.size) >= 4:
                if unit.normal.startswith(previous.normal):
                    previous.shape = "repeated"
                elif previous.normal.startswith(unit.normal):
                    unit.shape = "repeated"
            seen.add(unit.normal)
        previous = unit


def _is_prose(unit: _Unit) -> bool:
    if unit.sentence:
        return unit.size >= _PROSE_MIN
    if unit.size < _UNPUNCTUATED_PROSE_MIN or unit.bullet:
        return False
    words = unit.normal.split()
    return sum(1 for w in words if w in _FUNCTION_WORDS) >= _FUNCTION_WORD_SHARE * len(words)


def _shape_reason(unit: _Unit, template_lines: frozenset[str]) -> str | None:
    """A removal reason that follows from the unit alone, or None."""
    content, size = unit.content, unit.size
    if not unit.normal:
        return "separator"
    if template_lines and fingerprint_of_normal(unit.normal) in template_lines:
        return "outlet-template"
    if _IMAGE.match(content):
        return "image"
    if (size <= 3 and _REQUIRED_LABEL.match(content)) or (
        ("[" in content or "_" in content or "(" in content) and _FORM_FIELD.search(content)
    ):
        return "form"
    lower = content.lower()
    if size <= _COPYRIGHT_MAX and _COPYRIGHT.search(lower):
        # "© Agency / Photographer" credits a photo; anything longer is a notice.
        return "photo-credit" if size <= _META_MAX and _NAME_SEPARATORS.search(content) else "copyright"
    if size <= _CAPTION_MAX and _PHOTO_CUE.search(lower):
        return "photo-credit" if size <= _META_MAX else "caption"
    if content[-1] in ")]" and _TRAILING_CREDIT.search(content):
        return "caption"
    short_meta = size <= _META_MAX and not unit.sentence
    if short_meta and "," not in content and len(_NAME_SEPARATORS.split(content)) >= 3:
        return "photo-credit"  # "Name/Agency/Getty Images", "Name | Agency"
    if size <= _META_MAX and _is_share_row(lower, size):
        return "share"
    if size <= _SECTION_HEADING_MAX and not unit.bullet and not content.endswith("."):
        if _COMMENT_CUE.search(lower):
            return "comment-form"
        if _ABOUT_CUE.match(content):
            return "about-box"
    if unit.bullet and not unit.prose:
        return "menu"
    if short_meta and _DATE.search(content):
        return "date-meta"
    if short_meta and _BYLINE.match(content):
        return "byline"
    return None


def _is_share_row(lower: str, size: float) -> bool:
    return 2 * len(_SHARE_WORD.findall(lower)) >= size


def _weight(unit: _Unit) -> float:
    """Prose adds its size (half for a bullet item), furniture costs more than a plain short
    line, which may be a subheading."""
    if unit.shape is not None:
        return _FURNITURE_PENALTY
    if unit.prose:
        return unit.size * (_BULLET_PROSE_FACTOR if unit.bullet else 1.0)
    return _SHORT_PENALTY


def _discount_isolated_prose(units: list[_Unit]) -> None:
    """Article paragraphs follow one another; teasers in headline lists stand alone between
    short lines. Prose without a prose neighbour counts for less."""
    positive = [unit.weight > 0 for unit in units]
    last = len(units) - 1
    for index, unit in enumerate(units):
        beside_prose = (index > 0 and positive[index - 1]) or (index < last and positive[index + 1])
        if positive[index] and not beside_prose:
            unit.weight *= _ISOLATED_PROSE_FACTOR


def _main_block(units: list[_Unit]) -> tuple[int, int]:
    """Unit indexes [start, end] of the run with the largest total weight (Kadane's
    algorithm), ended at a comment or about-box heading once the article has had some prose;
    (0, -1) when the page has no prose."""
    best, start, end = 0.0, 0, -1
    running, running_start = 0.0, 0
    for index, unit in enumerate(units):
        if running <= 0:
            running, running_start = 0.0, index
        running += unit.weight
        if running > best:
            best, start, end = running, running_start, index
    prose_words = 0.0
    for index in range(start, end + 1):
        if units[index].shape in _ARTICLE_ENDS and prose_words >= _PROSE_BEFORE_ARTICLE_END:
            end = max(i for i in range(start, index) if units[i].weight > 0)
            break
        if units[index].weight > 0:
            prose_words += units[index].size
    return start, end


def _decide(units: list[_Unit], start: int, end: int) -> list[str | None]:
    reasons = [
        _inside_reason(units, index) if start <= index <= end else _outside_reason(unit)
        for index, unit in enumerate(units)
    ]
    _mark_widgets(units, reasons, start, end)
    _mark_title(units, reasons, start, end)
    _mark_link_lists(reasons)
    _mark_comment_section(units, reasons, end)
    return reasons


def _inside_reason(units: list[_Unit], index: int) -> str | None:
    unit = units[index]
    if unit.shape in _ALWAYS_REMOVED:
        return unit.shape
    if not unit.sentence and unit.size >= _SHORT_MAX:
        if unit.size >= _HEADLINE_MIN and _is_title_case(unit.content):
            return "related-headline"
        if unit.size > _META_MAX and _DATE.search(unit.content):
            return "caption"  # "X does Y in Z, Tuesday, Nov. 19, 2019"
    if _beside_credit(units, index):
        return "caption"
    return None


def _outside_reason(unit: _Unit) -> str:
    if unit.shape is not None:
        return unit.shape
    if unit.prose:
        return "outside-body"
    if unit.size >= 3 and not unit.sentence:
        return "related-headline"
    return "short"


def _beside_credit(units: list[_Unit], index: int) -> bool:
    """Text on the line right before or after a photo credit is its caption."""
    unit = units[index]
    before = units[index - 1] if index > 0 else None
    after = units[index + 1] if index + 1 < len(units) else None
    return (before is not None and before.shape == "photo-credit" and before.last + 1 == unit.first) or (
        after is not None and after.shape == "photo-credit" and unit.last + 1 == after.first
    )


def _is_title_case(content: str) -> bool:
    long_words = [w for w in content.split() if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _mark_widgets(units: list[_Unit], reasons: list[str | None], start: int, end: int) -> None:
    """A long run without prose inside the article, dotted with images and repeats, is a
    widget set into the story ("Most read": picture, kicker, headline, picture, …)."""
    run: list[int] = []
    for index in range(start, end + 2):
        if index <= end and not units[index].prose:
            run.append(index)
            continue
        furniture = sum(1 for i in run if units[i].shape in _FURNITURE)
        if len(run) >= _WIDGET_MIN and furniture >= _WIDGET_FURNITURE_MIN:
            for member in run:
                if reasons[member] is None:
                    reasons[member] = "link-list"
        run = []


def _mark_title(units: list[_Unit], reasons: list[str | None], start: int, end: int) -> None:
    """The nearest headline-like line shortly before the article is its title."""
    if end < start:
        return
    for index in range(start - 1, max(-1, start - _TITLE_LOOKBACK), -1):
        unit = units[index]
        headline_like = unit.size >= 3 and not (unit.bullet or unit.prose)
        if headline_like and reasons[index] in ("related-headline", "short", "repeated"):
            reasons[index] = "title"
            return


def _mark_link_lists(reasons: list[str | None]) -> None:
    run: list[int] = []
    for index in range(len(reasons) + 1):
        if index < len(reasons) and reasons[index] in ("short", "related-headline"):
            run.append(index)
            continue
        if len(run) >= _LINK_RUN_MIN:
            for member in run:
                reasons[member] = "link-list"
        run = []


def _mark_comment_section(units: list[_Unit], reasons: list[str | None], end: int) -> None:
    """Prose after a comment heading that follows the article is the comment section."""
    for index in range(end + 1, len(units)):
        if units[index].shape == "comment-form":
            for later in range(index + 1, len(units)):
                if reasons[later] == "outside-body":
                    reasons[later] = "comment-form"
            return
