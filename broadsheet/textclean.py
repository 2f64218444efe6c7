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
marker) are bridged while menus and headline lists around it are not. Where the renderer keeps
the layout, prose set deeper than the article's paragraphs after the last of them (a teaser
list inside the article's container) ends the block.

Renderers that hard-wrap paragraphs at a fixed width are detected (the width is looked for in
characters and in display columns, since renderers count a wide CJK or Hangul character as one
or as two) and wrapped lines joined into one unit before they are judged, so a paragraph is
kept or removed whole. The units are the one paragraph reading of the page: `CleanedPage.units`
(also `lines.units`, which broadsheet.fields reads) and the body, one unit a line, with
nothing between two wide characters where the renderer cut a word.

Tools for tuning: `benchmarks/renderer_shift.py` (other renderers), `broadsheet eval`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from broadsheet.fingerprints import fingerprint_of_normal
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
_BULLET_SYMBOLS = r"[^\w\s\"'“”‘’«»„‚(\[¿¡<—–©ⓒ®]+"
_SYMBOL_BULLET = re.compile(rf"^{_BULLET_SYMBOLS}(?:\s+|$)")
# ... or lynx's third-level bullet, the letter "o" (a wrapped line that starts with the word
# "o" is joined to its paragraph before bullets are looked for).
_BULLET = re.compile(rf"^(?:{_BULLET_SYMBOLS}|o(?=\s))(?:\s+|$)")
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")  # an image or a form field alone on its line
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
# Scripts written without spaces between words: their length is counted in characters.
UNSPACED = _UNSPACED = re.compile(
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
_INDENT_SLACK = 1  # columns by which paragraphs at one depth may differ
_WRAP_MIN, _WRAP_MAX = 60, 120  # plausible hard-wrap widths, in characters
_WRAP_SHORTEST = (_WRAP_MIN - 10) // 2  # characters; wide ones take two columns
_BREAKABLE_WORDS = 4  # a line of this many words could have been wrapped
_BREAKABLE_WIDE = 8  # ... and so could one with this many wide characters
_CUT_SHARE = 0.8  # share of full lines among a page's wrapped wide-script lines that cut words
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


class MarkedLines(tuple):
    """The line marks of a page (a tuple of LineMark) that also carry the paragraphs
    (`units`) they were judged in, so readers of the marks (broadsheet.fields) use the
    cleaner's joining instead of redoing it."""

    units: tuple[Unit, ...]

    def __new__(cls, marks, units: tuple[Unit, ...] = ()):
        self = super().__new__(cls, marks)
        self.units = units
        return self

    def __reduce__(self):
        return (MarkedLines, (tuple(self), self.units))


@dataclass(frozen=True)
class CleanedPage:
    lines: tuple[LineMark, ...]  # a MarkedLines
    units: tuple[Unit, ...] = ()

    @property
    def body(self) -> str:
        """The kept paragraphs, one a line: a hard-wrapped paragraph's lines joined, renderer
        markup removed."""
        return "\n".join(unit.text for unit in self.units if unit.kept)

    def removed(self, reason: str) -> tuple[LineMark, ...]:
        return tuple(m for m in self.lines if not m.kept and m.reason == reason)


@dataclass(slots=True, eq=False)
class Unit:
    """A paragraph: one line, or the lines of a hard-wrapped paragraph."""

    first: int  # 0-based index of its first line
    last: int
    text: str  # what a reader sees: the lines joined, renderer markup removed, stripped
    content: str  # the text without a leading bullet
    bullet: bool
    linked: bool  # it starts with a link or an image (a menu item, a linked headline)
    indent: int  # leading columns of its first line
    normal: str  # fingerprints' normal form of the content
    size: float  # words, counting two unspaced characters as a word
    sentence: bool  # ends like a sentence
    prose: bool = False
    shape: str | None = None  # a removal reason read from the unit alone, if any
    weight: float = 0.0
    reason: str | None = None  # the final decision: None = kept (article body)

    @property
    def kept(self) -> bool:
        return self.reason is None


def clean_text(text: str, template_lines: frozenset[str] = frozenset()) -> CleanedPage:
    """Mark every line of `text`. `template_lines` holds fingerprints (broadsheet.fingerprints)
    of the outlet's template lines."""
    lines = text.splitlines()
    units = _units(lines)
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
        unit.reason = reason
        line_reasons[unit.first : unit.last + 1] = [reason] * (unit.last - unit.first + 1)
    marks = zip(range(1, len(lines) + 1), lines, line_reasons)
    frozen = tuple(units)
    marked = MarkedLines((LineMark(n, line, reason is None, reason) for n, line, reason in marks), frozen)
    return CleanedPage(marked, frozen)


def line_units(marks: tuple[LineMark, ...]) -> tuple[Unit, ...]:
    """The paragraphs of already marked lines: the cleaner's own when it marked them, else
    joined the cleaner's way; a paragraph is kept when any of its lines is."""
    units = getattr(marks, "units", None)
    if units is not None:
        return units
    found = _units([mark.text for mark in marks])
    for unit in found:
        if not any(marks[i].kept for i in range(unit.first, unit.last + 1)):
            unit.reason = "outside-body"
    return tuple(found)


def _units(lines: list[str]) -> list[Unit]:
    spans, glued = _paragraphs(lines)
    units = [_describe(lines, first, last, glued) for first, last in spans]
    _measure(units)
    return units


def _paragraphs(lines: list[str]) -> tuple[list[tuple[int, int]], set[int]]:
    """(first, last) line indexes of each non-blank unit, and the lines that continue a word
    of the line before (wide scripts: some renderers break them after any character). A line
    is its own unit unless the page is hard-wrapped and the line before was full: this line's
    first word would not have fitted after it. A placeholder alone on its line ("[photo]") is
    never joined."""
    width, measure = _wrap_width(lines)
    spans: list[tuple[int, int]] = []
    glued: set[int] = set()
    cuts: list[tuple[int, bool]] = []  # lines after a wide character: (index, the line before was full)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if (
            width
            and spans
            and spans[-1][1] == index - 1
            and not _SYMBOL_BULLET.match(stripped)
            and not _PLACEHOLDER.match(stripped)
            and not _PLACEHOLDER.match(lines[index - 1].strip())
        ):
            before = lines[index - 1].rstrip()
            room = width - measure(before) - 1
            # Text without spaces may be broken after any character.
            first_word = stripped[0] if _UNSPACED.match(stripped) else stripped.split(None, 1)[0]
            if measure(first_word) > room:
                spans[-1] = (spans[-1][0], index)
                if _WIDE.match(before[-1]) and _WIDE.match(stripped):
                    if _UNSPACED.match(stripped):
                        glued.add(index)  # a script without spaces
                    else:
                        cuts.append((index, measure(stripped[0]) > room + 1))
                continue
        spans.append((index, index))
    # A wide script with spaces (Hangul): a renderer that breaks lines at spaces leaves room
    # for the next character on many lines; one that cuts words anywhere fills every line.
    if cuts and sum(full for _, full in cuts) >= _CUT_SHARE * len(cuts):
        glued.update(index for index, full in cuts if full)
    return spans, glued


