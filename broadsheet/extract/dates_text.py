"""Publication day of a text page: candidates with their evidence and kind; one winner or none.

The page is read in its paragraphs (page.py), as a reader sees them: hard-wrapped lines joined,
link markup read as its text. Position is counted in paragraphs. Each date span (dates_spans.py)
is judged by its context: a "Published"/"Updated" label, a byline, a dateline, a line holding
only the date, or plain text; where it sits relative to the article's main prose block; and
whether it belongs to furniture that never carries this story's day (copyright lines, photo
credits, embedded posts, lists of other headlines). The best-supported day wins; when evidence
is weak or two days compete, we abstain. A wrong date is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from itertools import islice

from broadsheet.extract import cues
from broadsheet.extract.dates_spans import Span, calendar_words, find_spans, out_of_range
from broadsheet.extract.page import Page, running_text
from broadsheet.records import DateCandidate, DateFinding

_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
LISTED = "inside a list of dated items (other stories, comments)"

_DATELINE_PREFIX = re.compile(r"^\W*[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{2,40}(?:,\s*[\w .'’-]{2,30})?[,(]?\s*$")
_DATELINE_SUFFIX = re.compile(r"^\W{0,3}(?:\(\w+\)\s*)?[-–—]")
_LEAD_SUFFIX = re.compile(r"^\s?(?:\(\w+\)\s*)?[.:–—-]\s+[^\W\d_]")
# Times and time zones next to a date ("at 9:11 a.m. EST", "15:33 Uhr", "10時00分").
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


def _label(text: str, end: int, prose: bool) -> str | None:
    """The label closest before the date (at `end` in `text`), if it introduces the date: at
    most a few words between them ("Posted by Jane Doe on"), no sentence break, and in a line
    of running text only near its start."""
    last = None
    offset = max(0, end - 80)  # a label sits just before its date
    for m in cues.DATE_LABEL.finditer(text, offset, end):
        last = m
    if last is None or (prose and last.start() > 40):
        return None
    between = text[last.end() : end]
    if len(between.split()) > 6 or re.search(r"[.!?]\s+\w", between):
        return None
    if last.group("pub") or last.group("pubcjk"):
        return "published-label"
    return "updated-label" if last.group("upd") or last.group("updcjk") else "date-label"


_PLACEHOLDERS = re.compile(r"\[[^\]]*\]")  # images and form fields: "[logo.svg]", "[ ]"


def _rest_of_line(text: str, spans: list[Span]) -> str:
    """What a line holds besides its dates, times, leading bullets and placeholders."""
    edges = [0] + [p for s in spans for p in (s.start, s.end)] + [len(text)]
    rest = " ".join(text[a:b] for a, b in zip(edges[::2], edges[1::2]))
    if "[" in rest:
        rest = _PLACEHOLDERS.sub(" ", rest)
    return cues.CLOCK.sub(" ", rest.lstrip(_BULLETS))


def _glued(span: Span, text: str, before: str, after: str) -> bool:
    if _GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after):
        return True
    # "19-10-18mw": a numeric date with a two-digit year running into letters is an id.
    short_numeric = span.order != "ymd" and span.sep and _SHORT_YEAR.search(text, span.start, span.end)
    return bool(short_numeric and _LETTER_AFTER.match(after))


_NEAR = 80  # characters on either side of a date that its context is read from
_DATELINE_REACH = 160  # a dateline prefix starts this close to the line's first word


@dataclass(frozen=True, eq=False)
class _Line:
    """What `_context` and `_list_key` read from a dated line as a whole, computed once per
    line so that a page-long line costs its length once, not once per date in it."""

    text: str
    prose: bool  # the line without its dates is running text (`_is_prose`)
    lead: int  # index of its first character that is not a bullet
    first_word: int  # start of its first word (`_WORD`), -1 if none
    copyright: int  # start of its first copyright mark, -1 if none
    photo: int  # start of its first photo cue, -1 if none
    separated: bool  # fields between separators ("Name / date / Foto: X")
    several_days: bool  # dates of different days
    standalone: bool  # the dates are (nearly) all the line holds
    rest_words: int  # words besides the dates, weekday names not counted, up to 9
    rest_year: bool  # a year-like number besides the dates
    rest_separated: bool
    rest_separators: int  # up to 2
    period_end: int  # index of its last non-blank character when that is a period, else -1

    @cached_property
    def leading_word(self) -> int:
        """Start of its first word that is neither a weekday name nor part of a time; -1."""
        _, weekdays = calendar_words()
        for _, timeless in _growing_windows(self.text, from_end=False):
            word = next((m for m in _WORD.finditer(timeless) if m[0].lower() not in weekdays), None)
            if word:
                return word.start()
        return -1

    @cached_property
    def tail(self) -> tuple[int, int, int]:
        """(start, end) of its last word and the index of its last digit after that word's
        start, times aside; -1 where there is none."""
        for cut, timeless in _growing_windows(self.text, from_end=True):
            last = None
            for last in _WORD.finditer(timeless):
                pass
            if last or cut == 0:
                break
        digit = max(timeless.rfind(d) for d in "0123456789")
        start, end = (cut + last.start(), cut + last.end()) if last else (-1, -1)
        return start, end, (cut + digit if digit >= 0 else -1)


def _growing_windows(text: str, from_end: bool):
    """(offset, window with its times blanked) over ever larger windows at one end of `text`,
    cut between tokens, the last one the whole line: most lines are settled by a few words at
    one end, and a long line costs its length a bounded number of times."""
    size = 256
    while True:
        if size >= len(text):
            yield 0, _blank_times(text)
            return
        if from_end:
            cut = text.rfind(" ", 0, len(text) - size) + 1
            yield cut, _blank_times(text[cut:])
        else:
            cut = text.find(" ", size)
            cut = len(text) if cut < 0 else cut
            yield 0, _blank_times(text[:cut])
        size *= 4


def _blank_times(text: str) -> str:
    """`text` with its times and time zones blanked to spaces, positions kept."""
    return cues.CLOCK.sub(lambda m: " " * len(m[0]), text)


def _line_facts(text: str, spans: list[Span]) -> _Line:
    _, weekdays = calendar_words()
    rest = _rest_of_line(text, spans)
    words = islice((m for m in _WORD.finditer(rest) if m[0].lower() not in weekdays), 9)
    rest_words = sum(1 for _ in words)
    stripped = text.rstrip()
    first_word, copyright, photo = _WORD.search(text), cues.COPYRIGHT_NEAR_DATE.search(text), cues.PHOTO_NEAR_DATE.search(text)
    return _Line(
        text=text,
        prose=running_text(rest.strip()),
        lead=len(text) - len(text.lstrip(_BULLETS)),
        first_word=first_word.start() if first_word else -1,
        copyright=copyright.start() if copyright else -1,
        photo=photo.start() if photo else -1,
        separated=bool(_SEPARATOR.search(text)),
        several_days=len({s.days for s in spans}) > 1,
        standalone=rest_words <= 2
        and len(rest.strip(_BULLETS + ",.;:/()[]")) <= 30
        and sum(map(str.isdigit, rest)) <= 3,
        rest_words=rest_words,
        rest_year=bool(_YEAR.search(rest)),
        rest_separated=bool(_SEPARATOR.search(rest) or re.search(r"[|·•]", rest)),
        rest_separators=sum(1 for _ in islice(_SEPARATOR.finditer(rest), 2)),
        period_end=len(stripped) - 1 if stripped.endswith(".") else -1,
    )


def _context(span: Span, line: _Line, text: str, previous: str) -> tuple[str, str | None]:
    """Kind of the date, from what surrounds it in its line (`line`: what the line holds
    besides its dates) and, for furniture that never carries this story's day, why it is
    rejected."""
    start, end = span.start, span.end
    near_before, near_after = text[max(0, start - _NEAR) : start], text[end : end + _NEAR]
    prose = line.prose
    bare = start <= line.lead  # nothing but bullets before the date
    kind = _label(text, start, prose)
    if kind is None and bare and cues.DATE_LABEL.fullmatch(previous.strip(_BULLETS + ":：")):
        kind = _label(previous, len(previous), False)  # a label on its own line just above the date
    if kind is None and cues.UPDATED_AFTER.match(cues.CLOCK.sub("", near_after)) and not cues.DATE_LABEL.search(near_before):
        kind = "published-label"  # "28.04.2020 (updated 29.04.2020)": the first is the original

    if line.copyright >= 0 and (line.copyright < start or not kind):
        return "text", "copyright line"
    if cues.EMBED.search(near_before):
        return "text", "embedded social-media post"
    if _glued(span, text, near_before, near_after):
        return "text", "part of a file name or link"
    # A photo credit before the date, or in a caption; not in a metadata line of fields
    # ("Jane Doe / 07.11.2023 / Foto: Imago").
    if line.photo >= 0 and (line.photo < start or prose or not line.separated):
        return "text", "photo credit or caption"
    if kind:
        return kind, None
    if span.order == "dmy" and not span.sep and _SHORT_YEAR.search(text, start, end):
        return "text", "two-digit year without a label"

    if not prose and (cues.BYLINE_NEAR_DATE.search(near_before) or cues.BYLINE_NEAR_DATE.search(near_after[:40])):
        return "byline", None
    if line.several_days:
        return "text", None  # several different days in one line: a table, a range, a history
    if line.standalone:
        return "standalone", None
    if (
        0 <= line.first_word
        and start - line.first_word <= _DATELINE_REACH
        and _DATELINE_PREFIX.match(text, 0, start)
        and _DATELINE_SUFFIX.match(near_after)
    ):
        return "dateline", None
    if prose and bare and _LEAD_SUFFIX.match(near_after):
        return "dateline", None  # a paragraph opening with its date: "31. Oktober 2023. Text..."
    if not prose and not line.rest_year:
        # A short metadata line: the date first, or next to a name, or among separated fields;
        # a longer one if it starts with the date and runs on in fields ("07.11.2023 | Source: X | ...").
        leading = line.leading_word < 0 or line.leading_word + 2 > start
        if line.rest_words > 8 and not (leading and line.rest_separators >= 2):
            return "text", None
        named = (_NAME.match(near_after) or _NAME_BEFORE.search(near_before)) and line.period_end < end
        if leading or named or line.rest_separated:
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


def _list_key(span: Span, line: _Line) -> tuple[str, bool, str]:
    """How a dated line is built: the date's written form, whether words precede it, and
    whether words or only a time follow it. Comments ("Name  July 6, 2015 at 6:57 pm") share
    a key; a "Posted on 21. Juli 2019 by X" header does not share it with them."""
    words_before = 0 <= line.first_word and line.first_word + 2 <= span.start
    last_start, last_end, last_digit = line.tail
    words_after = last_end - max(last_start, span.end) >= 2
    tail = "words" if words_after else ("number" if last_digit >= span.end else "")
    return span.shape, words_before, tail


def _lists(
    spans: list[Span],
    texts: list[str],
    facts: dict[int, _Line],
    alive: list[bool],
    block: tuple[int, int] | None,
) -> set[int]:
    """Indexes of spans that belong to a list of dated items (other stories, comments): three
    or more lines built alike, close together, not separated by the article's main block."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(spans):
        if alive[i]:
            by_key[_list_key(s, facts[s.line])].append(i)
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
            if len({texts[line].strip() for line in {spans[j].line for j in run}}) >= 3:
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
ACCEPT_ALONE = 3.0  # a date-like line (not running text) when no other day is plausible
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


