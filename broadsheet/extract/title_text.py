"""The headline of a text dump: the headline-shaped line just above the article.

Evidence, never a site's phrases: the line's shape (length, casing, no sentence end); what sits
under it (a standfirst, a byline, a date, then the article's first paragraph); the lines that
repeat it (a share line, a breadcrumb's last item, the window title, the site's story lists);
and what it is not: navigation and story lists, bylines and author blocks, photo captions with
their credits, account, subscription and reading-time furniture.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from broadsheet.extract import cues
from broadsheet.extract.page import Page, Unit, normal_form, squash

_WORD = re.compile(r"\w+")
# Ends that a headline cannot have (a question or exclamation mark it can).
_NOT_HEADLINE_END = re.compile(r"[.…,;:。][\"'”’»)\]]*$")
# Image/link markers, handles, table rows, numbered list items, a renderer's button labels.
_MARKUP = re.compile(r"^[\[<{]|@|\|.*\||^\d{1,2}[.)]\s|\((?:BUTTON|[a-z]{12,})\)|_{4,}")
# A word, a full stop and the next word: where one sentence may end inside a line.
_INNER_STOP = re.compile(r"([^\W\d_]{3,})\.\s+(\w)")
# "Label: a statement of three words or more", after a start of three words or more.
_STATEMENT = re.compile(r"^\S+(?:\s+\S+){2,}:\s+\S+\s+\S+\s+\S+")
_INITIAL = re.compile(r"(?<!\S)[^\W\d_]\.\s+")  # "Jane Q. Doe"
_PATH_SEPARATOR = re.compile(r"\s+(?:/|»|›|>|\\|\|)\s+")
_TITLE_SEPARATOR = re.compile(r"^\s*(?:[|\-–—:]|\W*$)")
# Scripts a line of text is written in: a language menu mixes several.
_SCRIPTS = (
    re.compile(r"[A-Za-zÀ-ɏ]"),
    re.compile(r"[Ѐ-ӿ]"),
    re.compile(r"[Ͱ-Ͽ]"),
    re.compile(r"[؀-ۿ]"),
    re.compile(r"[֐-׿]"),
    re.compile(r"[぀-ヿ一-鿿가-힣]"),
)
# What the cleaner read from a unit alone that no headline is (a bullet may lead one: only a
# bullet beside other bullets is a menu's item).
_FURNITURE_SHAPES = frozenset({"share", "form", "caption", "copyright", "photo-credit", "image", "separator"})
_KICKER_MAX = 4  # words of a label set over a headline ("Krieg in der Ukraine")
_HEADER_DEPTH = 6  # lines under a headline to its byline or date: standfirst, photo, credit
_REACH = 40  # units before the article's first paragraph where its headline may stand
_BEYOND = 8  # ... and after it, before any paragraph: the article was taken to open at a teaser
_PARAGRAPH = 12  # words of a paragraph, beyond which the article has begun
_NEAR = 12  # units within which a repeat is the same story's (share line, alt text)
_LABEL_MAX = 3  # words of a section label or a list's heading set beside each of its stories


def similar_titles(a: str, b: str) -> bool:
    """Two spellings of one headline: same words mostly, whatever the case and punctuation."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    if not wa or not wb or not 0.5 <= len(a) / len(b) <= 2:
        return False
    return len(wa & wb) / max(len(wa), len(wb)) >= 0.7


def _echoes_page_title(candidate: str, page_title: str) -> bool:
    """The candidate is the page's first line (its <title> in a dump), maybe without the
    " - Site" part or differently cased ("us to offer russia antiterror pact")."""
    c, p = squash(candidate), squash(page_title)
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
    # Sentence case is how most languages (and many English outlets) print headlines.
    return 1.0 if letters[0].isupper() else 0.0


def _byline(text: str) -> bool:
    """"By Jane Doe", "von Jane Doe, John Roe", or "By" alone over the name; not a headline
    that starts with the word and states something after a colon ("Von Hamburg bis Dresden: Das
    Netz der …")."""
    if text.count(" ") == 0:
        return cues.BYLINE_START.match(f"{text} Name") is not None
    return cues.BYLINE_START.match(text) is not None and not _STATEMENT.search(text)


