"""The headline: for HTML the page's declared title without its site affix, for text dumps the
headline-shaped line just above the article.

Evidence, never a site's phrases: agreement between the page's title and its h1; a "| Site" or
"Site - " part that repeats the site name; length, casing and the lack of sentence punctuation;
closeness to the article's first paragraph and to its byline or date; repetition of the line as
the window title. Skip links, breadcrumbs, bylines, captions and share rows are furniture.
"""

from __future__ import annotations

import html as html_lib
import json
import re

from broadsheet.extract import cues
from broadsheet.extract.page import Page, Unit, squash

_WORD = re.compile(r"\w+")
# Ends that a headline cannot have (a question or exclamation mark it can).
_NOT_HEADLINE_END = re.compile(r"[.…,;:。][\"'”’»)\]]*$")
# Image/link markers, handles, table rows, numbered list items.
_MARKUP = re.compile(r"^[\[<{]|@|\|.*\||^\d{1,2}[.)]\s")


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



def _is_meta(unit: Unit) -> bool:
    """A byline or a date line: what sits right under (or over) a headline."""
    return unit.size <= 15 and bool(cues.BYLINE_START.match(unit.content) or cues.DATE_OR_TIME.search(unit.content))


def _standfirst(unit: Unit, size: float) -> bool:
    """The line under a headline that sums the story up: longer than the headline."""
    return not unit.linked and size < unit.size <= 60 and not cues.CREDIT.search(unit.content)


def _is_credit(unit: Unit) -> bool:
    return unit.size <= 12 and bool(cues.CREDIT.search(unit.content))


def _names(text: str) -> bool:
    """A byline without "By": "Jane Doe, AP Writer", "Kevin Johnson and Kevin McCoy"."""
    words = text.replace(",", " , ").split()
    if len(words) > 9 or not ("," in words or "and" in words or "&" in words):
        return False
    return all(w[0].isupper() for w in words if w not in {",", "and", "&"})


def _breadcrumb(text: str) -> bool:
    """"SN.AT / Politik / Innenpolitik", "Home » Welt » Europa": a path of short section names."""
    parts = _PATH_SEPARATOR.split(text)
    return len(parts) >= 3 and all(len(part.split()) <= 3 for part in parts)


_PATH_SEPARATOR = re.compile(r"\s+(?:/|»|›|>|\\|\|)\s+")


def _title_score(
    index: int, page: Page, keys: list[str], substantial_after: dict[int, int], first: bool = False
) -> float | None:
    """How much the unit at `index` looks like the headline; None when it cannot be one."""
    unit = page.units[index]
    text, size = unit.content, unit.size
    if unit.linked or (unit.bullet and index > 0):
        return None  # a menu or list item, a linked headline of another story
    if not 3 <= size <= 30 or _NOT_HEADLINE_END.search(text):
        return None
    if cues.CREDIT.search(text) or cues.BYLINE_START.match(text) or cues.SKIP_LINK.search(text):
        return None
    if cues.SHARE_PROMPT.match(text) or _MARKUP.search(text) or _breadcrumb(text):
        return None
    if len(cues.SOCIAL.findall(text)) >= 2:
        return None  # a row of share buttons
    digits = sum(w.isdigit() for w in _WORD.findall(text))
    if (size <= 12 and cues.DATE_OR_TIME.search(text)) or digits >= 0.3 * size:
        return None  # a date or time stamp, a score line, a table row
    score = _casing_score(text)
    if index == 0:
        score += 1.0  # a dump may open with the page's <title>
    elif _echoes_page_title(text, page.units[0].content):
        score += 4.0
    # Share prompts and alt texts above the article repeat its headline; related headlines
    # repeated in far-off link lists do not count.
    start = page.body_start if page.body_start is not None else len(page.units)
    key = keys[index]
    if len(key) >= 15 and any(key in keys[i] for i in range(max(1, index - 12), min(index + 12, start)) if i != index):
        score += 1.5
    # A photo's alt text and its caption: the same words, one with the credit appended.
    if len(key) >= 15 and any(
        keys[i].startswith(key) and len(keys[i]) > len(key) for i in range(max(0, index - 3), min(index + 4, len(keys)))
    ):
        score -= 3.0
    if first:
        score += 1.5  # the first line of its shape after the navigation
    # Between headline and article: a standfirst, a byline, a date, share buttons.
    gap = substantial_after[index]
    score += 2.0 if gap <= 2 else 1.0 if gap <= 5 else 0.0
    # The byline or date sits right under the headline (sometimes right over it).
    if any(_is_meta(u) for u in page.units[index + 1 : index + 3]):
        score += 1.5
    elif any(_is_meta(u) for u in page.units[index + 2 : index + 5]) and _standfirst(page.units[index + 1], size):
        score += 1.5  # headline, standfirst, byline or date
    elif any(_is_meta(u) for u in page.units[max(0, index - 2) : index]):
        score += 0.5
    if _names(text):
        score -= 2.0
    if index + 1 < len(page.units) and _is_credit(page.units[index + 1]):
        score -= 3.0  # a caption: the line over a photo credit
    if 5 <= size <= 18:
        score += 1.0
    elif size > 20:
        score -= 1.0  # captions and standfirsts run longer than headlines
    elif size < 4:
        score -= 2.0  # "Back to Gallery", "Site Name Logo"
    return score


