"""Publication day: candidates from the page, each with its evidence and kind; one winner or none.

Text dumps are read in paragraphs, as a reader sees them: whatever renderer made the dump,
hard-wrapped lines are joined (a line that nearly reaches the right edge the page's wrapped
lines share goes on in the next) and link markup is read as its text (Markdown "[text](url)" and
"\\." escapes, lynx's "[12]" link numbers). Position is counted in paragraphs.
A regex finds date-looking spans (month names come from dateparser's locale data),
each span is read into a day and judged by its context: a "Published"/"Updated" label, a
byline, a dateline, a line holding only the date, or plain text; where it sits relative to the
article's main prose block; and whether it belongs to furniture that never carries this
story's day (copyright lines, photo credits, embedded posts, lists of other headlines).
The best-supported day wins; when evidence is weak or two days compete, we abstain.

HTML: htmldate reads the markup (metadata, <time>, known classes); the text reading above,
run on the rendered page, is an independent witness. JSON-LD, meta tags and microdata give
the evidence of a markup date, and stand in when htmldate misses them or takes their
modification day. Agreement wins; disagreement is settled by how strong the visible date is,
and by whether the structured data declares the markup day and the page shows it too.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from itertools import accumulate

import lxml.html
from dateparser.languages.loader import default_loader
from htmldate import find_date
from lxml import etree

from broadsheet.records import DateCandidate, DateFinding, LineMark
from broadsheet.textclean import line_units

EARLIEST = date(1990, 1, 1)

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
def _calendar_words() -> tuple[dict[str, int], frozenset[str]]:
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

_Y = r"(?:19|20)\d\d"
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
    r"|(?<![\d.,/-])(?:(?P<num_a>\d{1,2})(?P<num_s>[./-])(?P<num_b>\d{1,2})(?P=num_s)(?P<num_y>(?:19|20)\d\d)"
    r"|(?P<num_a2>\d\d)(?P<num_s2>[./-])(?P<num_b2>\d\d)(?P=num_s2)(?P<num_y2>\d\d))(?![\d]|[./-]\d)"
    # 4. 2. 2022, 26 | 01 | 2022, 26 / 01 / 2022: spaced numeric dates
    r"|(?<![\d.|/])(?<![\d.|/]\s)(?P<sp_d>\d{1,2})\s?(?P<sp_s>[./|])\s?(?P<sp_m>\d{1,2})\s?(?P=sp_s)\s?"
    r"(?P<sp_y>(?:19|20)\d\d)(?!\d)"
)  # fmt: skip
# ASCII classes: much faster than \d over whole pages. Matches 4-digit numbers (kept if they
# look like a year) and dd.mm.yy.
_PREFILTER = re.compile(r"[0-9][0-9](?:[0-9][0-9]|[./-][0-9][0-9][./-][0-9][0-9])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_TIME_AFTER = re.compile(r":\d\d")


@dataclass(frozen=True)
class _Span:
    line: int  # index into the page's lines
    start: int
    end: int
    days: tuple[date, ...]  # two readings when day and month order is ambiguous
    order: str  # dmy | mdy | ymd as read; "?" when both readings are valid; "" if unknown
    sep: str  # separator of a numeric date ("" for month names)
    shape: str  # the span with digits and letters collapsed, for spotting repeated lists


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _shape(text: str) -> str:
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "0", text))


def _full_year(year: int, today: date) -> int:
    if year >= 100:
        return year
    return year + (2000 if year <= today.year % 100 else 1900)


def _add_numeric(add, m: re.Match, text: str, today: date) -> None:
    if m["num_a"]:
        a, sep, b, y, end = int(m["num_a"]), m["num_s"], int(m["num_b"]), m["num_y"], m.end()
        if _TIME_AFTER.match(text, end):  # "28.09.1912:44" is 28.09.19 at 12:44
            y, end = y[:2], end - 2
    else:
        a, sep, b, y, end = int(m["num_a2"]), m["num_s2"], int(m["num_b2"]), m["num_y2"], m.end()
    year = _full_year(int(y), today)
    dmy, mdy = _day(year, b, a), _day(year, a, b)
    if dmy and mdy and dmy != mdy:
        add(m.start(), end, [dmy, mdy], "?", sep)
    else:
        # Only one reading exists (or both agree): it tells the page's order, if it differs.
        add(m.start(), end, [dmy or mdy], "" if dmy == mdy else ("dmy" if dmy else "mdy"), sep)


def _spans_in_line(index: int, text: str, windows: list[tuple[int, int]], today: date) -> list[_Span]:
    """Date spans of one line, read only in the windows around its year-like numbers (lines
    can be whole paragraphs; look-behinds still see the text before a window)."""
    months, _ = _calendar_words()
    found: list[_Span] = []

    def add(start, end, days, order, sep=""):
        days = tuple(dict.fromkeys(d for d in days if d))
        if days:
            found.append(_Span(index, start, end, days, order, sep, _shape(text[start:end])))

    for lo, hi in windows:
        m = _DATE.search(text, lo, hi)
        while m:
            start, end, g = m.start(), m.end(), m.groupdict()
            for form in ("dmy", "mdy", "ymd", "ywdm"):
                if g[form + "_w"]:
                    month = months.get(g[form + "_w"].lower().rstrip("."))
                    if month:
                        year = _full_year(int(g[form + "_y"]), today)
                        day = _day(year, month, int(g[form + "_d"]))
                        add(start, end, [day], "dmy" if form == "ywdm" else form)
                    else:
                        end = start + 1  # not a month name: a date may start inside this match
                    break
            else:
                if g["iso_y"]:
                    day = _day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
                    add(start, end, [day], "ymd", g["iso_s"])
                elif g["cjk_y"]:
                    add(start, end, [_day(int(g["cjk_y"]), int(g["cjk_m"]), int(g["cjk_d"]))], "ymd")
                elif g["sp_d"]:  # read like 4.2.2022, 26/01/2022
                    a, b, year, sep = int(g["sp_d"]), int(g["sp_m"]), int(g["sp_y"]), g["sp_s"]
                    dmy, mdy = _day(year, b, a), _day(year, a, b)
                    if dmy and mdy and dmy != mdy:
                        add(start, end, [dmy, mdy], "?", sep)
                    else:
                        add(start, end, [dmy or mdy], "" if dmy == mdy else ("dmy" if dmy else "mdy"), sep)
                else:
                    _add_numeric(add, m, text, today)
            m = _DATE.search(text, end, hi)
    # Overlapping matches: keep the longest span starting first.
    found.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[_Span] = []
    for span in found:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


_WINDOW = 40  # characters around a year-like number that can belong to its date


def _find_spans(texts: list[str], today: date) -> list[_Span]:
    """One regex pass over the whole page finds year-like numbers; the date patterns then run
    only in small windows around them."""
    starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
    windows: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for m in _PREFILTER.finditer("\n".join(texts)):
        if m.end() - m.start() == 4 and m.group()[:2] not in ("19", "20"):
            continue
        index = bisect.bisect_right(starts, m.start()) - 1
        lo = max(0, m.start() - starts[index] - _WINDOW)
        hi = min(len(texts[index]), m.end() - starts[index] + _WINDOW)
        spans = windows[index]
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return [s for index, w in windows.items() for s in _spans_in_line(index, texts[index], w, today)]


# --- context of a span ----------------------------------------------------------------------


def _alternation(words: str) -> str:
    return "|".join(sorted((re.escape(w) for w in words.split("|")), key=len, reverse=True))


# Generic labels, many languages. Latin/Cyrillic/Greek words need word boundaries; CJK ones
# cannot have them.
_PUBLISHED_WORDS = _alternation(
    "published|publish date|publication date|first published|originally published|posted|posted on"
    "|released|created|créé|créée|creado|creato|criado"
    "|veröffentlicht|erschienen|erstellt|publiziert|erscheinungsdatum|veröffentlichung"
    "|publié|publiée|publié le|mis en ligne|date de publication|parution"
    "|publicado|publicada|fecha de publicación|pubblicato|pubblicata|data di pubblicazione"
    "|gepubliceerd|geplaatst|opublikowano|data publikacji|publikováno|vydáno|publikované"
    "|опубликовано|дата публикации|опубліковано|дата публікації|опублікувано"
    "|yayınlanma|yayın tarihi|yayımlanma|publicerad|publicerat|publiceret|udgivet|publisert"
    "|julkaistu|megjelent|közzétéve|publikálva|publicat|δημοσιεύθηκε|δημοσίευση"
    "|diterbitkan|dipublikasikan|ngày đăng|đăng|نشر|تاريخ النشر|פורסם"
)
_PUBLISHED_CJK = _alternation("发布|發布|发表|發表|发布时间|發佈|发稿|公開|投稿|掲載|配信|입력|등록|게재|작성")
# "Date:" says a date follows, not whose: weaker than "Published".
_DATE_WORDS = _alternation("date|dated|datum|fecha|data|дата|tarih|tanggal|ημερομηνία|dato|päivämäärä")
_DATE_CJK = _alternation("日期|日時|날짜")
_UPDATED_WORDS = _alternation(
    "updated|last updated|modified|last modified|edited|last edited|aktualisiert|zuletzt aktualisiert"
    "|geändert|zuletzt geändert|bearbeitet|zuletzt bearbeitet|stand|aktualisierung|letzte aktualisierung"
    "|mis à jour|modifié|modifiée|actualizado|actualizada|actualización|aggiornato|aggiornata"
    "|atualizado|atualizada|bijgewerkt|laatst bijgewerkt|zaktualizowano|aktualizacja|aktualizováno"
    "|обновлено|оновлено|güncellendi|güncelleme|uppdaterad|uppdaterat|opdateret|oppdatert"
    "|päivitetty|frissítve|actualizat|ενημερώθηκε|diperbarui|cập nhật|تحديث|עודכן"
)
_UPDATED_CJK = _alternation("更新|수정")
_UPDATED_AFTER = re.compile(rf"\W{{0,3}}(?:{_UPDATED_WORDS}|{_UPDATED_CJK})(?!\w)", re.IGNORECASE)
_LABEL = re.compile(
    rf"(?<!\w)(?P<pub>{_PUBLISHED_WORDS})(?!\w)|(?P<pubcjk>{_PUBLISHED_CJK})"
    rf"|(?<!\w)(?P<upd>{_UPDATED_WORDS})(?!\w)|(?P<updcjk>{_UPDATED_CJK})"
    rf"|(?<!\w)(?P<date>{_DATE_WORDS})(?!\w)|(?P<datecjk>{_DATE_CJK})",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"(?:^|[|/·•,–—:-]\s*)(?:por|di|av|af|od|от|від|yazar)\s+\S"
    r"|(?<!\w)(?:by|von|par|door|автор|author|autor|auteur)(?!\w)\W*\s*\S|作者|记者|記者|기자",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s|copyright|all rights reserved|alle rechte|tous droits|todos los derechos"
    r"|tutti i diritti|版权|版權|저작권",
    re.IGNORECASE,
)
_PHOTO = re.compile(
    r"(?<!\w)(?:photo|foto|fotó|φωτο|фото|image|bild|picture|pictured|credit|getty|shutterstock|imago"
    r"|file)(?!\w)|图|圖|사진",
    re.IGNORECASE,
)
_EMBED = re.compile(r"\(@\w|\s@\w+\)|post shared by", re.IGNORECASE)
_DATELINE_PREFIX = re.compile(r"^\W*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}(?:,\s*[\w .'’-]{2,30})?[,(]?\s*$")
_DATELINE_SUFFIX = re.compile(r"^\W{0,3}(?:\(\w+\)\s*)?[-–—]")
_LEAD_SUFFIX = re.compile(r"^\s?(?:\(\w+\)\s*)?[.:–—-]\s+[^\W\d_]")
# Times and time zones next to a date ("at 9:11 a.m. EST", "15:33 Uhr", "10時00分").
_CLOCK = re.compile(
    r"\d{1,2}[:h.]\d\d(?::\d\d)?|\d{1,2}\s*[時时시]\s*\d{1,2}\s*[分분]"
    r"|(?i:\b(?:[ap]\.?m\.?|uhr|kl|at|um|à)(?!\w))|\b[A-Z]{2,4}\b"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
# A date glued to digits, underscores or a dash after a Latin word is part of a file name,
# URL or id ("IMG_2020-09-18", "borrell-1may2020-937x620").
_GLUED_BEFORE = re.compile(r"(?:[0-9_]|[A-Za-z0-9][-_]|\w\.[a-z]{2,}/\S*)$")
_GLUED_AFTER = re.compile(r"[0-9_]|[-_/][A-Za-z0-9]")
_LETTER_AFTER = re.compile(r"[A-Za-z]")
_SHORT_YEAR = re.compile(r"\D\d\d$")
# A person's name right after or before the date: two capitalised words ("Jane Doe am").
_NAME = re.compile(r"^[\s,|/·•–—-]*[A-ZÀ-Þ][a-zà-ÿ]+(?:-[A-ZÀ-Þ][a-zà-ÿ]+)?\s+[A-ZÀ-Þ][a-zà-ÿ]+")
_NAME_BEFORE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ]+\s+[A-ZÀ-Þ][a-zà-ÿ]+(?:\s+[a-z]{1,3})?[\s,|/·•–—:-]*$")
_BULLETS = " \t•·◦▪□☆*|-–—"
_SEPARATOR = re.compile(r"\s(?:[|·•/–—-]|//)\s")
_CJK_PUNCTUATION = re.compile(r"[。，、！？]")


def _is_prose(text: str) -> bool:
    """A line of running text: many words, or CJK text with sentence punctuation; not a
    metadata line of a few fields between separators ("By X - Paper - Wednesday, ...")."""
    words = text.split()
    if len(words) >= 12:
        return len(words) >= 20 or len(_SEPARATOR.findall(text)) < 2
    return len(text) >= 40 and len(words) <= len(text) / 15 and bool(_CJK_PUNCTUATION.search(text))


def _label(before: str, prose: bool) -> str | None:
    """The label closest before the date in its line, if it introduces the date: at most a
    few words between them ("Posted by Jane Doe on"), no sentence break, and in a line of
    running text only near its start."""
    last = None
    offset = max(0, len(before) - 80)  # a label sits just before its date
    for m in _LABEL.finditer(before, offset):
        last = m
    if last is None or (prose and last.start() > 40):
        return None
    between = before[last.end() :]
    if len(between.split()) > 6 or re.search(r"[.!?]\s+\w", between):
        return None
    if last.group("pub") or last.group("pubcjk"):
        return "published-label"
    return "updated-label" if last.group("upd") or last.group("updcjk") else "date-label"


_PLACEHOLDERS = re.compile(r"\[[^\]]*\]")  # images and form fields: "[logo.svg]", "[ ]"


def _rest_of_line(text: str, spans: list[_Span]) -> str:
    """What a line holds besides its dates, times, leading bullets and placeholders."""
    edges = [0] + [p for s in spans for p in (s.start, s.end)] + [len(text)]
    rest = " ".join(text[a:b] for a, b in zip(edges[::2], edges[1::2]))
    if "[" in rest:
        rest = _PLACEHOLDERS.sub(" ", rest)
    return _CLOCK.sub(" ", rest.lstrip(_BULLETS))


def _glued(span: _Span, text: str, before: str, after: str) -> bool:
    if _GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after):
        return True
    # "19-10-18mw": a numeric date with a two-digit year running into letters is an id.
    short_numeric = span.order != "ymd" and span.sep and _SHORT_YEAR.search(text, span.start, span.end)
    return bool(short_numeric and _LETTER_AFTER.match(after))


def _context(span: _Span, spans: list[_Span], text: str, rest: str, previous: str) -> tuple[str, str | None]:
    """Kind of the date, from what surrounds it in its line (`spans`: all dates of the line;
    `rest`: the line without them) and, for furniture that never carries this story's day,
    why it is rejected."""
    before, after = text[: span.start], text[span.end :]
    near_before, near_after = before[-80:], after[:80]  # long lines: look only near the date
    _, weekdays = _calendar_words()
    prose = _is_prose(rest.strip())
    kind = _label(before, prose)
    if kind is None and not before.strip(_BULLETS) and _LABEL.fullmatch(previous.strip(_BULLETS + ":：")):
        kind = _label(previous, False)  # a label on its own line just above the date
    if kind is None and _UPDATED_AFTER.match(_CLOCK.sub("", near_after)) and not _LABEL.search(near_before):
        kind = "published-label"  # "28.04.2020 (updated 29.04.2020)": the first is the original

    mark = _COPYRIGHT.search(text)
    if mark and (mark.start() < span.start or not kind):
        return "text", "copyright line"
    if _EMBED.search(near_before):
        return "text", "embedded social-media post"
    if _glued(span, text, near_before, after):
        return "text", "part of a file name or link"
    # A photo credit before the date, or in a caption; not in a metadata line of fields
    # ("Jane Doe / 07.11.2023 / Foto: Imago").
    photo = _PHOTO.search(text)
    if photo and (photo.start() < span.start or prose or not _SEPARATOR.search(text)):
        return "text", "photo credit or caption"
    if kind:
        return kind, None
    if span.order == "dmy" and not span.sep and _SHORT_YEAR.search(text, span.start, span.end):
        return "text", "two-digit year without a label"

    if not prose and (_BYLINE.search(near_before) or _BYLINE.search(after[:40])):
        return "byline", None
    if len({s.days for s in spans}) > 1:
        return "text", None  # several different days in one line: a table, a range, a history
    words = [w for w in _WORD.findall(rest) if w.lower() not in weekdays]
    if len(words) <= 2 and len(rest.strip(_BULLETS + ",.;:/()[]")) <= 30 and sum(map(str.isdigit, rest)) <= 3:
        return "standalone", None
    if _DATELINE_PREFIX.match(before) and _DATELINE_SUFFIX.match(after):
        return "dateline", None
    if prose and not before.strip(_BULLETS) and _LEAD_SUFFIX.match(after):
        return "dateline", None  # a paragraph opening with its date: "31. Oktober 2023. Text..."
    if not prose and not _YEAR.search(rest):
        # A short metadata line: the date first, or next to a name, or among separated fields;
        # a longer one if it starts with the date and runs on in fields ("07.11.2023 | Source: X | ...").
        leading = not [w for w in _WORD.findall(_CLOCK.sub(" ", before)) if w.lower() not in weekdays]
        if len(words) > 8 and not (leading and len(_SEPARATOR.findall(rest)) >= 2):
            return "text", None
        named = (_NAME.match(after) or _NAME_BEFORE.search(near_before)) and not after.strip().endswith(".")
        if leading or named or _SEPARATOR.search(rest) or re.search(r"[|·•]", rest):
            return "byline", None
    return "text", None


# --- page structure -------------------------------------------------------------------------


def _main_block(texts: list[str], kept: list[bool], prose: list[bool]) -> tuple[int, int] | None:
    """First and last paragraph of the densest run of prose (maximum-sum segment: prose adds
    its length, other non-blank paragraphs cost a little). Prose the cleaner removed (teasers,
    headline lists) counts little."""
    best, best_range = 0.0, None
    total, start = 0.0, 0
    for i, text in enumerate(texts):
        if not text:
            continue
        value = (len(text) if kept[i] else len(text) / 5) if prose[i] else -40.0
        if total <= 0 and value > 0:
            total, start = 0.0, i
        total += value
        if total > best:
            best, best_range = total, (start, i)
    return best_range


def _list_key(span: _Span, text: str) -> tuple[str, bool, str]:
    """How a dated line is built: the date's written form, whether words precede it, and
    whether words or only a time follow it. Comments ("Name  July 6, 2015 at 6:57 pm") share
    a key; a "Posted on 21. Juli 2019 by X" header does not share it with them."""
    before, after = text[: span.start], _CLOCK.sub(" ", text[span.end :])
    tail = "words" if _WORD.search(after) else ("number" if re.search(r"\d", after) else "")
    return span.shape, bool(_WORD.search(before)), tail


def _lists(
    spans: list[_Span], texts: list[str], alive: list[bool], block: tuple[int, int] | None
) -> set[int]:
    """Indexes of spans that belong to a list of dated items (other stories, comments): three
    or more lines built alike, close together, not separated by the article's main block."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(spans):
        if alive[i]:
            by_key[_list_key(s, texts[s.line])].append(i)
    in_list: set[int] = set()
    for members in by_key.values():
        runs: list[list[int]] = []
        for i in members:
            if runs:
                a, b = spans[runs[-1][-1]].line, spans[i].line
                apart = b - a > 20 or (block and (a < block[0] <= b or a <= block[1] < b))
                if not apart:
                    runs[-1].append(i)
                    continue
            runs.append([i])
        for run in runs:
            if len({texts[spans[j].line].strip() for j in run}) >= 3:
                in_list.update(run)
    return in_list


