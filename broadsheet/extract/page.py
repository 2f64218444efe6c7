"""The page, read once: every stage reads this, none rebuilds it.

A text dump becomes a `Page`: its lines and its paragraphs (`Unit`s), each with the text a
reader sees (renderer markup removed), its normal form (the words, case-folded, numbers as 0:
what outlet templates fingerprint), its size in words and its shape flags (bullet, link-led,
sentence end). Renderers that hard-wrap paragraphs at a fixed width are detected (the width is
looked for in characters and in display columns, since renderers count a wide CJK or Hangul
character as one or as two) and wrapped lines joined into one unit, so that a paragraph is
judged whole and nothing is put between two wide characters where the renderer cut a word.

The cleaner (clean.py) writes its decision into each unit (`Unit.reason`; None = article
body); dates, fields, outlet and templates then read the same units. An HTML page
(`HtmlPage`, html.py) holds its one parsed lxml tree, trafilatura's reading of it, and its
body as a `Page`.

The prose tests that stages need live here side by side, each named for its use.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from broadsheet.extract.cues import FUNCTION_WORDS, UNSPACED
from broadsheet.records import LineMark

# A leading bullet: a run of symbols (not letters, digits, quotes, brackets) before a space.
# Dashes are left out ("— Name" signs a quote), and so is © (it starts credits and notices).
_BULLET_SYMBOLS = r"[^\w\s\"'“”‘’«»„‚(\[¿¡<—–©ⓒ®]+"
_SYMBOL_BULLET = re.compile(rf"^{_BULLET_SYMBOLS}(?:\s+|$)")
# ... or lynx's third-level bullet, the letter "o" (a wrapped line that starts with the word
# "o" is joined to its paragraph before bullets are looked for).
_BULLET = re.compile(rf"^(?:{_BULLET_SYMBOLS}|o(?=\s))(?:\s+|$)")
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")  # an image or a form field alone on its line
# A table row laid out in columns (two gaps of 3+ spaces between text): placed by column, not
# wrapped, so never joined to the line before or after it.
_COLUMNS = re.compile(r"\S {3,}(?=\S).*?\S {3,}\S")
_DIGITS = re.compile(r"\d+")
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
# Two characters of a script written without spaces count as one word.
_UNSPACED_PER_WORD = 2.0
# East Asian wide characters take two columns on a terminal, and in a wrap width.
_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
# A colon ends a lead-in to a quote or a list, which is prose too.
_SENTENCE_END = frozenset(".!?…。！？:")
_CLOSING = "\"'”’»)]*_ \t"
_WRAP_MIN, _WRAP_MAX = 60, 120  # plausible hard-wrap widths, in characters
_WRAP_SHORTEST = (_WRAP_MIN - 10) // 2  # characters; wide ones take two columns
_BREAKABLE_WORDS = 4  # a line of this many words could have been wrapped
_BREAKABLE_WIDE = 8  # ... and so could one with this many wide characters
_CUT_SHARE = 0.8  # share of full lines among a page's wrapped wide-script lines that cut words
_WRAP_EVIDENCE_MIN = 3  # continued lines that must nearly fill the width ...
_WRAP_NEAR_SHARE = 0.03  # ... and this share of all breakable lines
_OVERFLOW_COST = 2  # a breakable line past the width outweighs two that nearly fill it


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



@dataclass(eq=False)
class Page:
    """A text page as paragraphs. `lines`: the page's lines as given; `units`: its non-blank
    paragraphs in order. `block`: the cleaner's article block (unit indexes), once cleaned."""

    lines: list[str]
    units: list[Unit]
    block: tuple[int, int] = (0, -1)

    @classmethod
    def from_text(cls, text: str) -> "Page":
        lines = text.splitlines()
        return cls(lines, _units(lines))

    @classmethod
    def from_blocks(cls, lines: list[str]) -> "Page":
        """Lines that are paragraphs already (an HTML page's blocks, one a line): never joined,
        since nothing hard-wrapped them; no wrap width is looked for."""
        return cls(lines, _units(lines, wrapped=False))

    @property
    def body(self) -> str:
        """The kept paragraphs, one a line: a hard-wrapped paragraph's lines joined, renderer
        markup removed."""
        return "\n".join(unit.text for unit in self.units if unit.kept)

    def marks(self) -> tuple[LineMark, ...]:
        """Every line of the page with the decision of its paragraph (blank lines: "blank")."""
        reasons: list[str | None] = ["blank"] * len(self.lines)
        for unit in self.units:
            reasons[unit.first : unit.last + 1] = [unit.reason] * (unit.last - unit.first + 1)
        return tuple(
            LineMark(n, line, reason is None, reason) for n, (line, reason) in enumerate(zip(self.lines, reasons), 1)
        )

    @cached_property
    def body_start(self) -> int | None:
        """Index of the first kept unit that opens the article (`opens_article`)."""
        return next((i for i, u in enumerate(self.units) if u.kept and opens_article(u)), None)

    @cached_property
    def last_kept(self) -> int:
        return max((i for i, u in enumerate(self.units) if u.kept), default=-1)


# --- prose: one test per use ----------------------------------------------------------

# Sizes are in words (see _measure).
_PROSE_MIN = 6  # a sentence-ended unit this long is prose
_UNPUNCTUATED_PROSE_MIN = 20  # ... and so is a longer one dense in function words
_FUNCTION_WORD_SHARE = 0.35
_OPENING_MIN, _OPENING_ANY_END = 6, 12  # the article's first paragraph (fields)
_PERIOD_END = re.compile(r"[.…。][\"'”’»)\]]*$")
_ANY_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")
_SEPARATOR = re.compile(r"\s(?:[|·•/–—-]|//)\s")
_CJK_PUNCTUATION = re.compile(r"[。，、！？]")