def find_title(page: Page) -> str | None:
    """The headline of a text page: a medium-length, title-cased line without a sentence end,
    a few lines above the article, often next to its byline or date, often repeated on the
    page (a dump may open with the <title>)."""
    units = page.units
    if not units:
        return None
    start = page.body_start if page.body_start is not None else min(len(units), 15)
    candidates = list(range(max(0, start - 25), start))
    if start > 25:
        candidates.insert(0, 0)
    keys = [squash(u.content) for u in units[: start + 12]]
    # For each candidate, the lines of 4+ words between it and the article.
    substantial_after, count = {}, 0
    for index in reversed(candidates):
        substantial_after[index] = count
        count += units[index].size >= 4
    best, best_score = None, 2.0  # below this nothing looks like a headline
    first = True
    for index in candidates:
        score = _title_score(index, page, keys, substantial_after, first and index > 0)
        if score is not None and index > 0 and units[index].size >= 4:
            first = False
        if score is not None and score > best_score:
            best, best_score = index, score
    return units[best].content if best is not None else None


# --- HTML ---------------------------------------------------------------------------


_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:•·»«/]{1,2}\s+")
_DOMAIN = re.compile(r"\w\.(com|net|org|info|co|io|news|[a-z]{2})$", re.IGNORECASE)


def clean_title(title: str | None, sitename: str | None) -> str | None:
    """The headline without the " | Site name" part pages append to <title>."""
    if not title:
        return None
    title = " ".join(title.split())
    site = squash(sitename or "")
    if squash(title) == site:
        return None  # the page's <title> is just the site name
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and site:
        # The site name may itself contain a separator ("Name - Tagline"): match whole runs.
        for cut in range(1, len(parts)):
            head, tail = parts[:cut], parts[cut:]
            if squash(" ".join(tail)) == site or squash(" ".join(head)) == site:
                kept = head if squash(" ".join(tail)) == site else tail
                return _rejoin(title, kept)
    if len(parts) > 1:
        # No site name to compare with: a trailing domain ("… - SpaceNews.com") is one.
        if _DOMAIN.search(parts[-1]) and len(parts[-1].split()) <= 3:
            return _rejoin(title, parts[:-1])
        if site and (site in squash(parts[-1]) or squash(parts[-1]) in site):
            return _rejoin(title, parts[:-1])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    """The span of `title` covering `parts`, keeping its original separators."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip()




_HEADLINE_WORDS = (3, 40)
# schema.org types whose "headline" is the page's article.
_ARTICLE_TYPE = re.compile(r"article|posting|report|story|news", re.IGNORECASE)


def _tokens(text: str | None) -> tuple[str, ...]:
    return tuple(_WORD.findall((text or "").casefold()))


def _site_keys(sitename: str | None, hostname: str | None) -> set[str]:
    """The names a site goes by: its declared name, its domain with and without the suffix."""
    keys = {squash(sitename or "")}
    host = (hostname or "").casefold().removeprefix("www.")
    if host:
        keys.add(squash(host))
        labels = [label for label in host.split(".") if len(label) >= 2]
        if labels:
            keys.add(squash(max(labels[:-1] or labels, key=len)))
    return {key for key in keys if key}


def _site_like(part: str, keys: set[str]) -> bool:
    """A part of a title that names the site ("Globalnews.ca", "The Independent") or is a date."""
    key = squash(part)
    if not key:
        return True
    if cues.DATE_OR_TIME.fullmatch(part.strip()) or key in keys:
        return True
    return len(part.split()) <= 5 and any(len(k) >= 4 and (k in key or len(key) >= 4 and key in k) for k in keys)


def strip_site(title: str | None, keys: set[str]) -> str | None:
    """The declared title without the parts at its ends that name the site or give a date
    ("X – DW – 13.06.2023", "Site | X"); None when nothing else is left."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1 and _site_like(parts[-1], keys):
        parts.pop()
    while len(parts) > 1 and _site_like(parts[0], keys):
        parts.pop(0)
    if len(parts) == 1 and _site_like(parts[0], keys) and squash(parts[0]) in keys:
        return None
    return _rejoin(title, parts)


_KICKER_SEPARATOR = re.compile(r"(?<=\S):\s+|\s+[|\-–—:•·»«/]{1,2}\s+")


def _supports(variant: tuple[str, ...], candidate: tuple[str, ...], raw: str, front: bool = False) -> bool:
    """`raw` (a title variant, `variant` its words) says `candidate`: the same words, or the
    candidate with a short label set off by a separator after it ("X - National", "X |
    Sport") or, with `front`, before it ("Kicker: X"): a label other titles do without."""
    if variant == candidate:
        return True
    n, extra = len(candidate), len(variant) - len(candidate)
    if not candidate or not 0 < extra <= 4 or candidate not in (variant[:n], variant[-n:] if front else ()):
        return False
    parts = (_KICKER_SEPARATOR if front else _TITLE_SEPARATOR).split(raw)
    return any(
        candidate == _tokens(" ".join(parts[:cut])) or front and candidate == _tokens(" ".join(parts[cut:]))
        for cut in range(1, len(parts))
    )