# --- choosing -------------------------------------------------------------------------------

_KIND_SCORE = {
    "published-label": 6.0,
    "updated-label": 3.0,
    "date-label": 4.5,
    "byline": 4.0,
    "dateline": 4.0,
    "standalone": 3.0,
    "text": 0.0,
}
_ACCEPT = 5.0  # a standalone date in the article's header, or any labelled date
_MARGIN = 1.2  # a different day scoring this close makes the page ambiguous
_ACCEPT_ALONE = 3.0  # a date-like line (not running text) when no other day is plausible
_RIVAL = 2.5  # below this a different day is furniture (below the article, in its prose)


_TIMESTAMP_BONUS = 0.3
# A clock time right next to the date ("13 Jan 2020, 22:11 GMT+10", "21.01.2022 - 13:30",
# "22:57 GMT 28.04.2020"): a timestamp of the story, where a site header's "today" is a bare day.
_TIME_NEAR_AFTER = re.compile(
    r"[\s,|/·•–—-]{0,4}(?:(?:at|um|à|kl\.?|klo|alle|a las|às|в|o)\s+)?\d{1,2}[:h]\d\d(?!\d)", re.IGNORECASE
)
_TIME_NEAR_BEFORE = re.compile(
    r"(?<!\d)\d{1,2}[:h]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?|uhr|(?-i:[A-Z]{2,4}))?[\s,|/·•–—-]{0,4}$", re.IGNORECASE
)


