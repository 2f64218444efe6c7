"""What a run tells people: the summary table and the data-quality markdown (Prefect artifacts
and the terminal use the same text)."""

from __future__ import annotations

import duckdb

from broadsheet.quality import CheckResult
from broadsheet.warehouse import RunCounts

EXAMPLE_ROWS = 3


def run_summary_rows(run_id: str, counts: RunCounts) -> list[dict]:
    return [
        {"stage": "discovered", "documents": counts.discovered},
        {"stage": "already in warehouse (skipped)", "documents": counts.already_known},
        {"stage": "read", "documents": counts.read},
        {"stage": "extracted", "documents": counts.extracted},
        {"stage": "quarantined", "documents": counts.quarantined},
        {"stage": "published", "documents": counts.published},
        {"stage": "checks failed", "documents": counts.checks_failed},
    ]


def verdict(results: list[CheckResult]) -> str:
    critical = [r for r in results if not r.success and r.severity == "critical"]
    warnings = [r for r in results if not r.success and r.severity != "critical"]
    if not results:
        return "NO NEW DATA: nothing to check"
    if critical:
        return f"ROWS QUARANTINED: {len(critical)} critical check(s) failed, failing rows held back"
    if warnings:
        return f"PUBLISHED WITH WARNINGS: {len(warnings)} warning check(s) failed, rows flagged for review"
    return "PASSED: every check passed"


def _examples(con: duckdb.DuckDBPyConnection, run_id: str, ids: tuple[str, ...]) -> list[str]:
    if not ids:
        return []
    rows = con.execute(
        "SELECT article_id, path, coalesce(title, '(no title)') FROM staging_articles "
        "WHERE run_id = ? AND list_contains(?, article_id) ORDER BY path LIMIT ?",
        [run_id, list(ids), EXAMPLE_ROWS],
    ).fetchall()
    return [f"`{aid}` {path}: {title}" for aid, path, title in rows]


def quality_markdown(
    con: duckdb.DuckDBPyConnection, run_id: str, counts: RunCounts, results: list[CheckResult]
) -> str:
    lines = [
        f"# Data quality: {verdict(results)}",
        "",
        f"Run `{run_id}`: {counts.read} read, {counts.published} published, "
        f"{counts.quarantined} quarantined, {counts.checks_failed} check(s) failed.",
        "",
    ]
    if results:
        lines += ["| result | severity | expectation | failing rows | % |", "|---|---|---|---|---|"]
        ordered = sorted(results, key=lambda r: (r.success, r.severity != "critical", r.expectation))
        for r in ordered:
            mark = "✅ pass" if r.success else ("❌ FAIL" if r.severity == "critical" else "⚠️ warn")
            lines.append(
                f"| {mark} | {r.severity} | {r.expectation} | {r.unexpected_count}/{r.element_count} "
                f"| {r.unexpected_percent:.0f} |"
            )
        failed = [r for r in ordered if not r.success]
        if failed:
            lines += ["", "## Failing rows (examples)"]
            for r in failed:
                lines.append(f"- **{r.expectation}** ({r.severity})")
                lines += [f"  - {example}" for example in _examples(con, run_id, r.failing_ids)]
    return "\n".join(lines)