def _ld_headlines(tree) -> list[str]:
    """The "headline" of each article object in the page's JSON-LD."""
    found: list[str] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if "headline" not in script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack and len(found) < 5:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kind = " ".join(kind) if isinstance(kind, list) else str(kind or "")
                headline = item.get("headline")
                if isinstance(headline, str) and _ARTICLE_TYPE.search(kind):
                    found.append(html_lib.unescape(headline).lstrip())  # a trailing space says "cut short"
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))
    return [h for h in found if h.strip()]


def _meta(tree, name: str) -> str | None:
    for element in tree.iter("meta"):
        if element.get("property") == name or element.get("name") == name:
            content = element.get("content")
            if content and content.strip():
                return " ".join(content.split())
    return None


def _title_element(tree) -> str | None:
    element = tree.find(".//title")
    text = " ".join(element.text_content().split()) if element is not None else ""
    return text or None


def _h1s(tree, site: str) -> list[str]:
    """Headline-sized h1s, those inside the article's main block first."""
    inside, outside = [], []
    for h1 in tree.iter("h1"):
        text = " ".join(h1.text_content().replace("\xad", "").split())
        if not _HEADLINE_WORDS[0] <= len(text.split()) <= _HEADLINE_WORDS[1] or squash(text) == site:
            continue
        in_main = any(a.tag in ("article", "main") for a in h1.iterancestors())
        (inside if in_main else outside).append(text)
    return inside + outside


def html_title(tree, title: str | None, sitename: str | None, hostname: str | None = None) -> str | None:
    """The headline of an HTML page, from the titles it declares and shows: the JSON-LD
    article headline (written for machines, without site affixes), unless it is cut short;
    else the variant most of og:title, twitter:title, <title> and the h1s agree on, each
    without the parts naming the site; else the first headline-sized h1; else the declared
    title without its site part (`clean_title`)."""
    keys = _site_keys(sitename or _meta(tree, "og:site_name"), hostname)
    site = squash(sitename or "")
    headings = _h1s(tree, site)
    declared = [
        (source, raw, strip_site(raw, keys))
        for source, raw in (
            ("og", _meta(tree, "og:title")),
            ("twitter", _meta(tree, "twitter:title")),
            ("title", _title_element(tree) or title),
        )
        if raw
    ]
    variants = [(source, stripped) for source, _, stripped in declared if stripped] + [("h1", h) for h in headings[:2]]
    for headline in _ld_headlines(tree)[:1]:
        cut_short = headline.endswith(("…", "...")) or headline != headline.rstrip() and headline.rstrip()[-1:].isalnum()
        headline = strip_site(" ".join(headline.split()), keys)
        if not headline or len(headline.split()) < 2 or squash(headline) in keys:
            break
        words = _tokens(headline)
        if cut_short:  # cut at a length limit: a variant that goes on from its last word
            longer = [
                s
                for _, s in variants
                if len(_tokens(s)) > len(words) and _tokens(s)[: len(words)] == words and not _supports(_tokens(s), words, s)
            ]
            if longer:
                return longer[0]
        # The headline with a label ("X | Section", "Kicker: X") that two of the other
        # titles do without.
        for _, shorter in variants:
            short = _tokens(shorter)
            if short != words and _supports(words, short, headline, front=True):
                sources = {source for source, s in variants if _tokens(s) == short}
                if "h1" in sources and len(sources) >= 2:
                    return shorter
        return headline
    # No JSON-LD headline: the variant the others agree with.
    candidates = [s for _, s in variants]
    best, best_votes = None, 0
    for candidate in candidates:
        words = _tokens(candidate)
        votes = sum(_supports(_tokens(s), words, s) for _, s in variants)
        if votes > best_votes:
            best, best_votes = candidate, votes
    if best is not None and best_votes >= 2:
        return best
    return _heading_or_declared(headings, title, sitename)


def _heading_or_declared(headings: list[str], title: str | None, sitename: str | None) -> str | None:
    """The page's own heading (an h1) where it agrees with its declared title, since the
    declared one carries site affixes; else the first headline-sized h1; else the declared
    title without its site part."""
    declared = clean_title(title, sitename)
    if not headings:
        return declared
    if declared:
        whole, kept = squash(title or ""), squash(declared)
        for heading in headings:
            key = squash(heading)
            if key and key in whole:
                # "Kicker: Heading" declared, the kicker set apart in the page: the headline
                # is the whole; "Heading - Site" declared: the heading without the affix.
                kicker = declared[: max(0, len(declared) - len(heading))].rstrip()
                return declared if kept.endswith(key) and kept != key and kicker.endswith(":") else heading
            if key and similar_titles(heading, declared):
                return heading
    return headings[0]