def _timestamp(text: str, span: _Span) -> bool:
    before = text[max(0, span.start - 30) : span.start]
    return bool(_TIME_NEAR_AFTER.match(text, span.end) or _TIME_NEAR_BEFORE.search(before))


def _position_score(line: int, block: tuple[int, int] | None, nonblank: list[int]) -> float:
    """The article's date sits just above its main block (headline, byline), closer is better,
    or in its first lines; far above it are site headers, below it related stories, footers."""
    if block is None:
        return 0.0
    k = nonblank[line] - nonblank[block[0]]
    if -12 <= k < 0:
        return 3.1 + 0.1 * k
    if 0 <= k <= 2:
        return 2.0
    if k < -12:
        return 1.0 if k >= -30 else 0.0
    return 0.5 if line <= block[1] else -1.0


def _order_votes(spans: list[_Span], contexts: list[tuple[str, str | None]]) -> tuple[dict, Counter]:
    """How the page itself writes dates: unambiguous numeric dates per separator, and dates
    with month names. Rejected spans (embedded posts, credits) may come from elsewhere."""
    numeric: dict[str, Counter] = defaultdict(Counter)
    named: Counter = Counter()
    for s, (_, rejected) in zip(spans, contexts):
        if rejected is None and s.order in ("dmy", "mdy"):
            (numeric[s.sep] if s.sep else named)[s.order] += 1
    return numeric, named


