"""Language of the body: py3langid on a sample of its prose."""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Characters of prose: enough for py3langid (the same labels as 400 on the eval corpora), whose
# cost grows with the text.
_SAMPLE = 300
_MIN_CONFIDENCE = 0.5  # calibrated probability under which the language is left unknown


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The model, loaded once per process (it takes a while)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(body: str) -> str | None:
    """ISO 639-1 code of the body, or None when it is too short or too mixed to tell.

    The sample is the body's longest lines (its prose, not tables or list items), and the
    model is py3langid with calibrated probabilities, unrestricted: corpora hold dozens of
    languages and a restricted model would label the others wrongly rather than not at all.
    """
    lines = sorted(body.splitlines(), key=len, reverse=True)
    sample, size = [], 0
    for line in lines:
        if size >= _SAMPLE:
            break
        sample.append(line[:_SAMPLE])
        size += len(line)
    text = " ".join(sample)[:_SAMPLE]  # the model's cost grows with the sample
    if sum(map(str.isalpha, text)) < 40:
        return None
    lang, confidence = _identifier().classify(text)
    return lang if confidence >= _MIN_CONFIDENCE else None
