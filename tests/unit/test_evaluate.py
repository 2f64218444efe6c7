import pytest

from broadsheet.evaluate import body_f1, shingle_precision_recall, shingle_tp_fp_fn


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
