from broadsheet.pipeline import MAX_BATCH, MIN_BATCH, RunReport, batch_size_for, batched
from broadsheet.quality import CheckResult
from broadsheet.report import run_summary_rows, verdict
from broadsheet.warehouse import RunCounts, RunOutcome


def check(name, severity="warning", level="row", success=False) -> CheckResult:
    return CheckResult("s", level, name, severity, success, 10, 0 if success else 2, ("a", "b"), ())


def test_verdicts_read_at_a_glance():
    counts = RunCounts(read=5, published=5)
    assert verdict(RunOutcome("published", counts), [check("x", success=True)]) == (
        "PUBLISHED: 5 article(s), every check passed"
    )
    assert verdict(RunOutcome("published", counts), [check("outlet_present")]) == (
        "PUBLISHED: 5 article(s), 1 warning(s) flagged for review"
    )
    assert verdict(RunOutcome("published", counts), [check("body_not_empty", "critical")]) == (
        "PUBLISHED: 5 article(s); rows failing 1 critical check(s) quarantined"
    )
    blocked = [check("run_mostly_dated", "critical", "batch"), check("outlet_present")]
    assert verdict(RunOutcome("blocked", counts), blocked).startswith("BLOCKED: nothing published (run_mostly_dated)")


def test_summary_says_when_nothing_changed():
    outcome = RunOutcome("nothing-new", RunCounts(discovered=6, already_known=5), inputs={"unchanged": 5, "ignored": 1})
    report = RunReport("r", "w.duckdb", outcome, ())
    assert report.summary() == (
        "Nothing new: 6 = 5 unchanged + 1 ignored input(s) found, none new to the warehouse (w.duckdb); nothing changed."
    )
    rows = run_summary_rows(report.outcome)
    assert rows[1] == {"stage": "already in warehouse (skipped)", "documents": 5}


def test_batches_cover_every_item_once():
    assert list(batched(list(range(5)), 2)) == [[0, 1], [2, 3], [4]]


def test_batch_size_grows_with_the_run_and_keeps_every_worker_fed():
    window = 4  # two workers, two batches each in flight
    assert batch_size_for(5, window) == MIN_BATCH  # the seeds: one batch
    assert batch_size_for(1000, window) == 125  # eight batches: two windows' worth
    assert batch_size_for(1001, window) == 126
    assert batch_size_for(100_000, window) == MAX_BATCH
    assert batch_size_for(100_000, window, requested=7) == 7