def _timestamp(text: str, span: Span) -> bool:
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


def _order_votes(spans: list[Span], contexts: list[tuple[str, str | None]]) -> tuple[dict, Counter]:
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
    span: Span, numeric: dict, named: Counter, english: bool, today: date
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


def _evidence(text: str, span: Span, width: int = 100) -> str:
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



def _paragraphs(page: Page) -> tuple[list[str], list[bool]]:
    """The page's paragraphs, with one blank entry where blank lines part two of them (a label
    may stand on its own line, a blank line above its date), and whether each is kept."""
    texts: list[str] = []
    kept: list[bool] = []
    last = -1
    for unit in page.units:
        if unit.first > last + 1:
            texts.append("")
            kept.append(False)
        texts.append(unit.text)
        kept.append(unit.kept)
        last = unit.last
    return texts, kept


def date_from_page(page: Page, today: date | None = None) -> DateFinding:
    """The publication day of a page whose units are decided (clean.py)."""
    texts, kept = _paragraphs(page)  # evidence quotes the paragraph's text
    return date_from_paragraphs(texts, kept, today)


def date_from_paragraphs(texts: list[str], kept: list[bool], today: date | None = None) -> DateFinding:
    """The publication day from a page's paragraphs as a reader sees them ("" where blank lines
    part two) and whether each is the article's: a text page's (`date_from_page`), or an HTML
    page's visible blocks, all kept (dates_html.py)."""
    today = today or date.today()
    spans = find_spans(texts, today)
    if not spans:
        return DateFinding(None, None, None, note="no date on the page")
    prose = [len(t) >= 40 and running_text(t) for t in texts]
    block = _main_block(texts, kept, prose)
    nonblank, count = [], 0
    for t in texts:
        nonblank.append(count)
        count += bool(t.strip())
    by_line: dict[int, list[Span]] = defaultdict(list)
    for s in spans:
        by_line[s.line].append(s)
    facts = {line: _line_facts(texts[line], line_spans) for line, line_spans in by_line.items()}
    contexts = [_context(s, facts[s.line], texts[s.line], _previous_line(texts, s.line)) for s in spans]
    in_list = _lists(spans, texts, facts, [rejected is None for _, rejected in contexts], block)
    numeric, named = _order_votes(spans, contexts)
    english = any(s.order == "?" for s in spans) and _looks_english(texts, block)

    def above_prose(line: int) -> bool:  # the article's header, not comments below its text
        return block is not None and nonblank[line] - nonblank[block[0]] <= 2

    candidates: list[DateCandidate] = []
    for i, (span, (kind, rejected)) in enumerate(zip(spans, contexts)):
        day, ambiguous = span.days[0], None
        if len(span.days) == 2:
            day, ambiguous = _read_order(span, numeric, named, english, today)
        beyond = out_of_range(day)
        if beyond:
            rejected = beyond
        elif rejected is None and i in in_list:
            rejected = LISTED
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
    alone = winner.kind != "text" and winner.score >= ACCEPT_ALONE and not rivals
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