def _is_meta(unit: Unit) -> bool:
    """A byline or a date line: what sits right under (or over) a headline."""
    if unit.size > 15:
        return False
    if _byline(unit.content):
        return True
    # Every date has digits, and the normal form writes each number as 0: a stamp the cleaner
    # read that holds a day and a year ("12.03.202512. März 2025") is one too.
    numbers = unit.normal.split().count("0")
    if unit.shape == "date-meta" and numbers >= 2:
        return True
    return numbers >= 1 and cues.DATE_OR_TIME.search(unit.content) is not None


def _standfirst(unit: Unit, size: float) -> bool:
    """The line under a headline that sums the story up: longer than the headline."""
    return not unit.linked and size < unit.size <= 60 and not cues.CREDIT.search(unit.content)


def _is_credit(unit: Unit) -> bool:
    return unit.shape == "photo-credit" or unit.size <= 12 and bool(cues.CREDIT.search(unit.content))


def _names(text: str) -> bool:
    """A byline without "By": "Jane Doe, AP Writer", "Kevin Johnson and Kevin McCoy"."""
    words = text.replace(",", " , ").split()
    if len(words) > 16 or ":" in text or not ("," in words or "and" in words or "&" in words):
        return False
    return all(w[0].isupper() for w in words if w not in {",", "and", "&"})


def _name_like(text: str) -> bool:
    """"Jane Doe Deputy Editor", "Jane Doe": capitalised words only, nothing a sentence has."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[0].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in words)


def _doubled(key: str) -> bool:
    """"Jane DoeJane Doe", "Caption. Caption. Agency/Name": an image's alt text and the
    caption beside it, run into one line."""
    half, head = len(key) // 2, key[: len(key) // 3]
    return len(key) >= 6 and (key[:half] == key[-half:] or len(head) >= 12 and head in key[len(head) :])


def _breadcrumb(text: str) -> bool:
    """"SN.AT / Politik / Innenpolitik", "Home » Welt » Europa": a path of short section names."""
    if not any(mark in text for mark in "/»›>\\|"):
        return False
    parts = _PATH_SEPARATOR.split(text)
    return len(parts) >= 3 and all(len(part.split()) <= 3 for part in parts[1:-1])


def _crumb_end(index: int, units: list[Unit], keys: list[str]) -> bool:
    """The line is the last item of a breadcrumb just over it ("Home » Section » Headline")."""
    for i in range(max(0, index - 3), index):
        text = units[i].content
        if _breadcrumb(text) and normal_form(_PATH_SEPARATOR.split(text)[-1]).replace(" ", "") == keys[index]:
            return True
    return False


def _site_suffix(longer: str, shorter: str) -> bool:
    """`longer` is `shorter` with a part set off by a separator: "Headline | Site", not a
    caption with its credit ("Caption - © Agency")."""
    rest = longer[len(shorter) :]
    return (
        longer.startswith(shorter)
        and bool(_TITLE_SEPARATOR.match(rest))
        and not (cues.CREDIT.search(rest) or cues.COPYRIGHT_LOWER.search(rest.lower()))
    )


def _kicked(longer: str, shorter: str) -> bool:
    """`longer` is "Kicker: `shorter`", a headline with its kicker, not a breadcrumb."""
    head = longer[: len(longer) - len(shorter)] if longer.endswith(shorter) else longer[: longer.find(":") + 1]
    return head.rstrip().endswith(":") and len(head.split()) <= _KICKER_MAX


def _two_sentences(text: str) -> bool:
    """A full stop inside the line after a lower-case word, then a capital: a teaser or a
    notice ("… save easily. Deposit 100 today"), not an abbreviation ("U.S. Army", "PORTRAIT. Name")."""
    for match in _INNER_STOP.finditer(text):
        word = match.group(1)
        if word.islower() and match.group(2).isupper():
            return True
    return False


def _lower_start(text: str) -> bool:
    """The line opens with a lower-case word ("en la seguridad del …"): it goes on from the
    line before."""
    first = text.split(maxsplit=1)[0] if text else ""
    return first.isalpha() and first.islower()


def _mixed_scripts(text: str) -> bool:
    return not text.isascii() and sum(1 for script in _SCRIPTS if script.search(text)) >= 3


def _excluded(unit: Unit, index: int, units: list[Unit]) -> bool:
    """Lines that cannot be a headline whatever stands around them."""
    text, size = unit.content, unit.size
    if unit.linked or not 2 <= size <= 30 or _NOT_HEADLINE_END.search(text):
        return True
    if unit.bullet and index > 0 and (units[index - 1].bullet or index + 1 < len(units) and units[index + 1].bullet):
        return True  # an item of a menu or a list of stories
    if cues.CREDIT.search(text) or _byline(text) or cues.SKIP_LINK.search(text) or cues.TOGGLE_LABELS.match(text):
        return True
    if cues.SHARE_PROMPT.match(text) or _MARKUP.search(text) or _breadcrumb(text) or _mixed_scripts(text):
        return True
    if len(cues.SOCIAL.findall(text)) >= 2 or unit.shape in _FURNITURE_SHAPES:
        return True  # a row of share buttons
    if "0" not in unit.normal:
        return False
    digits = unit.normal.split().count("0")
    return (size <= 12 and cues.DATE_OR_TIME.search(text) is not None) or digits >= 0.3 * size


def _photo(unit: Unit) -> bool:
    """A photo's line: its placeholder, caption or credit, set anywhere in a header."""
    if unit.shape in {"caption", "photo-credit", "image"} or cues.CREDIT.search(unit.content):
        return True
    lower = unit.content.lower()
    return cues.may_be_copyright(lower) and cues.COPYRIGHT_LOWER.search(lower) is not None