_ENGLISH = frozenset("the and of to in is for that with on was by".split())


def _looks_english(texts: list[str], block: tuple[int, int] | None) -> bool:
    """Month-first numeric dates are an American habit: only English pages may use them."""
    if block is None:
        return False
    words = " ".join(texts[block[0] : block[1] + 1]).lower().split()
    return sum(w in _ENGLISH for w in words) >= 0.08 * max(len(words), 1)


def _read_order(
    span: _Span, numeric: dict, named: Counter, english: bool, today: date
) -> tuple[date, str | None]:
    """The day of a numeric date whose two readings are both valid (03/04/2020), in the page's
    own order: its unambiguous numeric dates, dots meaning day first, a reading in the future
    losing, its dates with month names, then day first unless the page is English."""
    dmy, mdy = span.days
    votes = numeric[span.sep]
    if votes["dmy"] != votes["mdy"]:
        return (dmy if votes["dmy"] > votes["mdy"] else mdy), None
    if span.sep == ".":
        return dmy, None
    if (dmy > today) != (mdy > today):
        return (mdy if dmy > today else dmy), None
    if named["dmy"] != named["mdy"]:
        return (dmy if named["dmy"] > named["mdy"] else mdy), None
    if not english:
        return dmy, None
    return dmy, "day/month order ambiguous"