def _columns(text: str) -> int:
    """Display width: East Asian wide characters take two columns."""
    return len(text) + _wide_count(text)


def _wide_count(text: str) -> int:
    """How many East Asian wide characters `text` holds."""
    return 0 if text.isascii() else len(_WIDE.findall(text))


def _wrap_width(lines: list[str]) -> tuple[int, Callable[[str], int]]:
    """The renderer's wrap width and how it measures a line (characters, or display columns
    where a wide character takes two: renderers differ), or 0 when paragraphs are single lines.
    On a wrapped page many lines that could have been broken (several words) nearly fill the
    width and go on on the next line, where single-line paragraphs are followed by a blank line
    or a new item; and hardly any line is longer than the width but for one unbreakable word
    (a URL, or link markup that a renderer keeps whole)."""
    breakable: list[int] = []  # in characters
    longest_word: list[int] = []
    continued: list[bool] = []
    wide: list[int] = []  # wide characters of each breakable line
    # Shorter lines cannot reach any width the search considers.
    for index, line in enumerate(lines):
        if len(line) < _WRAP_SHORTEST:
            continue
        line = line.rstrip()
        wide_chars = _wide_count(line)
        words = line.split()
        # Wide-script text may be broken after any character.
        if len(words) < _BREAKABLE_WORDS and wide_chars < _BREAKABLE_WIDE:
            continue
        # A line no longer than the narrowest width cannot overflow any: skip its words.
        overflows = len(line) > _WRAP_MIN and not wide_chars
        longest = _longest_unbreakable(line, words) if overflows else 0
        breakable.append(len(line))
        longest_word.append(longest)
        wide.append(wide_chars)
        following = lines[index + 1].lstrip() if index + 1 < len(lines) else ""
        # A wrapped sentence mostly goes on in lower case; a list's next item starts anew.
        continued.append(bool(following) and not following[0].isupper())
    if sum(continued) < _WRAP_EVIDENCE_MIN:
        return 0, len
    best = _best_width(breakable, longest_word, continued), len
    if any(wide):
        cells = [n + w for n, w in zip(breakable, wide)]
        by_cells = _best_width(cells, longest_word, continued)
        if by_cells[1] > best[0][1]:
            best = by_cells, _columns
    (width, _), measure = best
    return width, measure


