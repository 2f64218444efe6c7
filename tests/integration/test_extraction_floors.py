"""The extraction gate in `make test`: every corpus of tests/extraction_floors.json is measured
in-process (one shared pool of worker processes) and held to its floors and its digest. A
corpus that is missing fails; it is never skipped. Floors are re-set only with
`broadsheet eval --update-floors` (lowering one needs --allow-lower)."""

import pytest

from broadsheet.evaluate import (
    DEFAULT_BASELINE,
    gate_failures,
    gate_report,
    load_baseline,
    measure_baseline,
)

pytestmark = pytest.mark.slow

BASELINE = load_baseline(DEFAULT_BASELINE)
EXPECTED_CORPORA = {
    f"../shared/eval/{name}"
    for name in ("bodies-text", "dates-text", "bodies-html", "dates-html", "news-html", "news-text", "seeds-gold.jsonl")
}


def test_baseline_covers_every_corpus_with_floors():
    entries = {e["corpus"]: e for e in BASELINE["corpora"]}
    assert EXPECTED_CORPORA <= set(entries)
    for name in EXPECTED_CORPORA:
        assert entries[name].get("digest", "").startswith("sha256:"), name
        assert entries[name].get("floors"), name
    assert entries["../shared/eval/seeds-gold.jsonl"]["floors"]["fields_exact"] == 1.0


def test_every_corpus_at_or_above_its_floors():
    measured = measure_baseline(BASELINE)  # all cores
    failures = gate_failures(BASELINE, measured)
    assert failures == [], "\n".join(failures) + "\n\n" + gate_report(measured)
