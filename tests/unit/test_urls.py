"""URL normalisation, registrable domains and URL path dates, on URLs of the eval corpora."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from broadsheet.urls import date_from_url_path, normalise_url, registrable_domain


@pytest.mark.parametrize("url, expected", [
    ("https://orf.at/stories/3376705/", "https://orf.at/stories/3376705/"),
    ("  HTTPS://WWW.Example.com:443/news/a.html#top ", "https://www.example.com/news/a.html#top"),
    # tracking parameters go, the others are sorted
    ("http://alarmeringen.nl/zuid-holland/haaglanden/den-haag/34192126/p2000-ambulance-met-spoed-naar-hoge-zand-in-den-haag.html"
     "?utm_source=rss&utm_medium=nederland&utm_campaign=sharing",
     "http://alarmeringen.nl/zuid-holland/haaglanden/den-haag/34192126/p2000-ambulance-met-spoed-naar-hoge-zand-in-den-haag.html"),
    ("http://entermedia.co.kr/news/news_view.html?idx=8576&page=1&bc=03&mc=08&find=&sch_date=",
     "http://entermedia.co.kr/news/news_view.html?bc=03&idx=8576&mc=08&page=1"),
    # article URLs courlan's crawler filters (check_url) would throw away are kept
    ("https://economictimes.indiatimes.com/markets/stocks/news/share-market-update-psu-bank-shares-gain-canara-bank-rises-1br/articleshow/73540940.cms",
     "https://economictimes.indiatimes.com/markets/stocks/news/share-market-update-psu-bank-shares-gain-canara-bank-rises-1br/articleshow/73540940.cms"),
    ("http://bayrische-bembel.de/bbr/modules/news/article.php?storyid=504",
     "http://bayrische-bembel.de/bbr/modules/news/article.php?storyid=504"),
    ("http://xn--d1abbgf6aiiy.xn--p1ai/news/1", "http://президент.рф/news/1"),
    ("xhttps://www.zoo-berlin.de/de/aktuelles/alle-news/artikel/der-turm-der-wuensche", None),
    ("ftp://ftp.example.com/file.txt", None),
    ("/news/2024/03/05/story", None),
    ("", None),
    (None, None),
])
def test_normalise_url(url, expected):
    assert normalise_url(url) == expected


@pytest.mark.parametrize("url_or_host, expected", [
    ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
    ("news.bbc.co.uk", "bbc.co.uk"),
    ("https://www.theguardian.com/world/2024/03/05/x", "theguardian.com"),
    ("https://economictimes.indiatimes.com/markets/x.cms", "indiatimes.com"),
    ("https://www.abc.net.au:443/news", "abc.net.au"),
    ("WWW.ORF.AT", "orf.at"),
    ("http://xn--d1abbgf6aiiy.xn--p1ai/", "президент.рф"),
    ("https://президент.рф/news", "президент.рф"),
    ("https://someone.blogspot.com/2020/01/post.html", "someone.blogspot.com"),  # a private suffix
    ("https://co.uk/", None),
    ("http://127.0.0.1/news", None),
    ("localhost", None),
    ("", None),
    (None, None),
])
def test_registrable_domain(url_or_host, expected):
    assert registrable_domain(url_or_host) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://venturebeat.com/2019/11/18/new-york-state-attorney-general-investigating-wework-and-former-ceo/", date(2019, 11, 18)),
    ("https://www.youm7.com/story/2020/8/24/وزير-الرى/4943459", date(2020, 8, 24)),
    ("https://example.com/news/2024-03-05/story", date(2024, 3, 5)),
    ("https://example.com/news/story_2024_03_05.html", date(2024, 3, 5)),
    ("https://example.com/2024/02/30/not-a-day", None),
    ("https://example.com/2024/13/05/not-a-month", None),
    ("https://example.com/news/20240305/compact", None),
    ("https://example.com/news/story?date=2024-03-05", None),  # the query is not the path
    ("https://2024-03-05.example.com/story", None),  # nor is the host
    ("https://orf.at/stories/3376705/", None),
    (None, None),
])
def test_date_from_url_path(url, expected):
    assert date_from_url_path(url) == expected


def test_nothing_is_fetched():
    """The public suffix list and courlan's data come from the packages: with every socket
    refused, a fresh interpreter (nothing cached) still answers."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network access attempted')\n"
        "socket.socket.connect = socket.socket.connect_ex = refuse\n"
        "socket.create_connection = socket.getaddrinfo = refuse\n"
        "from broadsheet.urls import normalise_url, registrable_domain\n"
        "print(registrable_domain(normalise_url('https://www.bbc.co.uk/news/x?utm_source=a')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "bbc.co.uk"), done.stderr