def _evidence(text: str, span: _Span, width: int = 100) -> str:
    """The line the date was read from, cut around the date when the line is long."""
    if len(text) <= 2 * width:
        return text.strip()
    lo, hi = max(0, span.start - width), span.end + width
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def _previous_line(texts: list[str], line: int) -> str:
    """The nearest non-blank line above, if short enough to be a label (dumps often put a
    blank line between a label and its date)."""
    for i in range(line - 1, max(line - 3, -1), -1):
        if len(texts[i]) > 80:
            return ""
        if texts[i].strip():
            return texts[i].strip()
    return ""


# --- paragraphs -------------------------------------------------------------------------------
# Renderers hard-wrap paragraphs (w3m, lynx, html2text) and print link markup (Markdown
# "[text](url)", "\\." escapes, lynx's "[12]" link numbers). Every judgement below is made on
# paragraphs as a reader sees them, so that no renderer's line breaks or markup decide a date.

_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
_NARROWEST, _LONGEST_LINE = 40, 160  # characters; no renderer wraps narrower or wider
_LONG_TOKEN = re.compile(r"\S{31}")
_FULL = 0.6  # a line shorter than this share of the edge ends its paragraph, whatever follows
_SLACK = 3  # renderers end wrapped lines a few columns short of their right edge
_EDGE_LINES = 4  # wrapped lines that must share a right edge for it to count
# A bullet, an image or form placeholder ("[logo.png]", not a link "[text](url)" or "[12]").
_NEVER_JOINED = re.compile(r"^(?:[^\w\s\"'“”‘’«»„‚(\[¿¡<]+\s|\[(?!\d+\])[^\]]*\](?!\())")
_LINK_NUMBER = re.compile(r"\[\d+\]")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\s*\)")
_MD_LINK_CUT = re.compile(r"\]\([^)\s]*$")  # a link target running past the paragraph
_BARE_URL = re.compile(r"\(?https?://\S+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])([_*])(?=[^\s_*])(.+?)(?<=[^\s_*])\1(?![\w*])")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


@lru_cache(maxsize=1)
def _zero_width() -> re.Pattern:
    """Characters that take no column: combining marks (Indic vowel signs, diacritics) and
    format characters (zero-width joiners)."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Me", "Cf"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges) + "]")


def _chars(text: str) -> int:
    """Columns of `text` where every character but the zero-width ones takes one."""
    return len(text) if text.isascii() else len(text) - len(_zero_width().findall(text))


def _cells(text: str) -> int:
    """Columns of `text` where East Asian wide characters take two (as w3m counts them)."""
    return len(text) if text.isascii() else _chars(text) + len(_WIDE.findall(text))


def _has_markup(text: str) -> bool:
    return "[" in text or "\\" in text or "://" in text or "*" in text or "_" in text or "#" in text


def _plain(text: str) -> str:
    """`text` as a reader sees it: "[text](url)" is its text, "![alt](src)" the placeholder
    "[alt]", "\\X" is X, "_text_" and "**text**" are text; lynx's "[12]" link numbers, bare URLs
    and heading marks go."""
    if "[" in text:
        text = _LINK_NUMBER.sub("", text)
        if "](" in text:
            if "![" in text:
                text = _MD_IMAGE.sub(_image_placeholder, text)
            text = _MD_LINK.sub(r"\1", text)
            if "](" in text:
                text = _MD_LINK_CUT.sub("]", _MD_LINK.sub(r"\1", text))  # a link around an image
    if "://" in text:
        text = _BARE_URL.sub("", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_STRONG.sub("", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(r"\2", text)
    text = text.strip()
    if text[:1] == "#":
        text = _MD_HEADING.sub("", text)
    return text


def _image_placeholder(m: re.Match) -> str:
    return f"[{m[1]}]" if m[1] else ""


def _edge(units, raw: list[str]) -> tuple[int, object]:
    """The right edge the page's wrapped paragraphs share (the longest length that several of
    their non-final lines nearly reach) and how lines are measured (characters, or terminal
    cells where a wide character takes two: renderers differ); 0 when nothing is wrapped."""
    inner = [raw[i].rstrip() for u in units for i in range(u.first, u.last)]
    # A URL or file name overflows any width: such lines say nothing of the edge.
    inner = [t for t in inner if len(t) <= _LONGEST_LINE and not _LONG_TOKEN.search(t)]
    best = (0, 0, _chars)
    for measure in (_chars, _cells) if any(not t.isascii() for t in inner) else (_chars,):
        lengths = sorted(-measure(t) for t in inner)  # longest first
        for i, n in enumerate(lengths):
            near = bisect.bisect_right(lengths, n + 8) - i
            n = -n
            if near >= _EDGE_LINES:
                if near > best[1] and n >= _NARROWEST:
                    best = (n, near, measure)
                break
    return best[0], best[2]


def _broken_url(text: str) -> bool:
    """Whether `text` ends in a link target the renderer broke at the wrap."""
    if text[-1:] not in "-/_.=?&%":
        return False
    tail = text[text.rfind(" ") + 1 :]
    return ("](" in tail or "://" in tail) and ")" not in tail[tail.find("](") + 2 :]


def _join(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        line = line.strip()
        if (_broken_url(text) and line[:1] != '"') or (_WIDE.match(text[-1:]) and _WIDE.match(line[:1])):
            text += line  # a URL or wide-script text broken anywhere: no space was there
        else:
            text += " " + line
    return text


def _continues(before: str, line: str, width: int, measure) -> bool:
    """Whether `line` goes on the paragraph of the line `before` it: that line nearly reached
    the edge, so that this line's first word would not have fitted after it."""
    used = measure(before.rstrip())
    if used < _FULL * width:
        return False
    text = line.lstrip()
    space = text.find(" ")
    first = text if space < 0 else text[:space]
    if _WIDE.match(first):
        first = first[0]  # wide-script text breaks between any two characters
    if used + 1 + measure(first) <= width - _SLACK:
        return False
    return not (_NEVER_JOINED.match(text) or _NEVER_JOINED.match(before.lstrip()))