def is_prose(unit: Unit) -> bool:
    """The cleaner's test: a sentence-ended unit of 6+ words, or 20+ words dense in function
    words (a colon ends a lead-in, which is prose too)."""
    if unit.sentence:
        return unit.size >= _PROSE_MIN
    if unit.size < _UNPUNCTUATED_PROSE_MIN or unit.bullet:
        return False
    words = unit.normal.split()
    return sum(1 for w in words if w in FUNCTION_WORDS) >= _FUNCTION_WORD_SHARE * len(words)


def opens_article(unit: Unit) -> bool:
    """Where the fields look for the article's text to begin: a sentence-ended paragraph (a
    short question is more likely a headline than prose, a colon a label)."""
    if unit.size >= _OPENING_ANY_END:
        return bool(_ANY_END.search(unit.content))
    return unit.size >= _OPENING_MIN and bool(_PERIOD_END.search(unit.content))


def running_text(text: str) -> bool:
    """The dates' test, on any text (a line without its dates): many words, or CJK text with
    sentence punctuation; not a metadata line of a few fields between separators ("By X -
    Paper - Wednesday, ...")."""
    words = text.split(None, 20)  # 21 pieces at most: enough to tell, cheap on a page-long line
    if len(words) >= 12:
        return len(words) >= 20 or len(_SEPARATOR.findall(text)) < 2
    return len(text) >= 40 and len(words) <= len(text) / 15 and bool(_CJK_PUNCTUATION.search(text))


# --- paragraphs -----------------------------------------------------------------------


def _units(lines: list[str], wrapped: bool = True) -> list[Unit]:
    spans, glued = _paragraphs(lines) if wrapped else ([(i, i) for i, line in enumerate(lines) if line.strip()], set())
    units = [_describe(lines, first, last, glued) for first, last in spans]
    for unit in units:
        unit.normal, unit.size = _measure(unit.content)
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
            and not _COLUMNS.search(stripped)
            and not _COLUMNS.search(lines[index - 1].strip())
        ):
            before = lines[index - 1].rstrip()
            room = width - measure(before) - 1
            # Text without spaces may be broken after any character.
            first_word = stripped[0] if UNSPACED.match(stripped) else stripped.split(None, 1)[0]
            if measure(first_word) > room:
                spans[-1] = (spans[-1][0], index)
                if _WIDE.match(before[-1]) and _WIDE.match(stripped):
                    if UNSPACED.match(stripped):
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
# Emphasis: "**text**", "__text__", "_text_". The text holds no marker of its own kind, so
# that an unclosed marker costs the distance to the next one, not the rest of the line.
_EMPHASIS = (
    r"(?<![\w*])(?:\*\*(?=[^\s_*])((?:[^*]|\*(?!\*))+?)(?<=[^\s_*])\*\*"
    r"|__(?=[^\s_*])((?:[^_]|_(?!_))+?)(?<=[^\s_*])__|_(?=[^\s_*])([^_]+?)(?<=[^\s_*])_)(?![\w*])"
)
_MARKUP = tuple(
    (cue, re.compile(pattern), replacement)
    for cue, pattern, replacement in (
        ("[", r"\[\d{1,4}\](?=[\w\[])", ""),  # lynx's "[12]Headline"; not a footnote "shift[1],"
        ("](", rf"!\[([^\]]*)\]{_TARGET}", r"[\1]"),  # Markdown image: a placeholder
        # Markdown link: its text, which may hold brackets ("[ [Headline] ](url)", images); the
        # target may hold a title or, wrapped, spaces.
        ("](", rf"\[((?:[^\[\]]|\[[^\]]*\])*)\]{_TARGET}", r"\1"),
        ("\\", r"\\([\\`*_{}\[\]()#+\-.!])", r"\1"),  # Markdown escape
        ("*", _EMPHASIS, r"\1\2\3"),
        ("_", _EMPHASIS, r"\1\2\3"),
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



def normal_form(content: str) -> str:
    """The words of `content`, case-folded, every number as 0; a bare URL does not count."""
    return _measure(content)[0]


def _measure(content: str) -> tuple[str, float]:
    """The normal form of a unit's content and its size in words (two characters of a script
    written without spaces count as one word)."""
    ascii = content.isascii()
    words = content.lower() if ascii else content.casefold()
    if "://" in words:
        words = _BARE_URL.sub("", words)
    normal = " ".join(_WORD.findall(words))
    if _HAS_DIGIT.search(normal):
        normal = _DIGITS.sub("0", normal)
    size = float(normal.count(" ") + 1 if normal else 0)
    if not ascii and UNSPACED.search(content):
        # Each run of unspaced characters was counted as one word above.
        size += (len(content) - len(UNSPACED.sub("", content))) / _UNSPACED_PER_WORD
    return normal, size


def line_content(line: str) -> str:
    """A single line read as a unit's content: markup removed, leading bullet dropped."""
    stripped = line.strip()
    if not stripped:
        return ""
    return _describe([stripped], 0, 0, set()).content


def squash(text: str) -> str:
    """Letters and digits only, case-folded: "US to offer…" and "us to offer" compare equal."""
    return "".join(_WORD.findall(text)).casefold()
