"""Stage 4: Great Expectations suites (expectations/*.json) run on DataFrames from DuckDB.

GX 1.x cannot validate DuckDB through SQLAlchemy (GX issues 10738, 11579), so each checked
relation is pulled into pandas and validated with GX's pandas datasource.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the frames come from DuckDB; pandas is loaded with Great Expectations
    import pandas as pd

SUITES_DIR = Path(__file__).resolve().parent.parent / "expectations"
EXAMPLES = 5
# Each suite is named after the relation it checks; row-level first, then the batch as a whole.
SUITES = ("article_checks", "batch_checks")


# A line of a body that reads as furniture, not prose: three words at most, no sentence end.
_SENTENCE_END = re.compile(r'[.!?:"”»)]$')


def boilerplate_line_share(body: str) -> float:
    """The `boilerplate_line_share` the `article_checks` suite bounds: of the body's non-empty
    lines, those of three words at most that do not end a sentence (menus, share buttons left
    in). Computed per document in the worker: splitting every body into lines in the view was
    most of the serial validation's time (~1 s per 20k pages)."""
    lines = [line for line in (raw.strip(" ") for raw in body.split("\n")) if line]
    furniture = sum(1 for line in lines if len(line.split(" ")) <= 3 and not _SENTENCE_END.search(line))
    return furniture / max(len(lines), 1)


@dataclass(frozen=True)
class CheckResult:
    suite: str
    level: str  # row: failing rows are quarantined | batch: failing blocks the run
    expectation: str  # the suite's name for it, e.g. published_not_in_future
    severity: str  # critical | warning
    success: bool
    element_count: int
    unexpected_count: int
    failing_ids: tuple[str, ...]  # ids of the rows that failed (article ids, or batch check ids)
    examples: tuple[str, ...]  # a few failing values, for the dashboard

    @property
    def blocks_run(self) -> bool:
        return self.level == "batch" and self.severity == "critical" and not self.success

    @property
    def unexpected_percent(self) -> float:
        return 100.0 * self.unexpected_count / self.element_count if self.element_count else 0.0


def load_suite_definition(relation: str, suites_dir: Path = SUITES_DIR) -> dict:
    return json.loads((suites_dir / f"{relation}.json").read_text(encoding="utf-8"))


def import_great_expectations() -> None:
    """Its imports take ~2 s of one core: a caller that would idle anyway (a run waiting for its
    API server to start) pays them then, not in the serial end of the run."""
    import great_expectations  # noqa: F401
    import great_expectations.core.expectation_suite  # noqa: F401
    import great_expectations.data_context.types.base  # noqa: F401


def _quiet_context():
    """An in-memory GX context without progress bars, analytics or INFO chatter."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)
    config = DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        progress_bars=ProgressBarsConfig(globally=False),
        analytics_enabled=False,
    )
    return gx.get_context(mode="ephemeral", project_config=config)


def validate_frames(frames: dict[str, pd.DataFrame], suites_dir: Path = SUITES_DIR) -> list[CheckResult]:
    """Run the suite named after each relation on its frame; one CheckResult per expectation.
    An empty frame (nothing new this run) yields no results."""
    frames = {relation: frame for relation, frame in frames.items() if not frame.empty}
    if not frames:
        return []  # nothing new: no need to start GX (seconds of imports)
    from great_expectations.core.expectation_suite import ExpectationSuite

    context = _quiet_context()
    source = context.data_sources.add_pandas("warehouse-frames")
    results: list[CheckResult] = []
    for relation, frame in frames.items():
        definition = load_suite_definition(relation, suites_dir)
        id_column = definition["meta"]["id_column"]
        suite = context.suites.add(
            ExpectationSuite(name=definition["name"], expectations=definition["expectations"])
        )
        # Indexed by its id column, with the failing values left out of the index list, GX
        # lists the failing ids straight from the index: asked for the id column's values
        # instead, it looked each failing row up on its own (1.2 -> 0.4 s on 20k rows).
        indexed = frame.set_index(id_column, drop=False)
        batch = (
            source.add_dataframe_asset(relation)
            .add_batch_definition_whole_dataframe("run")
            .get_batch(batch_parameters={"dataframe": indexed})
        )
        outcome = batch.validate(
            suite,
            result_format={
                "result_format": "COMPLETE",
                "unexpected_index_column_names": [id_column],
                "exclude_unexpected_values": True,
            },
        )
        for r in outcome.results:
            config = r.expectation_config
            details = r.result or {}
            listed = details.get("unexpected_index_list") or [{id_column: []}]
            failing = tuple(dict.fromkeys(str(i) for i in listed[0][id_column]))
            results.append(
                CheckResult(
                    suite=definition["name"],
                    level=definition["meta"]["level"],
                    expectation=config.meta.get("name", config.type),
                    severity=str(getattr(config.severity, "value", config.severity)),
                    success=bool(r.success),
                    element_count=int(details.get("element_count", len(frame))),
                    unexpected_count=int(details.get("unexpected_count", 0)),
                    failing_ids=failing,
                    examples=_examples(indexed, config.kwargs.get("column"), failing[:EXAMPLES]),
                )
            )
    return results


def _examples(frame: pd.DataFrame, column: str | None, ids: tuple[str, ...]) -> tuple[str, ...]:
    """The checked column's values on the first failing rows."""
    if not column or not ids:
        return ()
    values = frame.loc[frame.index.isin(ids), column]
    return tuple(str(v) for v in values.iloc[:EXAMPLES])