def _paragraphs(lines: tuple[LineMark, ...]) -> tuple[list[str], list[bool], list[int]]:
    """The page as paragraphs: their text as a reader sees it (`_plain`), whether the cleaner
    kept any of their lines, and the number of their first line. Starts from the cleaner's
    paragraphs (`textclean.line_units`), then checks each line break against the right edge
    that the page's wrapped lines share: consecutive lines where the first nearly reaches the
    edge (the next word would not have fitted) are one paragraph, and a line far short of it
    ends one. Blank lines between paragraphs stay as one blank paragraph."""
    raw = [m.text for m in lines]
    units = line_units(lines)
    width, measure = _edge(units, raw)
    if not width:  # no shared edge: the page is not hard-wrapped, every line is a paragraph
        texts = [_plain(t) if _has_markup(t) else t.strip() for t in raw]
        return texts, [m.kept for m in lines], [m.number for m in lines]
    groups: list[tuple[int, int]] = []
    shortest = _FULL * width / (2 if measure is _cells else 1)  # no shorter line can be full
    for unit in units:
        for i in range(unit.first, unit.last + 1):
            if (
                groups
                and groups[-1][1] == i - 1
                and len(raw[i - 1]) >= shortest
                and _continues(raw[i - 1], raw[i], width, measure)
            ):
                groups[-1] = (groups[-1][0], i)
            else:
                groups.append((i, i))
    texts: list[str] = []
    kept: list[bool] = []
    numbers: list[int] = []
    last = -1
    for first, final in groups:
        if first > last + 1:
            texts.append("")
            kept.append(False)
            numbers.append(lines[last + 1].number)
        if first == final:
            text = raw[first].strip()
            kept.append(lines[first].kept)
        else:
            text = _join(raw[first : final + 1])
            kept.append(any(lines[i].kept for i in range(first, final + 1)))
        texts.append(_plain(text) if _has_markup(text) else text)
        numbers.append(lines[first].number)
        last = final
    return texts, kept, numbers


def date_from_lines(lines: tuple[LineMark, ...], today: date | None = None) -> DateFinding:
    """The publication day of a text dump, from its marked lines (`textclean.clean_text`)."""
    today = today or date.today()
    texts, kept, _numbers = _paragraphs(lines)  # evidence quotes the paragraph's text
    spans = _find_spans(texts, today)
    if not spans:
        return DateFinding(None, None, None, note="no date on the page")
    prose = [len(t) >= 40 and _is_prose(t) for t in texts]
    block = _main_block(texts, kept, prose)
    nonblank, count = [], 0
    for t in texts:
        nonblank.append(count)
        count += bool(t.strip())
    by_line: dict[int, list[_Span]] = defaultdict(list)
    for s in spans:
        by_line[s.line].append(s)
    rests = {line: _rest_of_line(texts[line], line_spans) for line, line_spans in by_line.items()}
    contexts = [
        _context(s, by_line[s.line], texts[s.line], rests[s.line], _previous_line(texts, s.line))
        for s in spans
    ]
    in_list = _lists(spans, texts, [rejected is None for _, rejected in contexts], block)
    numeric, named = _order_votes(spans, contexts)
    english = any(s.order == "?" for s in spans) and _looks_english(texts, block)

    def above_prose(line: int) -> bool:  # the article's header, not comments below its text
        return block is not None and nonblank[line] - nonblank[block[0]] <= 2

    candidates: list[DateCandidate] = []
    for i, (span, (kind, rejected)) in enumerate(zip(spans, contexts)):
        day, ambiguous = span.days[0], None
        if len(span.days) == 2:
            day, ambiguous = _read_order(span, numeric, named, english, today)
        if day < EARLIEST:
            rejected = "before 1990"
        elif rejected is None and i in in_list:
            rejected = "inside a list of dated items (other stories, comments)"
        elif rejected is None and ambiguous:
            rejected = ambiguous
        score = _KIND_SCORE[kind] + _position_score(span.line, block, nonblank)
        if kind != "text" and above_prose(span.line) and _timestamp(texts[span.line], span):
            score += _TIMESTAMP_BONUS
        evidence = _evidence(texts[span.line], span)
        candidates.append(DateCandidate(day, evidence, kind, round(score, 2), rejected))
    return _choose(candidates, today)