def _longest_unbreakable(line: str, words: list[str]) -> int:
    """The longest stretch a renderer cannot break: a word, or a Markdown link or image with
    its text (html2text keeps them whole)."""
    longest = max(map(len, words))
    if "](" in line:
        longest = max([longest, *map(len, _MD_LINK_SPAN.findall(line))])
    return longest


def _best_width(lengths: list[int], longest_word: list[int], continued: list[bool]) -> tuple[int, int]:
    """(width, score) of the best-supported wrap width for these line lengths; (0, 0) if none."""
    near_lines = sorted(n for n, c in zip(lengths, continued) if c)
    beside_word = sorted(n - w for n, w in zip(lengths, longest_word))
    total = len(lengths)
    best_width, best_score = 0, 0
    for width in range(_WRAP_MIN, _WRAP_MAX + 1):
        near = bisect_right(near_lines, width) - bisect_left(near_lines, width - 10)
        over = total - bisect_right(beside_word, width)
        score = near - _OVERFLOW_COST * over
        if near >= max(_WRAP_EVIDENCE_MIN, _WRAP_NEAR_SHARE * total) and score > best_score:
            best_width, best_score = width, score
    if not best_width:
        return 0, 0
    # The longest breakable line that fits is the exact width.
    fitting = [n for n in lengths if n <= best_width]
    return (max(fitting), best_score) if fitting else (0, 0)


# Renderer markup around text, removed so that shapes are judged on the text a reader sees:
# (a string that must be in the text, pattern, replacement), in this order.
# A link target: "(url)", or with spaces (a title, or a wrapped URL) up to its ")"; a line may
# end before the ")" (a URL wrapped onto the next line of a paragraph not joined).
_TARGET = r"\((?:[^)]*\)|[^)\s]*)"
_MARKUP = tuple(
    (cue, re.compile(pattern), replacement)
    for cue, pattern, replacement in (
        ("[", r"\[\d{1,4}\](?=[\w\[])", ""),  # lynx's "[12]Headline"; not a footnote "shift[1],"
        ("](", rf"!\[([^\]]*)\]{_TARGET}", r"[\1]"),  # Markdown image: a placeholder
        # Markdown link: its text, which may hold brackets ("[ [Headline] ](url)", images); the
        # target may hold a title or, wrapped, spaces.
        ("](", rf"\[((?:[^\[\]]|\[[^\]]*\])*)\]{_TARGET}", r"\1"),
        ("\\", r"\\([\\`*_{}\[\]()#+\-.!])", r"\1"),  # Markdown escape
        ("*", r"(?<![\w*])(\*\*|__|_)(?=[^\s_*])(.+?)(?<=[^\s_*])\1(?![\w*])", r"\2"),  # emphasis
        ("_", r"(?<![\w*])(\*\*|__|_)(?=[^\s_*])(.+?)(?<=[^\s_*])\1(?![\w*])", r"\2"),
        ("#", r"^#{1,6}\s+", ""),  # Markdown heading mark (not a bullet)
    )
)
_MD_LINK_SPAN = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MARKUP_CUE = re.compile(r"[\[\\*_#]")  # a character one of the cues starts with
_BARE_URL = re.compile(r"\(?https?://\S+")
_LINK_LED = re.compile(r"^(?:#{1,6}\s*)?!?\[")


def plain_text(text: str) -> str:
    """`text` (stripped) as a reader sees it: "[text](url)" is its text, "![alt](src)" the
    placeholder "[alt]"; "[12]" link numbers, "\\X" escapes, emphasis and heading marks go.
    Text that is nothing but markup stays as it is."""
    if not _MARKUP_CUE.search(text):
        return text
    original = text
    for cue, pattern, replacement in _MARKUP:
        if cue in text:
            text = pattern.sub(replacement, text)
    return text.strip() or original


