"""What a run tells people: the verdict, the summary table and the data-quality markdown.
Prefect artifacts and the terminal (`broadsheet quality`) show the same text."""

from __future__ import annotations

import duckdb

from broadsheet.quality import CheckResult
from broadsheet.records import RunOutcome

EXAMPLE_ROWS = 3


def run_summary_rows(outcome: RunOutcome) -> list[dict]:
    c = outcome.counts
    return [
        {"stage": "discovered", "documents": c.discovered},
        {"stage": "already in warehouse (skipped)", "documents": c.already_known},
        {"stage": "read", "documents": c.read},
        {"stage": "extracted", "documents": c.extracted},
        {"stage": "quarantined", "documents": c.quarantined},
        {"stage": "published", "documents": c.published},
        {"stage": "checks failed", "documents": c.checks_failed},
    ] + [{"stage": f"inputs {name}", "documents": n} for name, n in sorted(outcome.inputs.items())]


def verdict(outcome: RunOutcome, results: list[CheckResult]) -> str:
    """One line a person can read at a glance."""
    failed = [r for r in results if not r.success]
    if outcome.status == "blocked":
        names = ", ".join(r.expectation for r in results if r.blocks_run)
        return f"BLOCKED: nothing published ({names}); inspect, then `broadsheet release`"
    if outcome.status == "nothing-new":
        return "NOTHING NEW: no new documents"
    critical = [r for r in failed if r.severity == "critical"]
    prefix = "RELEASED after review" if outcome.status == "released" else "PUBLISHED"
    if critical:
        return (
            f"{prefix}: {outcome.counts.published} article(s); "
            f"rows failing {len(critical)} critical check(s) quarantined"
        )
    if failed:
        return f"{prefix}: {outcome.counts.published} article(s), {len(failed)} warning(s) flagged for review"
    return f"{prefix}: {outcome.counts.published} article(s), every check passed"


def _examples(con: duckdb.DuckDBPyConnection, run_id: str, result: CheckResult) -> list[str]:
    if result.level != "row":
        return [f"`{check_id}`" for check_id in result.failing_ids[:EXAMPLE_ROWS]]
    rows = con.execute(
        "SELECT article_id, path, coalesce(title, '(no title)') FROM staging_articles "
        "WHERE run_id = ? AND list_contains(?, article_id) ORDER BY path LIMIT ?",
        [run_id, list(result.failing_ids), EXAMPLE_ROWS],
    ).fetchall()
    return [f"`{aid}` {path}: {title}" for aid, path, title in rows]


def quality_markdown(
    con: duckdb.DuckDBPyConnection, run_id: str, outcome: RunOutcome, results: list[CheckResult]
) -> str:
    c = outcome.counts
    lines = [
        f"# {verdict(outcome, results)}",
        "",
        f"Run `{run_id}`: {c.read} read, {c.published} published, {c.quarantined} quarantined, "
        f"{c.checks_failed} of {len(results)} checks failed.",
    ]
    if outcome.message:
        lines += ["", f"> {outcome.message}"]
    failed = sorted(
        (r for r in results if not r.success), key=lambda r: (r.severity != "critical", r.level, r.expectation)
    )
    if failed:
        lines += ["", "## Failed expectations", ""]
        for r in failed:
            mark = "FAIL" if r.severity == "critical" else "WARN"
            lines.append(
                f"- {mark} **{r.expectation}** ({r.severity}, {r.level}): "
                f"{r.unexpected_count} of {r.element_count} failing"
            )
            lines += [f"  - {example}" for example in _examples(con, run_id, r)]
    passed = [r for r in results if r.success]
    if passed:
        lines += ["", "## Passed", "", ", ".join(f"`{r.expectation}`" for r in passed)]
    return "\n".join(lines)


def outlet_quality_rows(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict]:
    frame = con.execute("SELECT * EXCLUDE (run_id) FROM run_outlet_quality WHERE run_id = ?", [run_id]).df()
    return frame.to_dict(orient="records")
