"""A document's URL: normalised, its registrable domain, and the date its path may carry.

All offline: courlan normalises (it ships with trafilatura), `tld` reads the public suffix
list from the snapshot bundled in the package (it fetches only when `update_tld_names()` is
called, which nothing here does), htmldate reads the date pattern.
"""

from __future__ import annotations

from functools import lru_cache

from datetime import date, datetime
from urllib.parse import urlsplit

from courlan import clean_url
from courlan.clean import decode_punycode
from courlan.filters import validate_url
from htmldate.extractors import extract_url_date
from htmldate.utils import Extractor
from tld import get_tld


def normalise_url(url: str | None) -> str | None:
    """The URL in one canonical spelling (scheme and host lowercased, default port, fragment
    trackers and tracking parameters such as utm_* dropped, remaining parameters sorted,
    punycode hosts decoded), or None when it is not an http(s) URL with a host.

    courlan's `check_url` is not used: its crawler filters reject genuine article URLs
    (`.cms` pages, `article.php?storyid=`), which are exactly what we must keep."""
    if not url or not url.strip():
        return None
    cleaned = clean_url(url)
    return cleaned if cleaned and validate_url(cleaned)[0] else None


@lru_cache(maxsize=1 << 16)  # a pure lookup, asked for the same hosts on every page of a site
def registrable_domain(url_or_host: str | None) -> str | None:
    """The public-suffix registrable domain ("https://www.bbc.co.uk/news/x" -> "bbc.co.uk"),
    in Unicode like `normalise_url`'s hosts; None for IP addresses, bare suffixes and hosts
    that are not on the list."""
    if not url_or_host or not url_or_host.strip():
        return None
    found = get_tld(url_or_host.strip(), as_object=True, fail_silently=True, fix_protocol=True)
    if found is None or found.fld == found.tld:  # "co.uk" alone registers nothing
        return None
    return decode_punycode(found.fld.lower())


# htmldate's bounds for a plausible date; ours are applied later by the date checks.
_URL_DATE_OPTIONS = Extractor(
    extensive=False, max=datetime(2039, 12, 31), min=datetime(1990, 1, 1), original=False, format="%Y-%m-%d"
)


def date_from_url_path(url: str | None) -> date | None:
    """The day written in a URL's path as /2024/03/05/ or -2024-03-05- (weak evidence: sites
    also date section pages and keep old dates in renamed slugs); only the path is read, not
    the host or the query."""
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    found = extract_url_date(path, _URL_DATE_OPTIONS)
    return date.fromisoformat(found) if found else None