def _plain(unit: Unit) -> bool:
    """A line of its own: not a link, an image or a list's item."""
    return not unit.linked and not unit.bullet


def _following(units: list[Unit], index: int, count: int) -> list[Unit]:
    """The next `count` units after `index` that hold words (empty bullets, fields, buttons
    and the lines of a photo skipped)."""
    found: list[Unit] = []
    for i in range(index + 1, len(units)):
        unit = units[i]
        if unit.size < 1 or unit.linked or _photo(unit) or unit.size <= 2 and _MARKUP.search(unit.content):
            continue  # no words, a link, a photo's line or a button
        found.append(unit)
        if len(found) == count:
            break
    return found


def _next_index(units: list[Unit], index: int) -> int | None:
    return next((i for i in range(index + 1, min(len(units), index + 5)) if units[i].size >= 1 and not units[i].linked), None)


def _preceding(units: list[Unit], index: int) -> int | None:
    return next((i for i in range(index - 1, max(-1, index - 5), -1) if units[i].size >= 1 and not units[i].linked), None)


def _signed(units: list[Unit], index: int) -> bool:
    """An article's header: a byline right under the unit or under its standfirst or date
    (photos and labels like "Author:" aside), and a date within five lines or right over it."""
    after = [u for u in _following(units, index, 6) if not u.content.endswith(":")]  # "Author:"
    around = after[:5] + [units[i] for i in range(max(0, index - 2), index)]
    signed = [i for i, u in enumerate(after[:2]) if _byline(u.content) and u.size <= 15]
    return bool(signed) and (signed[0] == 0 or after[0].size >= 8 or _is_meta(after[0])) and any(
        _is_meta(u) and not _byline(u.content) for u in around
    )


def _caption(index: int, units: list[Unit], keys: list[str]) -> bool:
    """A photo's caption or alt text: over a credit, or the alt text and the caption that
    repeats it with the credit appended (not "Headline | Site"). A headline may stand over
    its photo's caption."""
    after = _next_index(units, index)
    # A doubled line is an image's alt text beside its caption: an author's portrait ("Picture
    # of Jane DoePicture of Jane Doe"), not a credit.
    if after is not None and _is_credit(units[after]) and not _doubled(keys[after]):
        return True
    key, text = keys[index], units[index].content
    if len(key) < 15:
        return False
    for i in range(max(0, index - 2), min(index + 3, len(keys))):
        other, other_text = keys[i], units[i].content
        if i < index and len(key) > len(other) >= 15 and key.startswith(other) and not _site_suffix(text, other_text):
            return True
        if i > index and len(other) > len(key) and other.startswith(key) and not _site_suffix(other_text, text):
            return True
    return False


def _shaped(unit: Unit, index: int, units: list[Unit], keys: list[str]) -> bool:
    """Headline-shaped on its own: what the header's top line must be."""
    return (
        unit.size >= 4
        and not _caption(index, units, keys)
        and not _excluded(unit, index, units)
        and not cues.TITLE_FURNITURE.search(unit.content)
        and not _name_like(unit.content)
        and not _names(unit.content)
    )


