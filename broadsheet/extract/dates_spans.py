"""Date spans in text: every written form of a day (many languages, numeric and with month
names), read into one or two days (when day and month order is ambiguous), with the page's
plausible range. Month and weekday names come from dateparser's locale data."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate

from dateparser.languages.loader import default_loader

EARLIEST = date(1990, 1, 1)
# No page stored this century is dated in the next: a later year is a sentinel ("9999") or a
# typo, never a day to publish. A future day before it is reported as impossible instead.
LATEST = date(2099, 12, 31)


LISTED = "inside a list of dated items (other stories, comments)"


def out_of_range(day: date) -> str | None:
    """Why `day` cannot be any page's publication day, if it cannot."""
    if day < EARLIEST:
        return f"out of range: before {EARLIEST.year}"
    if day > LATEST:
        return f"out of range: after {LATEST.year}"
    return None


# Languages whose month names we read. Restricting dateparser's ~200 locales to widely used
# ones keeps two-letter abbreviations of rare languages ("sad", "mat", "out") from turning
# ordinary words into months.
_LANGUAGES = (
    "en de fr es it pt nl sv da nb nn fi pl cs sk sl hr sr bs hu ro bg ru uk be el tr ar fa he "
    "hi id ms vi th zh ja ko lt lv et ca eu gl is ga sq mk ka hy az kk uz bn ur ta af sw fil "
    "cy lb mt"
).split()
_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@lru_cache(maxsize=1)
def calendar_words() -> tuple[dict[str, int], frozenset[str]]:
    """Month name -> number, and weekday names, lower-cased, from dateparser's locale data.
    A word naming different months in different languages goes to the majority; a tie drops it."""
    votes: dict[str, Counter] = defaultdict(Counter)
    weekdays: set[str] = set()
    for locale in default_loader.get_locales(languages=list(_LANGUAGES)):
        for number, key in enumerate(_MONTH_KEYS, 1):
            for word in locale.info.get(key, []):
                word = word.lower().rstrip(".")
                if len(word) >= 3 and not any(c.isdigit() for c in word):
                    votes[word][number] += 1
        for key in _WEEKDAY_KEYS:
            weekdays.update(w.lower().rstrip(".") for w in locale.info.get(key, []) if len(w) >= 2)
    months = {}
    for word, counts in votes.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            months[word] = ranked[0][0]
    return months, frozenset(weekdays)


# --- finding date spans -------------------------------------------------------------------

# Any four-digit year, so that out-of-range dates ("31.12.9999", "1 May 1850") are read and
# rejected with their reason instead of going unseen.
_Y = r"\d{4}"
_W = r"[^\W\d_]{3,}\.?"  # a month name, checked against dateparser's words afterwards
_ORD = r"(?:st|nd|rd|th|er|e|º|°)?"
# Every written form in one alternation (one scan per window). Leftmost match wins, as the
# longest reading of a date starts earliest.
_DATE = re.compile(
    # 9 oktober 2020, 20 December, 2021, 17 de Febrero 2020, 3. März 2020, Publié le 27 Mar 20
    rf"(?<![\d.])(?P<dmy_d>\d{{1,2}}){_ORD}\.?[\s,/-]*(?:(?:de|of|d['’])\s*)?(?P<dmy_w>{_W})"
    rf"[\s,./-]*(?:(?:de|del)\s+)?(?P<dmy_y>{_Y}|\d\d(?![\d:]))(?!\d)"
    # April 24, 2020, Nov. 9th 2023
    rf"|(?<!\w)(?P<mdy_w>{_W})[\s/-]*(?P<mdy_d>\d{{1,2}}){_ORD}\.?,?\s*(?P<mdy_y>{_Y})(?!\d)"
    # 2020-03-12, 2020/3/12, 2020.03.12
    rf"|(?<![\d.])(?P<iso_y>{_Y})(?P<iso_s>[-/.])(?P<iso_m>\d{{1,2}})(?P=iso_s)(?P<iso_d>\d{{1,2}})(?!\d)"
    # 2020. 10. 9, 2020年7月1日, 2020년 7월 1일
    rf"|(?<!\d)(?P<cjk_y>{_Y})\s*(?:[年년]|\.\s)\s*(?P<cjk_m>\d{{1,2}})\s*(?:[月월]|\.\s)"
    rf"\s*(?P<cjk_d>\d{{1,2}})(?!\d)"
    # 2020. október 9.
    rf"|(?<!\d)(?P<ymd_y>{_Y})\.?,?\s+(?P<ymd_w>{_W})\s*(?P<ymd_d>\d{{1,2}})(?!\d)"
    # 2016 Wednesday ,23 March
    rf"|(?<!\d)(?P<ywdm_y>{_Y})\s+[^\W\d_]+\s*,?\s*(?P<ywdm_d>\d{{1,2}})\s+(?P<ywdm_w>{_W})"
    # 07.11.2023, 11/9/2023, 20-05-2016, 07.11.23 (two-digit years need two-digit fields)
    r"|(?<![\d.,/-])(?:(?P<num_a>\d{1,2})(?P<num_s>[./-])(?P<num_b>\d{1,2})(?P=num_s)(?P<num_y>\d{4})"
    r"|(?P<num_a2>\d\d)(?P<num_s2>[./-])(?P<num_b2>\d\d)(?P=num_s2)(?P<num_y2>\d\d))(?![\d]|[./-]\d)"
    # 4. 2. 2022, 26 | 01 | 2022, 26 / 01 / 2022: spaced numeric dates
    r"|(?<![\d.|/])(?<![\d.|/]\s)(?P<sp_d>\d{1,2})\s?(?P<sp_s>[./|])\s?(?P<sp_m>\d{1,2})\s?(?P=sp_s)\s?"
    r"(?P<sp_y>\d{4})(?!\d)"
)  # fmt: skip
# ASCII classes: much faster than \d over whole pages. Matches 4-digit numbers (a year) and
# dd.mm.yy.
_PREFILTER = re.compile(r"[0-9][0-9](?:[0-9][0-9]|[./-][0-9][0-9][./-][0-9][0-9])")
_TIME_AFTER = re.compile(r":\d\d")


