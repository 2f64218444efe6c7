"""Not an article: what a page must show to be published as one, and the caps' messages.

Signals, never a site's phrases (cues.py): an error page's title, a consent or subscription
prompt standing in for the text, headlines that are links (a listing), and too little prose
with no publication day (site furniture)."""

from __future__ import annotations

from collections.abc import Callable

from broadsheet.extract import cues
from broadsheet.extract.dates_text import LISTED
from broadsheet.extract.page import Unit
from broadsheet.records import DateFinding

# Sizes are in the cleaner's words (two characters of a script without spaces count as one).
_ARTICLE_MIN_WORDS = 30  # with no publication day either, a page with less prose is furniture
_WALL_MAX_WORDS = 150  # an error, consent or paywall page shows at most this much else
_AFTER_BODY = 3  # paragraphs after the article that a paywall prompt may sit in
_LISTING_LINKED_SHARE = 0.5  # share of an HTML body that is link text on a listing page ...
_LISTING_MIN_ITEMS = 5  # ... in this many items at least ...
_LISTING_ITEM_MAX_WORDS = 25  # ... none longer than a headline and its teaser


def too_long(words: int, max_body_words: int) -> str | None:
    if words > max_body_words:
        return f"body_too_long: {words} words > max_body_words={max_body_words}"
    return None


def after_body(units: list[Unit]) -> list[str]:
    """The few paragraphs right after the article's last one, where a paywall cuts it."""
    last = max((i for i, unit in enumerate(units) if unit.kept), default=-1)
    return [unit.text for unit in units[last + 1 : last + 1 + _AFTER_BODY]] if last >= 0 else []


def listing(units: list[Unit], link_words: Callable[[], int]) -> str | None:
    """A listing: its body is a list of linked headlines (and teasers), no article paragraph.
    `link_words()` counts the body's words that are link text on the page: asked only of a
    body shaped like a listing (enough items, all short)."""
    if len(units) < _LISTING_MIN_ITEMS or any(unit.size > _LISTING_ITEM_MAX_WORDS for unit in units):
        return None
    words = sum(unit.size for unit in units)
    linked = link_words()
    if linked >= _LISTING_LINKED_SHARE * words:
        return f"{linked} of the body's {round(words)} words are link text, in {len(units)} short items"
    return None


def not_an_article(
    body: list[Unit],
    titles: list[str],
    after: list[str],
    finding: DateFinding,
    removed: str | None = None,
    listed: str | None = None,
) -> str | None:
    """`not_an_article: <evidence>` for a page that is not an article, else None. `body`: the
    kept paragraphs; `after`: text right after them; `removed`, `listed`: what the page showed
    of furniture, of links."""
    words = round(sum(unit.size for unit in body))
    if words < _WALL_MAX_WORDS:
        title = next((t for t in titles if cues.error_title(t)), None)
        if title:
            return f"not_an_article: error page: {title[:80]!r} in title"
        for text in [unit.text for unit in body] + after:
            cue = cues.wall_cue(text)
            if cue and (cue[0] == "paywall" or _consent_share(body) >= 0.5):
                return f"not_an_article: {cue[0]}: {cue[1][:80]!r}; body is {words} words"
    if listed:
        return f"not_an_article: listing page: {listed}"
    if words < _ARTICLE_MIN_WORDS and finding.published is None:
        paragraphs = f"{len(body)} paragraph{'s' if len(body) != 1 else ''}"
        dated_items = sum(1 for c in finding.candidates if c.rejected == LISTED)
        detail = f"; {removed}" if removed else ""
        detail += f"; {dated_items} dates of listed items" if dated_items else ""
        return f"not_an_article: no article prose: body is {words} words in {paragraphs}, no publication day{detail}"
    return None


def _consent_share(body: list[Unit]) -> float:
    """Share of the body's words in paragraphs that ask for consent."""
    total = sum(unit.size for unit in body)
    asking = sum(unit.size for unit in body if (cues.wall_cue(unit.text) or ("",))[0] == "consent wall")
    return asking / total if total else 0.0