def _beside(units: list[Unit], index: int, step: int) -> str | None:
    """What stands right over (`step` -1) or under (+1) a line, skipping photos: a name, a date,
    or a short label (by its words); None for anything else."""
    indexes = range(index - 1, max(-1, index - 5), -1) if step < 0 else range(index + 1, min(len(units), index + 5))
    for i in indexes:
        unit = units[i]
        if unit.size < 1 or unit.linked or _photo(unit):
            continue
        if _byline(unit.content) or _names(unit.content) or _name_like(_INITIAL.sub("", unit.content)):
            return "name"
        if _is_meta(unit):
            return "date"
        return f"label {unit.normal}" if unit.size <= _LABEL_MAX else None
    return None


def _story_list(candidates: list[int], units: list[Unit], shaped: Callable[[int], bool]) -> set[int]:
    """The items of a list of stories: three or more headline-shaped lines close together, each
    with the same kind of line beside it (its author, its date, the list's heading repeated); the
    article's headline has its own header (standfirst, photo) instead."""
    lines = [i for i in candidates if shaped(i)]
    marks = {i: (_beside(units, i, -1), _beside(units, i, 1)) for i in lines}
    items: set[int] = set()
    for i in lines:
        below = _following(units, i, 1)
        if below and _standfirst(below[0], units[i].size):
            continue  # a header of its own
        for side in (0, 1):
            kind = marks[i][side]
            if kind is not None and sum(1 for j in lines if abs(j - i) <= _NEAR and marks[j][side] == kind) >= 3:
                items.add(i)
    return items


def _header_tops(units: list[Unit], candidates: list[int], shaped: Callable[[int], bool]) -> dict[int, float]:
    """Bonuses for where a header starts: the first headline-shaped line after a run of
    navigation (two or more bullets, short labels or furniture lines; the byline, dates and
    credits under a headline do not count); a penalty for the lines after the heading of a list
    of other stories, up to the next navigation (or, where the heading is set over each item,
    up to a line without it), and for the items of a list (`_story_list`)."""
    bonus: dict[int, float] = {}
    run, after_nav, in_list = 0, False, False
    headed, per_item = False, False  # the last line was the list's heading; it heads each item
    for index in candidates:
        unit = units[index]
        if unit.size == 0 or unit.linked:
            continue
        if unit.size <= 5 and not unit.bullet and cues.STORY_LIST_HEADING.match(unit.content):
            per_item = in_list and not headed
            run, after_nav, in_list, headed = 0, False, True, True
            continue
        if shaped(index):
            if in_list and per_item and not headed:
                in_list = False  # a list that heads each of its items ("Latest") ends at a line without it
            if in_list:
                bonus[index] = -1.5
            elif after_nav:
                bonus[index] = 1.5
            run, after_nav = 0, False
        elif (unit.bullet or unit.size <= 3 or cues.TITLE_FURNITURE.search(unit.content)) and not (
            _is_meta(unit) or _is_credit(unit)
        ):
            run += 1
            if run >= 2:
                after_nav, in_list = True, False
        else:
            run = 0
        headed = False
    for index in _story_list(candidates, units, shaped):
        bonus[index] = min(bonus.get(index, 0.0), 0.0) - 1.5
    return bonus


