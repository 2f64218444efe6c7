"""The cleaner: which paragraphs of a text page are the article, and why each other one is not.

A dump is every visible line of a page: menus, share buttons, captions, the article, related
headlines, comment forms, footers. The cleaner finds the article as the densest run of prose
and keeps it; every other line is removed with one of these reasons (`REASONS`):

    blank             an empty line
    outlet-template   a line this outlet repeats on its pages (templates.py)
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
renderers: length in words, whether a unit ends like a sentence, the share of common function
words, leading bullet-like symbols of any kind, repetition within the page, and position
relative to the main block. Cue words (cues.py) are generic web vocabulary.

The main block is the run of units with the largest total weight (prose adds its length,
anything else subtracts), so short lines inside the article (subheadings, quotes, an "Advert"
marker) are bridged while menus and headline lists around it are not. Where the renderer keeps
the layout, prose set deeper than the article's paragraphs after the last of them (a teaser
list inside the article's container) ends the block.

Tools for tuning: `benchmarks/renderer_shift.py` (other renderers), `broadsheet eval`.
"""

from __future__ import annotations

from collections import Counter

from broadsheet.extract import cues
from broadsheet.extract.page import Page, Unit, is_prose
from broadsheet.extract.templates import fingerprint_of_normal

# Reasons that hold wherever the unit is, inside the article too.
_ALWAYS_REMOVED = frozenset(
    "outlet-template repeated separator image form share photo-credit caption copyright comment-form about-box".split()
)
REASONS = _ALWAYS_REMOVED | frozenset(
    "blank menu link-list date-meta byline title related-headline short outside-body".split()
)

# A leading bullet: a run of symbols (not letters, digits, quotes, brackets) before a space.

# Sizes are in words (see page._measure).
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

# Weights for the densest-block search.
_FURNITURE_PENALTY = -5.0
_SHORT_PENALTY = -2.0
_BULLET_PROSE_FACTOR = 0.5
_ISOLATED_PROSE_FACTOR = 0.4

_ARTICLE_ENDS = frozenset({"comment-form", "about-box"})
_FURNITURE = frozenset({"image", "repeated", "separator", "share", "photo-credit"})


def clean(page: Page, template_lines: frozenset[int] = frozenset()) -> Page:
    """Decide every unit of `page` (`Unit.reason`, None = article body) and its article block.
    `template_lines` holds fingerprints (templates.py) of the outlet's template lines."""
    units = page.units
    _mark_repeats(units)
    for unit in units:
        unit.prose = is_prose(unit)
        if unit.shape is None:
            unit.shape = _shape_reason(unit, template_lines)
        unit.weight = _weight(unit)
    _discount_isolated_prose(units)
    start, end = _main_block(units)
    for unit, reason in zip(units, _decide(units, start, end)):
        unit.reason = reason
    page.block = (start, end)
    return page


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



def _shape_reason(unit: Unit, template_lines: frozenset[int]) -> str | None:
    """A removal reason that follows from the unit alone, or None."""
    content, size = unit.content, unit.size
    if not unit.normal:
        return "separator"
    if template_lines and fingerprint_of_normal(unit.normal) in template_lines:
        return "outlet-template"
    if (content[0] in "[<!" or " " not in content or size <= 2) and cues.IMAGE.match(content):
        return "image"
    if (size <= 3 and cues.REQUIRED_LABEL.match(content)) or (
        ("[" in content or "_" in content or "(" in content) and cues.FORM_FIELD.search(content)
    ):
        return "form"
    lower = content.lower()
    if size <= _COPYRIGHT_MAX and cues.may_be_copyright(lower) and cues.COPYRIGHT_LOWER.search(lower):
        # "© Agency / Photographer" credits a photo; anything longer is a notice.
        return "photo-credit" if size <= _META_MAX and cues.NAME_SEPARATORS.search(content) else "copyright"
    if size <= _CAPTION_MAX and cues.may_cue_photo(lower) and cues.PHOTO_CREDIT_LOWER.search(lower):
        return "photo-credit" if size <= _META_MAX else "caption"
    if content[-1] in ")]" and cues.TRAILING_CREDIT.search(content):
        return "caption"
    short_meta = size <= _META_MAX and not unit.sentence
    if short_meta and "," not in content and _separated(content) and len(cues.NAME_SEPARATORS.split(content)) > 2:
        return "photo-credit"  # "Name/Agency/Getty Images", "Name | Agency"
    if size <= _META_MAX and _is_share_row(lower, size):
        return "share"
    if size <= _SECTION_HEADING_MAX and not unit.bullet and not content.endswith("."):
        if cues.COMMENT_CUE_LOWER.search(lower):
            return "comment-form"
        if cues.ABOUT_CUE.match(content):
            return "about-box"
    if unit.bullet and not unit.prose:
        return "menu"
    if short_meta and "0" in unit.normal and cues.DATE_OR_YEAR.search(content):
        return "date-meta"
    if short_meta and cues.BYLINE_START.match(content):
        return "byline"
    return None




def _separated(content: str) -> bool:
    return "/" in content or "|" in content


def _is_share_row(lower: str, size: float) -> bool:
    return 2 * len(cues.SHARE_WORD_LOWER.findall(lower)) >= size


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
        if unit.size > _META_MAX and "0" in unit.normal and cues.DATE_OR_YEAR.search(unit.content):
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