def _describe(lines: list[str], first: int, last: int, glued: set[int]) -> Unit:
    line = lines[first]
    raw = line.lstrip()
    indent = len(line) - len(raw)
    raw = raw.rstrip()
    for index in range(first + 1, last + 1):
        # A wrapped paragraph's lines as one: a space between them, none inside a cut word.
        raw += ("" if index in glued else " ") + lines[index].strip()
    text = plain_text(raw) if _MARKUP_CUE.search(raw) else raw
    first_char = text[0]
    # Most lines start with a letter: only "o" may then be a bullet.
    bullet = _BULLET.match(text) if not first_char.isalnum() or first_char == "o" else None
    content = text[bullet.end() :] if bullet else text
    tail = content.rstrip(_CLOSING)
    sentence = bool(tail) and tail[-1] in _SENTENCE_END
    linked = raw[0] in "[!#" and bool(_LINK_LED.match(raw))
    return Unit(first, last, text, content, bool(bullet), linked, indent, "", 0.0, sentence)


def _measure(units: list[Unit]) -> None:
    """Set each unit's normal form (fingerprints.normalise_line of text without link markup;
    a bare URL does not count) and its size."""
    for unit in units:
        content = unit.content
        ascii = content.isascii()
        words = content.lower() if ascii else content.casefold()
        if "://" in words:
            words = _BARE_URL.sub("", words)
        normal = " ".join(_WORD.findall(words))
        if _HAS_DIGIT.search(normal):
            normal = _DIGITS.sub("0", normal)
        unit.normal = normal
        size = float(normal.count(" ") + 1 if normal else 0)
        if not ascii and _UNSPACED.search(content):
            # Each run of unspaced characters was counted as one word above.
            size += (len(content) - len(_UNSPACED.sub("", content))) / _UNSPACED_PER_WORD
        unit.size = size


def _mark_repeats(units: list[Unit]) -> None:
    """A short text met more than once is page furniture wherever it is; of longer texts, the
    copies after the first are. Of two neighbours where one starts with the other (alt text,
    then the caption that extends it), the shorter goes."""
    occurrences = Counter(unit.normal for unit in units)
    seen: set[str] = set()
    previous: Unit | None = None
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


def _is_prose(unit: Unit) -> bool:
    if unit.sentence:
        return unit.size >= _PROSE_MIN
    if unit.size < _UNPUNCTUATED_PROSE_MIN or unit.bullet:
        return False
    words = unit.normal.split()
    return sum(1 for w in words if w in _FUNCTION_WORDS) >= _FUNCTION_WORD_SHARE * len(words)


def _shape_reason(unit: Unit, template_lines: frozenset[str]) -> str | None:
    """A removal reason that follows from the unit alone, or None."""
    content, size = unit.content, unit.size
    if not unit.normal:
        return "separator"
    if template_lines and fingerprint_of_normal(unit.normal) in template_lines:
        return "outlet-template"
    if (content[0] in "[<!" or " " not in content or size <= 2) and _IMAGE.match(content):
        return "image"
    if (size <= 3 and _REQUIRED_LABEL.match(content)) or (
        ("[" in content or "_" in content or "(" in content) and _FORM_FIELD.search(content)
    ):
        return "form"
    lower = content.lower()
    if size <= _COPYRIGHT_MAX and _may_be_copyright(lower) and _COPYRIGHT.search(lower):
        # "© Agency / Photographer" credits a photo; anything longer is a notice.
        return "photo-credit" if size <= _META_MAX and _NAME_SEPARATORS.search(content) else "copyright"
    if size <= _CAPTION_MAX and _may_cue_photo(lower) and _PHOTO_CUE.search(lower):
        return "photo-credit" if size <= _META_MAX else "caption"
    if content[-1] in ")]" and _TRAILING_CREDIT.search(content):
        return "caption"
    short_meta = size <= _META_MAX and not unit.sentence
    if short_meta and "," not in content and _separated(content) and len(_NAME_SEPARATORS.split(content)) > 2:
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
    if short_meta and "0" in unit.normal and _DATE.search(content):
        return "date-meta"
    if short_meta and _BYLINE.match(content):
        return "byline"
    return None


def _may_be_copyright(lower: str) -> bool:
    """A cheap test that _COPYRIGHT may match: one of its cues' stems is in the text."""
    return (
        "(c)" in lower
        or "copyright" in lower
        or "reserv" in lower  # reserved, réservés, reservados
        or "riserv" in lower
        or "vorbehalt" in lower
        or not lower.isascii()
        and (
            "©" in lower
            or "ⓒ" in lower
            or "réserv" in lower
            or "защищ" in lower
            or "版" in lower
            or "無断" in lower
            or "무단" in lower
            or "저작권" in lower
        )
    )


def _may_cue_photo(lower: str) -> bool:
    """A cheap test that _PHOTO_CUE may match: one of its stems is in the text."""
    return (
        "/" in lower
        or "phot" in lower
        or "mag" in lower  # image, imagen, immagine
        or "pictur" in lower
        or "credit" in lower
        or "foto" in lower
        or "bild" in lower
        or "фото" in lower
        or "getty" in lower
        or "stock" in lower
    )