def _title_score(
    index: int,
    page: Page,
    keys: list[str],
    where: dict[str, list[int]],
    start: int,
    gap: int,
    tops: dict[int, float],
    shaped: Callable[[int], bool],
) -> float | None:
    """How much the unit at `index` looks like the headline; None when it cannot be one."""
    units = page.units
    unit = units[index]
    text, size = unit.content, unit.size
    if _excluded(unit, index, units):
        return None
    key = keys[index]
    if _doubled(key):
        return None
    score = _casing_score(text)
    score += tops.get(index, 0.0)  # the first line after the navigation, or a line in a list of other stories
    if cues.TITLE_FURNITURE.search(text):
        score -= 4.0  # account, subscription, reading-time and app furniture
    if unit.bullet:
        score -= 1.0
    if index == 0:
        score += 1.0  # a dump may open with the page's <title>
    elif _echoes_page_title(text, units[0].content):
        score += 4.0
    # Share prompts and alt texts above the article repeat its headline, and so do the site's
    # lists of its stories further on: once or twice, where another story's teaser is listed
    # everywhere.
    if len(key) >= 15:
        copies = where.get(key, ())
        near = any(
            key == keys[i] or key in keys[i] and not keys[i].startswith(key) or _site_suffix(units[i].content, text)
            for i in range(max(1, index - _NEAR), min(index + _NEAR, start))
            if i != index
        )
        if sum(1 for i in copies if 0 < abs(i - index) <= _NEAR) >= 2:
            score -= 2.0  # a widget's line, repeated all around ("Search author on: …")
        elif size <= _KICKER_MAX and any(0 < abs(i - index) <= 3 and _plain(units[i]) for i in copies):
            # A box's heading, printed over it and again on its tab: a short headline's copies
            # close by are its photo's alt text, a share line or a breadcrumb's last item.
            score -= 2.0
        elif len(copies) <= 3:
            score += 1.5 if near else 1.0 if len(copies) > 1 else 0.0
    # A caption (not a headline over its photo's credit, that the site's story lists repeat far
    # off), or a photo's copyright line (a headline may speak of copyright).
    listed = len(key) >= 15 and any(abs(i - index) > _NEAR for i in where.get(key, ()))
    if _caption(index, units, keys) and not listed or cues.COPYRIGHT_LOWER.search(text.lower()):
        score -= 3.0
    words = len(text.split())
    for i in range(max(0, index - 3), min(index + 4, len(keys))):
        other, other_text = keys[i], units[i].content
        if i == index or min(len(other), len(key)) < 6:
            continue
        if abs(len(other_text.split()) - words) > 5:
            continue
        if len(other) > len(key) and other.endswith(key) and not _kicked(other_text, text):
            score += 1.0  # the last item of a breadcrumb: "Home » Section » Headline"
        elif len(key) > len(other) and key.endswith(other) and units[i].size >= 2 and not _kicked(text, other_text):
            # A breadcrumb or a kicker before a headline shown on its own (not a section's
            # name: "Norrby" over "Elin, 19, missing in Norrby").
            score -= 3.0
    following = _next_index(units, index)
    if size <= _KICKER_MAX and following is not None and units[following].size > size and shaped(following):
        score -= 2.0  # a kicker over the headline
    if index >= start:
        score -= 1.5  # after the line taken as the article's first
    # Between headline and article: a standfirst, a byline, a date, share buttons.
    score += 2.0 if gap <= 2 else 1.0 if gap <= 5 else 0.0 if gap <= 10 else -1.0
    after = _following(units, index, _HEADER_DEPTH)
    if sum(1 for u in after[:3] if u.shape == "share" or cues.SOCIAL.search(u.content) and u.size <= 3) >= 2:
        score += 1.5  # share buttons under the headline
    lead = units[following] if following is not None else None
    standfirst = lead is not None and lead.sentence and 8 <= lead.size <= 60 and not _caption(following, units, keys)
    if standfirst:
        score += 1.0
    # The byline or date sits right under the headline (sometimes right over it).
    if any(_is_meta(u) for u in after[:2]):
        score += 1.5
    elif any(_is_meta(u) for u in after[1:4]) and after and _standfirst(after[0], size):
        score += 1.5  # headline, standfirst, byline or date
    elif any(_is_meta(u) for u in units[max(0, index - 2) : index]):
        score += 0.5
    elif any(_is_meta(u) for u in after[:_HEADER_DEPTH]) and all(u.size <= 40 for u in after[:_HEADER_DEPTH]):
        score += 0.5  # ... or under its standfirst and photo
    above = _preceding(units, index)
    if above is not None and _is_meta(units[above]):
        above = _preceding(units, above)  # the headline, its date, then a second title or a standfirst
    # A standfirst under its headline: longer, or as long where both run to a paragraph's length
    # (short lines of a length are as often furniture over the headline); not the headline
    # printed twice, nor a line under the last item of a list of other stories.
    if above is not None and not units[above].bullet and keys[above] != key and tops.get(above, 0.0) >= 0:
        over = units[above].size
        if (4 <= over < size or over == size >= _PARAGRAPH) and shaped(above):
            score -= 1.0
    if _two_sentences(text):
        score -= 2.0  # a teaser or a notice: a headline is one sentence
    below = units[index + 1] if index + 1 < len(units) else None
    if _lower_start(text) or below and below.size >= 4 and _lower_start(below.content) and not _is_meta(below):
        score -= 2.0  # a line of a paragraph the renderer wrapped: it or the next goes on mid-sentence
    if _names(text):
        score -= 2.0
    elif _name_like(text) and (any(_is_meta(u) for u in after[:2]) or any(text in u.content for u in after[:2])):
        score -= 2.0  # an author's name and role over the date
    if 4 <= size <= 18:
        score += 1.0
    elif size > 20:
        score -= 1.0  # captions and standfirsts run longer than headlines
    elif size < 4 and not (_crumb_end(index, units, keys) or standfirst and any(_is_meta(u) for u in after[1:4])):
        # "Back to Gallery", "Site Name Logo"; not the page's name at the end of its breadcrumb,
        # nor a line over a whole header (a standfirst, then the byline or date).
        score -= 2.0
    return score


