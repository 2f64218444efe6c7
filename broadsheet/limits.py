"""Bounded cost per document: the caps every stage enforces, with defaults a user can change.

One hostile file (a gzip bomb, a 200 MB dump, a 50 MB page, a tree nested 100,000 deep) must
cost seconds and bounded memory, then be quarantined with its reason, never stall a run.
`broadsheet run --limit NAME=VALUE` and the flow parameter `limits` override the defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 64 * MiB  # bytes read from disk; a larger file is not read at all
    max_decompressed_bytes: int = 32 * MiB  # after gunzip, streamed: a bomb stops at the cap
    max_page_chars: int = 16 * MiB  # decoded characters of a text dump handed to extraction
    max_html_chars: int = 4 * MiB  # the same for HTML, whose parsing costs ~3 s per MB
    max_body_words: int = 30_000  # longer: quarantined (no news article is a book)
    max_html_depth: int = 400  # element nesting; deeper trees are quarantined before parsing

    @classmethod
    def parse(cls, overrides: dict[str, int] | list[str] | None) -> "Limits":
        """From {"max_body_words": 5000} or ["max_body_words=5000"] (the CLI's form)."""
        if not overrides:
            return cls()
        if isinstance(overrides, list):
            pairs = {}
            for item in overrides:
                name, sep, value = item.partition("=")
                if not sep:
                    raise ValueError(f"a limit is NAME=VALUE, got {item!r}")
                pairs[name.strip()] = value.strip()
            overrides = pairs
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(f"unknown limit(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        values = {}
        for name, value in overrides.items():
            number = int(value)
            if number <= 0:
                raise ValueError(f"limit {name} must be a positive whole number, got {value!r}")
            values[name] = number
        return replace(cls(), **values)