@dataclass(frozen=True)
class Span:
    line: int  # index into the page's lines
    start: int
    end: int
    days: tuple[date, ...]  # two readings when day and month order is ambiguous
    order: str  # dmy | mdy | ymd as read; "?" when both readings are valid; "" if unknown
    sep: str  # separator of a numeric date ("" for month names)
    shape: str  # the span with digits and letters collapsed, for spotting repeated lists


def day_of(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shape(text: str) -> str:
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "0", text))


def _full_year(digits: str, today: date) -> int:
    """The year written as `digits`: four digits as they are ("0001" too), two in the century
    that keeps them from the future."""
    year = int(digits)
    if len(digits) > 2:
        return year
    return year + (2000 if year <= today.year % 100 else 1900)


def _add_numeric(add, m: re.Match, text: str, today: date) -> None:
    if m["num_a"]:
        a, sep, b, y, end = int(m["num_a"]), m["num_s"], int(m["num_b"]), m["num_y"], m.end()
        if _TIME_AFTER.match(text, end):  # "28.09.1912:44" is 28.09.19 at 12:44
            y, end = y[:2], end - 2
    else:
        a, sep, b, y, end = int(m["num_a2"]), m["num_s2"], int(m["num_b2"]), m["num_y2"], m.end()
    year = _full_year(y, today)
    dmy, mdy = day_of(year, b, a), day_of(year, a, b)
    if dmy and mdy and dmy != mdy:
        add(m.start(), end, [dmy, mdy], "?", sep)
    else:
        # Only one reading exists (or both agree): it tells the page's order, if it differs.
        add(m.start(), end, [dmy or mdy], "" if dmy == mdy else ("dmy" if dmy else "mdy"), sep)


def _spans_in_line(index: int, text: str, windows: list[tuple[int, int]], today: date) -> list[Span]:
    """Date spans of one line, read only in the windows around its year-like numbers (lines
    can be whole paragraphs; look-behinds still see the text before a window)."""
    months, _ = calendar_words()
    found: list[Span] = []

    def add(start, end, days, order, sep=""):
        days = tuple(dict.fromkeys(d for d in days if d))
        if days:
            found.append(Span(index, start, end, days, order, sep, _shape(text[start:end])))

    for lo, hi in windows:
        m = _DATE.search(text, lo, hi)
        while m:
            start, end, g = m.start(), m.end(), m.groupdict()
            for form in ("dmy", "mdy", "ymd", "ywdm"):
                if g[form + "_w"]:
                    month = months.get(g[form + "_w"].lower().rstrip("."))
                    if month:
                        year = _full_year(g[form + "_y"], today)
                        day = day_of(year, month, int(g[form + "_d"]))
                        add(start, end, [day], "dmy" if form == "ywdm" else form)
                    else:
                        end = start + 1  # not a month name: a date may start inside this match
                    break
            else:
                if g["iso_y"]:
                    day = day_of(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
                    add(start, end, [day], "ymd", g["iso_s"])
                elif g["cjk_y"]:
                    add(start, end, [day_of(int(g["cjk_y"]), int(g["cjk_m"]), int(g["cjk_d"]))], "ymd")
                elif g["sp_d"]:  # read like 4.2.2022, 26/01/2022
                    a, b, year, sep = int(g["sp_d"]), int(g["sp_m"]), int(g["sp_y"]), g["sp_s"]
                    dmy, mdy = day_of(year, b, a), day_of(year, a, b)
                    if dmy and mdy and dmy != mdy:
                        add(start, end, [dmy, mdy], "?", sep)
                    else:
                        add(start, end, [dmy or mdy], "" if dmy == mdy else ("dmy" if dmy else "mdy"), sep)
                else:
                    _add_numeric(add, m, text, today)
            if found and found[-1].start == start and not any(map(_in_range, found[-1].days)):
                end = start + 1  # "1500 people, 23 March 2020": the date may start inside
            m = _DATE.search(text, end, hi)
    # Overlapping matches: keep the longest span starting first; a span out of range only
    # where it hides no date in range.
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept = _without_overlaps([s for s in found if any(map(_in_range, s.days))])
    starts = [s.start for s in kept]
    spare = []
    for span in _without_overlaps([s for s in found if not any(map(_in_range, s.days))]):
        at = bisect.bisect_left(starts, span.start)
        if (at == 0 or kept[at - 1].end <= span.start) and (at == len(kept) or span.end <= kept[at].start):
            spare.append(span)
    return sorted(kept + spare, key=lambda s: s.start) if spare else kept


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _in_range(day: date) -> bool:
    return out_of_range(day) is None


_WINDOW = 40  # characters around a year-like number that can belong to its date


def find_spans(texts: list[str], today: date) -> list[Span]:
    """One regex pass over the whole page finds year-like numbers; the date patterns then run
    only in small windows around them."""
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in _PREFILTER.finditer("\n".join(texts)):
        index = bisect.bisect_right(starts, m.start()) - 1
        lo = max(0, m.start() - starts[index] - _WINDOW)
        hi = min(len(texts[index]), m.end() - starts[index] + _WINDOW)
        spans = windows[index]
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return [s for index, w in windows.items() for s in _spans_in_line(index, texts[index], w, today)]