def find_title(page: Page) -> str | None:
    """The headline of a text page: a medium-length, title-cased line without a sentence end,
    a few lines above the article, often next to its byline or date, often repeated on the
    page (a dump may open with the <title>)."""
    units = page.units
    if not units:
        return None
    start = page.body_start if page.body_start is not None else min(len(units), 15)
    keys = [u.normal.replace(" ", "") for u in units]  # squashed, every number as 0
    where: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        where[key].append(i)
    memo: dict[int, bool] = {}

    def shaped(index: int) -> bool:
        if index not in memo:
            memo[index] = _shaped(units[index], index, units, keys)
        return memo[index]

    first = max(0, start - _REACH)
    candidates = list(range(first, start))
    for index in range(start, min(len(units), start + _BEYOND)):
        if index > start and units[index - 1].size >= _PARAGRAPH and not units[index - 1].bullet:
            break
        candidates.append(index)
    # Where the article was taken to start far below its header, the page's first headline
    # with a byline and a date under it.
    header = next((i for i in range(first) if shaped(i) and _signed(units, i)), None)  # the cheap test first
    candidates[:0] = sorted({i for i in (0, header) if i is not None and i < first})
    # For each candidate, the lines of 4+ words between it and the article (none for that
    # header: its byline and date show where its article starts).
    gaps, count = {}, 0
    for index in reversed(candidates):
        gaps[index] = count if index < start and index != header else 0
        count += index < start and units[index].size >= 4
    tops = _header_tops(units, candidates, shaped)

    best, best_score = None, 2.0  # below this nothing looks like a headline
    for index in candidates:
        score = _title_score(index, page, keys, where, start, gaps[index], tops, shaped)
        if score is not None and score > best_score:
            best, best_score = index, score
    return _without_kicker(_continued(best, units), units) if best is not None else None


def _continued(index: int, units: list[Unit]) -> str:
    """The headline with the rest the renderer broke off onto the next line: a line that opens
    with a colon goes on from the one before ("Stuttgart hat's drauf" / ": Stadt der …")."""
    text = units[index].content
    after = units[index + 1] if index + 1 < len(units) else None
    if after is None or after.first != units[index].last + 1 or not after.text.startswith(":"):
        return text
    rest = cues.IMAGE_AFTER_TEXT.sub("", after.content)
    return f"{text}: {rest}" if rest else text


def _without_kicker(text: str, units: list[Unit]) -> str:
    """The headline without a label the renderer ran into it ("Meinung Warum …"): capitalised
    words before where another headline-sized line of the page starts ("Warum Kritik an
    Trumps …", five words alike) or has the headline after its own label ("Trump: Warum
    Kritik an …")."""
    words = text.split()
    if len(words) < 6 or any(":" in word for word in words[: _KICKER_MAX + 1]):
        return text  # "Kicker: Headline" is how the headline reads
    key = normal_form(text).replace(" ", "")
    whole, labelled = set(), set()
    for unit in units:
        if 5 <= unit.size <= 30 and unit.content != text:
            if unit.normal.replace(" ", "") == key:
                return text  # the page prints it with the label too ("Label: Headline")
            whole.add(tuple(unit.normal.split()[:5]))
            _, colon, rest = unit.content.partition(": ")
            if colon:
                labelled.add(tuple(normal_form(rest).split()[:3]))
    for cut in range(1, _KICKER_MAX + 1):
        if not words[cut - 1][0].isupper():
            break  # a label is a name or a section: capitalised words
        rest = normal_form(" ".join(words[cut:])).split()
        if len(rest) >= 5 and (tuple(rest[:5]) in whole or tuple(rest[:3]) in labelled):
            return " ".join(words[cut:])
    return text