def _best_per_day(candidates: list[DateCandidate]) -> list[DateCandidate]:
    best: dict[date, DateCandidate] = {}
    for c in candidates:
        if c.day not in best or c.score > best[c.day].score:
            best[c.day] = c
    return sorted(best.values(), key=lambda c: c.score, reverse=True)


def _verdict(alive: list[DateCandidate], pool: list[DateCandidate]) -> tuple[DateCandidate | None, str, bool]:
    """The best day of `pool` if it wins clearly over every day of `alive`; else None, why,
    and whether another day contested it (rather than the evidence being weak)."""
    ranked = _best_per_day(pool)
    if not ranked:
        return None, "no candidate", False
    winner = ranked[0]
    # An "Updated" day after the winner is expected, not a rival.
    others = [
        c for c in _best_per_day(alive)
        if c.day != winner.day and not (c.kind == "updated-label" and c.day > winner.day)
    ]
    rivals = [c for c in others if c.score >= _RIVAL and c.kind != "text"]
    alone = winner.kind != "text" and winner.score >= _ACCEPT_ALONE and not rivals
    if winner.score < _ACCEPT and not alone:
        return None, f"weak evidence: best is {winner.kind} {winner.day} scoring {winner.score}", False
    close = [c for c in others if c.score > winner.score - _MARGIN]
    if winner.kind == "published-label":
        # A labelled day yields only to another labelled day, not to a bare date nearby.
        close = [
            c for c in alive
            if c.kind == winner.kind and c.day != winner.day and c.score > winner.score - _MARGIN
        ]
    if close:
        return None, f"competing days: {winner.day} ({winner.kind}) vs {close[0].day} ({close[0].kind})", True
    return winner, f"{winner.kind} scoring {winner.score}", False


def _choose(candidates: list[DateCandidate], today: date) -> DateFinding:
    """The winning day. A future day competes like any other: when it wins, the page's best
    evidence is impossible, and the finding says so instead of quietly falling back to a
    weaker day or none; validation then quarantines the row for a person to look at."""
    finding = _choose_among(candidates)
    if finding.published and finding.published > today:
        return replace(finding, note=f"impossible: the page's publication day {finding.published} is in the future")
    return finding


def _choose_among(candidates: list[DateCandidate]) -> DateFinding:
    alive = [c for c in candidates if c.rejected is None]
    if not alive:
        return DateFinding(None, None, None, tuple(candidates), note="every date on the page was rejected")
    # An "Updated" date is later than the publication day by nature: it wins only when nothing
    # else qualifies (and nothing else contests it).
    winner, note, contested = _verdict(alive, [c for c in alive if c.kind != "updated-label"])
    if winner is None and not contested and any(c.kind == "updated-label" for c in alive):
        winner, note, _ = _verdict(alive, alive)
    if winner is None:
        return DateFinding(None, None, None, tuple(candidates), note=note)
    return DateFinding(winner.day, winner.evidence, winner.kind, tuple(candidates), note=note)


# --- HTML --------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer aside nav"
    " main figure figcaption blockquote pre dt dd dl form address hr".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "select", "button", "head")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_META_PUBLISHED = frozenset(
    "article:published_time og:article:published_time og:published_time published_time pubdate"
    " publishdate publish-date publish_date date dc.date dc.date.issued dcterms.created dcterms.issued"
    " sailthru.date parsely-pub-date datepublished datecreated article.published date_published"
    " pub_date publication_date".split()
)
_META_MODIFIED = frozenset(
    "article:modified_time og:updated_time og:article:modified_time datemodified last-modified"
    " dcterms.modified modified_time updated_time".split()
)
_JSON_LD_KEYS = {"datePublished": True, "dateCreated": True, "uploadDate": True, "dateModified": False}
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _parse_html(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html))
    except (ValueError, TypeError, lxml.etree.ParserError):
        return None


def _visible_lines(tree: lxml.html.HtmlElement) -> tuple[LineMark, ...]:
    """The page as a text dump would show it: one line per block element. Strips scripts from
    `tree`, so structured data must be read first."""
    etree.strip_elements(tree, etree.Comment, *_INVISIBLE_TAGS, with_tail=False)
    lines: list[str] = []
    pending: list[str] = []

    def flush():
        text = " ".join("".join(pending).split())
        if text:
            lines.append(text)
        pending.clear()

    for event, element in etree.iterwalk(tree, events=("start", "end")):
        block = element.tag in _BLOCK_TAGS
        if event == "start":
            if block:
                flush()
            pending.append(element.text or "")
        else:
            if block:
                flush()
            pending.append(element.tail or "")
    flush()
    return tuple(LineMark(number, text, True) for number, text in enumerate(lines, 1))


def _structured_dates(tree: lxml.html.HtmlElement) -> list[tuple[str, str, bool]]:
    """(evidence, ISO day, is a publication date) from JSON-LD and meta tags."""
    found: list[tuple[str, str, bool]] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in _JSON_LD_KEYS and isinstance(value, str):
                    found.append((f"JSON-LD {key}: {value}", value, _JSON_LD_KEYS[key]))
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content()))
        except ValueError:
            continue
    for meta in tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_PUBLISHED or key in _META_MODIFIED:
            value = meta.get("content")
            found.append((f'<meta {key}="{value}">', value, key in _META_PUBLISHED))
    # Microdata on other elements: <time itemprop="datePublished" datetime="...">, or the
    # element's own short text when it has no such attribute.
    # (An embedded video's uploadDate is not the page's.)
    for element in tree.xpath("//*[@itemprop][not(self::meta)]"):
        key = element.get("itemprop")
        if key in _JSON_LD_KEYS and key != "uploadDate":
            value = element.get("datetime") or element.get("content") or element.text_content().strip()
            if value and len(value) <= 60:
                found.append((f'<{element.tag} itemprop="{key}">{value}', value, _JSON_LD_KEYS[key]))
    return found


