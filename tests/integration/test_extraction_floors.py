"""Quality floors on the labelled development corpora (../shared/eval): CI fails below them."""

import pytest

from broadsheet.evaluate import field_matches, run_corpus, score_bodies, score_dates
from tests.conftest import SHARED_EVAL

pytestmark = pytest.mark.skipif(not SHARED_EVAL.exists(), reason="../shared/eval not beside the repo")


def test_bodies_text_floor():
    score = score_bodies(run_corpus(SHARED_EVAL / "bodies-text"))
    assert score.f1 >= 0.90, score


def test_bodies_html_floor():
    score = score_bodies(run_corpus(SHARED_EVAL / "bodies-html"))
    assert score.f1 >= 0.955, score


def test_dates_text_floor():
    score = score_dates(run_corpus(SHARED_EVAL / "dates-text"))
    assert score.precision >= 0.92 and score.accuracy >= 0.75, score


def test_dates_html_floor():
    score = score_dates(run_corpus(SHARED_EVAL / "dates-html"))
    assert score.precision >= 0.95 and score.accuracy >= 0.93, score


def test_seeds_every_field_as_labelled():
    results = run_corpus(SHARED_EVAL / "seeds-gold.jsonl")
    mismatches = {s.gold.id: [k for k, ok in field_matches(s).items() if not ok] for s in results}
    assert {k: v for k, v in mismatches.items() if v} == {}
