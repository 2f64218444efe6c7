import json

import pytest

from broadsheet.evaluate import (
    Measurement,
    body_f1,
    corpus_digest,
    domain_key,
    gate_failures,
    measure_baseline,
    outlet_key,
    outlet_matches,
    shingle_precision_recall,
    shingle_tp_fp_fn,
    title_matches,
    updated_baseline,
)


def test_identical_texts_score_one():
    text = "one two three four five six"
    assert shingle_precision_recall(text, text) == (1.0, 1.0)


def test_extra_boilerplate_lowers_precision_only():
    gold = "the cat sat on the mat today"  # 4 shingles
    predicted = gold + " share this story now please"  # 5 more shingles, all extra
    precision, recall = shingle_precision_recall(gold, predicted)
    assert recall == 1.0
    assert precision == pytest.approx(4 / 9)


def test_tp_fp_fn_normalised_to_one():
    tp, fp, fn = shingle_tp_fp_fn("a b c d e", "b c d e f")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_empty_prediction_scores_zero():
    assert body_f1("a b c d e", "") == 0.0


# --- Titles and outlets, as ../shared/eval/README.md scores them (examples from news-html) ---

DW_TITLE = "Ukrainische Gegenoffensive: Ziele, Chancen, Risiken"


def test_title_right_on_tokens_whatever_the_case_and_punctuation():
    assert title_matches(DW_TITLE, "ukrainische Gegenoffensive – Ziele, Chancen, Risiken")
    assert title_matches("Trump ‘congratulates’ China in dig at Supreme Court ruling",
                         "Trump 'congratulates' China in dig at Supreme Court ruling")


def test_site_name_or_section_label_makes_a_title_wrong():
    assert not title_matches(DW_TITLE, f"{DW_TITLE} | DW | 12.06.2023")
    assert not title_matches(
        "Baerbock zur UN: Nur eine Etappe zum nächsten Karriereschritt",
        "Baerbock zur UN: Nur eine Etappe zum nächsten Karriereschritt - Hamburger Abendblatt",
    )
    assert not title_matches("Kenia: Nairobi von unten", "Ausland: Kenia: Nairobi von unten")
    assert not title_matches(DW_TITLE, "Skip to main content")
    assert not title_matches(DW_TITLE, None)


def test_domain_key_drops_the_public_suffix():
    assert domain_key("https://www.dw.com/") == "dw"
    assert domain_key("bbc.co.uk") == "bbc"
    assert domain_key("https://www.nine.com.au") == "nine"
    assert domain_key("https://de.euronews.com/") == "euronews"
    assert domain_key("https://www.der-postillon.com/") == "derpostillon"
    assert domain_key(None) == ""
    assert outlet_key("Euronews (DE)") == "euronewsde"


def test_outlet_right_by_name_or_domain():
    assert outlet_matches("Deutsche Welle", "https://www.dw.com/", "DW")  # the domain's key
    assert outlet_matches("Deutsche Welle", "https://www.dw.com/", "Deutsche Welle")
    assert outlet_matches("Österreichischer Rundfunk", "https://www.orf.at", "ORF")
    assert outlet_matches("Euronews (DE)", "https://de.euronews.com/", "Euronews")  # contained
    assert outlet_matches("Nine News", "https://www.nine.com.au", "Nine")
    assert outlet_matches("Postillon", "https://www.der-postillon.com/", "Der Postillon")
    assert outlet_matches("BBC News", "https://www.bbc.co.uk/news", "BBC")


def test_outlet_wrong_when_short_keys_only_overlap_or_nothing_given():
    assert not outlet_matches("Deutsche Welle", "https://www.dw.com/", "DWTV")  # "dw" is under 4 characters
    assert not outlet_matches("Bild", "https://www.bild.de/", "Bil")
    assert not outlet_matches("Deutsche Welle", "https://www.dw.com/", "Der Spiegel")
    assert not outlet_matches("Deutsche Welle", "https://www.dw.com/", None)