def _separated(content: str) -> bool:
    return "/" in content or "|" in content


def _is_share_row(lower: str, size: float) -> bool:
    return 2 * len(_SHARE_WORD.findall(lower)) >= size


def _weight(unit: Unit) -> float:
    """Prose adds its size (half for a bullet item), furniture costs more than a plain short
    line, which may be a subheading."""
    if unit.shape is not None:
        return _FURNITURE_PENALTY
    if unit.prose:
        return unit.size * (_BULLET_PROSE_FACTOR if unit.bullet else 1.0)
    return _SHORT_PENALTY


def _discount_isolated_prose(units: list[Unit]) -> None:
    """Article paragraphs follow one another; teasers in headline lists stand alone between
    short lines. Prose without a prose neighbour counts for less."""
    positive = [unit.weight > 0 for unit in units]
    last = len(units) - 1
    for index, unit in enumerate(units):
        beside_prose = (index > 0 and positive[index - 1]) or (index < last and positive[index + 1])
        if positive[index] and not beside_prose:
            unit.weight *= _ISOLATED_PROSE_FACTOR


def _main_block(units: list[Unit]) -> tuple[int, int]:
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
    return start, _close_at_indent_change(units, start, end)


def _close_at_indent_change(units: list[Unit], start: int, end: int) -> int:
    """The block's new end when renderers that keep the layout (indentation) show its prose at
    more than one depth: the article's paragraphs share one depth, and prose set deeper after
    its last paragraph at that depth, as several items that stand alone between shorter lines
    (teasers of a list inside the article's container), is not the article. Prose at another
    depth between two of its paragraphs, or a quote at its end, stays."""
    words_at: Counter[int] = Counter()
    for index in range(start, end + 1):
        unit = units[index]
        if unit.weight > 0 and not unit.bullet:
            words_at[unit.indent] += unit.weight  # isolated prose (teasers) counts less
    if len(words_at) < 2:
        return end
    depth = words_at.most_common(1)[0][0]
    items = 0  # deeper prose standing alone between shorter lines: list items, not a quote
    for index in range(end, start - 1, -1):
        unit = units[index]
        if unit.weight > 0 and not unit.bullet:
            if abs(unit.indent - depth) <= _INDENT_SLACK:
                return index if items >= _LINK_RUN_MIN else end
            if unit.indent < depth:
                return end  # prose less indented than the article's is not a nested list
            alone_before = index == start or units[index - 1].weight <= 0
            items += alone_before and (index == end or units[index + 1].weight <= 0)
    return end


def _decide(units: list[Unit], start: int, end: int) -> list[str | None]:
    reasons = [
        _inside_reason(units, index) if start <= index <= end else _outside_reason(unit)
        for index, unit in enumerate(units)
    ]
    _mark_widgets(units, reasons, start, end)
    _mark_title(units, reasons, start, end)
    _mark_link_lists(reasons)
    _mark_comment_section(units, reasons, end)
    return reasons


def _inside_reason(units: list[Unit], index: int) -> str | None:
    unit = units[index]
    if unit.shape in _ALWAYS_REMOVED:
        return unit.shape
    if not unit.sentence and unit.size >= _SHORT_MAX:
        if unit.size >= _HEADLINE_MIN and _is_title_case(unit.content):
            return "related-headline"
        if unit.size > _META_MAX and "0" in unit.normal and _DATE.search(unit.content):
            return "caption"  # "X does Y in Z, Tuesday, Nov. 19, 2019"
    if _beside_credit(units, index):
        return "caption"
    return None


def _outside_reason(unit: Unit) -> str:
    if unit.shape is not None:
        return unit.shape
    if unit.prose:
        return "outside-body"
    if unit.size >= 3 and not unit.sentence:
        return "related-headline"
    return "short"


def _beside_credit(units: list[Unit], index: int) -> bool:
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


def _mark_widgets(units: list[Unit], reasons: list[str | None], start: int, end: int) -> None:
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


def _mark_title(units: list[Unit], reasons: list[str | None], start: int, end: int) -> None:
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


def _mark_comment_section(units: list[Unit], reasons: list[str | None], end: int) -> None:
    """Prose after a comment heading that follows the article is the comment section."""
    for index in range(end + 1, len(units)):
        if units[index].shape == "comment-form":
            for later in range(index + 1, len(units)):
                if reasons[later] == "outside-body":
                    reasons[later] = "comment-form"
            return