def _structured_day(value: str, today: date) -> date | None:
    """The day of a structured date: ISO first ("2020-09-15T10:01:41Z"), else any single
    unambiguous written date ("Tue, Sep 15 2020 10:01:41 EDT", "06/13/2019")."""
    m = _ISO_DAY.search(value)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    spans = _find_spans([value[:100]], today)
    if len(spans) == 1 and len(spans[0].days) == 1:
        return spans[0].days[0]
    return None


def _meta_candidates(tree: lxml.html.HtmlElement, today: date) -> list[DateCandidate]:
    candidates = []
    for evidence, value, published in _structured_dates(tree):
        day = _structured_day(value, today)
        if not day:
            continue
        rejected = None
        if not published:
            rejected = "modification date, not publication"
        elif day > today:
            rejected = "in the future"
        elif day < EARLIEST:
            rejected = "before 1990"
        candidates.append(DateCandidate(day, evidence[:200], "meta", 0.0, rejected))
    return candidates


_STRONG_TEXT = 5.0  # a visible date this well placed outweighs the page's markup
_PLACED_KINDS = ("published-label", "byline", "dateline", "standalone")


def date_from_html(html: str, today: date | None = None) -> DateFinding:
    """htmldate reads the markup (metadata, <time>, known classes); our text reading of the
    rendered page is an independent witness. Agreement wins; on disagreement a strongly
    placed visible date beats the markup, a weak one defers to it, unless the page's
    structured data declares the markup day and the page shows it too (two witnesses);
    htmldate's free-text guess alone needs a visible sighting of its day."""
    today = today or date.today()
    tree = _parse_html(html)
    if tree is None:
        return DateFinding(None, None, None, note="unparseable HTML")
    meta = _meta_candidates(tree, today)
    seen = date_from_lines(_visible_lines(tree), today)
    # Publication days the page's structured data declares (JSON-LD, meta tags, microdata),
    # and the days it gives as modification days.
    declared = Counter(c.day for c in meta if not c.rejected)
    modified = {c.day for c in meta if c.rejected == "modification date, not publication"}
    bounds = {
        "min_date": datetime(EARLIEST.year, EARLIEST.month, EARLIEST.day),
        "max_date": datetime(today.year, today.month, today.day),
    }
    markup = find_date(html, extensive_search=False, original_date=True, **bounds)
    day = date.fromisoformat(markup) if markup else None
    source = "markup"
    if declared and (day is None or (day in modified and day not in declared)):
        # htmldate missed a date written in another format ("Tue, Sep 15 2020 10:01:41 EDT"),
        # or took the declared modification day for the publication day: the day declared
        # most often (the first on a tie) stands in.
        day, source = declared.most_common(1)[0][0], "structured data"
    guess = None
    if day is None:
        guess = find_date(html, extensive_search=True, original_date=True, **bounds)
        day, source = (date.fromisoformat(guess) if guess else None), "free text"
    origin = "structured data" if source == "structured data" else f"htmldate ({source})"
    htmldate_evidence = f"{origin}: {day}"
    # The finding cites the tag itself when the page's structured data carries the day.
    meta_evidence = next((c.evidence for c in meta if c.day == day and not c.rejected), htmldate_evidence)
    candidates = tuple(meta) + seen.candidates
    if day and source != "structured data":
        candidates += (DateCandidate(day, htmldate_evidence, "meta", 0.0),)

    def finding(published, evidence, kind, note):
        return DateFinding(published, evidence, kind, candidates, note)

    # The markup day where the page shows it: its best placed visible sighting.
    sightings = [c for c in seen.candidates if c.day == day and not c.rejected]
    placed = max(
        (c for c in sightings if c.kind not in ("text", "updated-label") and c.score >= _ACCEPT_ALONE),
        key=lambda c: c.score,
        default=None,
    )
    text_day = seen.published
    if day and text_day == day:
        return finding(day, seen.evidence, seen.kind, f"visible {seen.kind} agrees with {origin}")
    if day and text_day:
        text_score = max(c.score for c in seen.candidates if c.day == text_day and not c.rejected)
        if seen.kind == "updated-label":
            return finding(None, None, None, f"visible update date {text_day} vs {origin} {day}")
        if day in declared and placed and seen.kind != "published-label":
            # A forum thread's later posts, a sidebar date: the declared day, shown on the
            # page too, outweighs a single visible reading.
            note = f"{day} declared in structured data and seen as {placed.kind}; beats visible {text_day}"
            return finding(day, placed.evidence, placed.kind, note)
        if text_score >= _STRONG_TEXT and seen.kind in _PLACED_KINDS:
            return finding(text_day, seen.evidence, seen.kind, f"visible {seen.kind} beats {origin} {day}")
        return finding(day, meta_evidence, "meta", f"{origin} beats weak visible {text_day}")
    if day:
        if source != "free text":
            if sightings and day not in declared and all(c.kind == "updated-label" for c in sightings):
                # "This page was last modified on ...": htmldate read an update date.
                return finding(None, None, None, f"htmldate's {day} is shown only as an update date")
            return finding(day, meta_evidence, "meta", f"{origin}; no visible date chosen")
        sighting = next(iter(sightings), None)
        if sighting:
            return finding(day, sighting.evidence, "text", "htmldate free-text guess, seen on the page")
        return finding(None, None, None, f"htmldate free-text guess {day} not seen on the page")
    if text_day:
        return finding(text_day, seen.evidence, seen.kind, f"{seen.note}; htmldate found nothing")
    return finding(None, None, None, seen.note or "no date found")