# --- The gate's logic, on tiny corpora built in tmp_path --------------------------------------

ARTICLE = """Council approves the new river bridge after a long debate

12 March 2024

The city council approved the construction of a new bridge across the river on Tuesday evening,
ending a debate that had divided the town for more than three years.

The bridge will connect the northern districts with the old town and is expected to open in 2027,
the mayor told reporters after the vote.
"""


def _corpus(root, name="tiny", documents=2):
    folder = root / name
    (folder / "docs").mkdir(parents=True)
    rows = []
    for i in range(documents):
        (folder / "docs" / f"{i}.txt").write_text(ARTICLE, encoding="utf-8")
        rows.append(
            {"id": str(i), "file": f"docs/{i}.txt", "url": None, "published": "2024-03-12",
             "body": ARTICLE.split("\n", 3)[3], "title": ARTICLE.splitlines()[0],
             "outlet": "Town Gazette", "outlet_domain": "towngazette.example"}
        )
    (folder / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def _baseline_for(root, *names):
    baseline = {"corpora": [{"corpus": n} for n in names]}
    measured = measure_baseline(baseline, root=root, jobs=1)
    updated, _, refusals = updated_baseline(baseline, measured)
    assert refusals == []
    return updated


def test_a_fresh_baseline_passes_its_own_gate(tmp_path):
    _corpus(tmp_path)
    baseline = _baseline_for(tmp_path, "tiny")
    entry = baseline["corpora"][0]
    assert entry["digest"].startswith("sha256:") and entry["documents"] == 2
    assert {"body_f1", "date_accuracy", "date_precision", "title_accuracy", "outlet_accuracy"} <= set(entry["floors"])
    assert all(entry["floors"][m] <= entry["measured"][m] for m in entry["floors"])
    assert gate_failures(baseline, measure_baseline(baseline, root=tmp_path, jobs=1)) == []


def test_missing_corpus_fails_never_skips(tmp_path):
    _corpus(tmp_path)
    baseline = _baseline_for(tmp_path, "tiny")
    baseline["corpora"].append({"corpus": "absent", "digest": "sha256:0", "floors": {"body_f1": 0.5}})
    failures = gate_failures(baseline, measure_baseline(baseline, root=tmp_path, jobs=1))
    assert len(failures) == 1 and failures[0].startswith("absent: missing")


def test_a_document_missing_from_the_corpus_fails(tmp_path):
    folder = _corpus(tmp_path)
    baseline = _baseline_for(tmp_path, "tiny")
    (folder / "docs" / "1.txt").unlink()
    failures = gate_failures(baseline, measure_baseline(baseline, root=tmp_path, jobs=1))
    assert len(failures) == 1 and failures[0].startswith("tiny: incomplete")


def test_digest_mismatch_fails_even_when_every_floor_holds(tmp_path):
    folder = _corpus(tmp_path)
    baseline = _baseline_for(tmp_path, "tiny")
    before = corpus_digest(folder)
    (folder / "docs" / "1.txt").write_text(ARTICLE + "\n", encoding="utf-8")  # one byte more
    assert corpus_digest(folder) != before
    failures = gate_failures(baseline, measure_baseline(baseline, root=tmp_path, jobs=1))
    assert len(failures) == 1 and "corpus changed" in failures[0]


def test_digest_is_stable_and_covers_the_gold(tmp_path):
    folder = _corpus(tmp_path)
    assert corpus_digest(folder) == corpus_digest(folder)
    before = corpus_digest(folder)
    (folder / "gold.jsonl").write_text((folder / "gold.jsonl").read_text() + "\n")
    assert corpus_digest(folder) != before


def _measurement(**metrics):
    return Measurement("c", None, "sha256:x", 10, metrics)


def test_metric_under_its_floor_fails_one_line_each():
    baseline = {"corpora": [{"corpus": "c", "digest": "sha256:x",
                             "floors": {"body_f1": 0.9, "title_accuracy": 0.5, "date_accuracy": 0.8}}]}
    failures = gate_failures(baseline, [_measurement(body_f1=0.89, title_accuracy=0.5)])
    assert failures == ["c: body_f1 0.8900 under its floor 0.900", "c: date_accuracy not measured (floor 0.800)"]


def test_lowering_a_floor_is_refused_without_the_flag():
    baseline = {"corpora": [{"corpus": "c", "digest": "sha256:x", "floors": {"body_f1": 0.95}}]}
    measured = [_measurement(body_f1=0.9)]
    kept, _, refusals = updated_baseline(baseline, measured)
    assert len(refusals) == 1 and "--allow-lower" in refusals[0]
    assert kept["corpora"][0]["floors"]["body_f1"] == 0.95
    lowered, changes, refusals = updated_baseline(baseline, measured, allow_lower=True)
    assert refusals == [] and lowered["corpora"][0]["floors"]["body_f1"] == 0.89
    assert changes == ["c: body_f1 floor 0.950 -> 0.890"]


def test_raising_is_always_allowed_and_noise_within_the_margin_keeps_the_floor():
    baseline = {"corpora": [{"corpus": "c", "digest": "sha256:x", "floors": {"body_f1": 0.80, "date_accuracy": 0.90}}]}
    # body rose: floor follows (measured - 0.01); dates still meet their floor but measured - margin
    # is under it: the floor stays where it was, nothing refused.
    updated, _, refusals = updated_baseline(baseline, [_measurement(body_f1=0.9234, date_accuracy=0.905)])
    assert refusals == []
    assert updated["corpora"][0]["floors"] == {"body_f1": 0.913, "date_accuracy": 0.90}


def test_dropping_a_floor_counts_as_lowering():
    baseline = {"corpora": [{"corpus": "c", "digest": "sha256:x", "floors": {"body_f1": 0.8, "title_accuracy": 0.7}}]}
    _, _, refusals = updated_baseline(baseline, [_measurement(body_f1=0.9)])
    assert refusals and "title_accuracy" in refusals[0]


def test_outlet_and_exact_fields_floors_sit_at_the_measured_value():
    baseline = {"corpora": [{"corpus": "c"}]}
    updated, _, _ = updated_baseline(baseline, [_measurement(outlet_accuracy=0.0175, fields_exact=1.0)])
    assert updated["corpora"][0]["floors"] == {"fields_exact": 1.0, "outlet_accuracy": 0.017}


def test_cli_gate_exit_codes_and_update_refusal_writes_nothing(tmp_path, capsys):
    from broadsheet.cli import main

    _corpus(tmp_path)
    baseline = _baseline_for(tmp_path, "tiny")
    baseline["corpora"][0]["corpus"] = str(tmp_path / "tiny")  # absolute: the CLI resolves from the repo
    path = tmp_path / "floors.json"
    path.write_text(json.dumps(baseline))
    assert main(["eval", "--gate", str(path), "--jobs", "1"]) == 0
    assert "gate passed" in capsys.readouterr().out

    baseline["corpora"][0]["floors"]["body_f1"] = 1.01  # above anything measurable
    baseline["corpora"].append({"corpus": str(tmp_path / "absent"), "floors": {"body_f1": 0.5}})
    path.write_text(json.dumps(baseline))
    assert main(["eval", "--gate", str(path), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert "FAIL " + str(tmp_path / "tiny") + ": body_f1" in out and "absent: missing" in out

    before = path.read_text()
    baseline["corpora"].pop()
    path.write_text(json.dumps(baseline))
    before = path.read_text()
    assert main(["eval", "--gate", str(path), "--update-floors", "--jobs", "1"]) == 1
    assert "REFUSED" in capsys.readouterr().out and path.read_text() == before
    assert main(["eval", "--gate", str(path), "--update-floors", "--allow-lower", "--jobs", "1"]) == 0
    assert json.loads(path.read_text())["corpora"][0]["floors"]["body_f1"] < 1.0
