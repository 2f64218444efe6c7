from broadsheet.pipeline import MAX_BATCH, MIN_BATCH, RunReport, batch_size_for, batched, input_bytes, stored_bytes
from broadsheet.records import SourceFile
from broadsheet.quality import CheckResult
from broadsheet.report import run_summary_rows, verdict
from broadsheet.records import RunCounts, RunOutcome


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


def test_batches_of_large_files_are_cut_by_bytes():
    mib = 1 << 20
    sources = [SourceFile(f"in/{n}.html", "html", gzipped=n == 3, size=size) for n, size in enumerate([20 * mib, 10 * mib, 5 * mib, 2 * mib, -1])]
    sizes = [[s.path for s in batch] for batch in batched(sources, 500, input_bytes)]
    # 20 + 10 MiB fit; 5 more would not; a gzipped 2 MiB file holds ~10 MiB; an unknown size counts 64 KiB
    assert sizes == [["in/0.html", "in/1.html"], ["in/2.html", "in/3.html", "in/4.html"]]
    assert list(batched([(f"p{n}", "sha", 30 * mib) for n in range(3)], 500, stored_bytes)) == [
        [("p0", "sha", 30 * mib)], [("p1", "sha", 30 * mib)], [("p2", "sha", 30 * mib)]
    ]


def test_the_last_batches_shrink_so_the_workers_finish_together():
    sizes = [len(batch) for batch in batched(list(range(2000)), 500, taper=4)]
    # full batches while a quarter of what is left exceeds one, then a quarter of it, down to MIN_BATCH
    assert sizes == [500, 375, 282, 211, 158, 119, 89, 67, 50, 38, 28, 21, 20, 20, 20, 2]
    mib = 1 << 20
    pages = [(f"p{n}", "sha", mib) for n in range(200)]  # bytes, not counts, bind: 32 pages of 1 MiB
    # a quarter of the bytes left, but never fewer than MIN_BATCH pages
    assert [len(batch) for batch in batched(pages, 500, stored_bytes, taper=4)] == [32, 32, 32, 26, 20, 20, 20, 18]
    assert [len(b) for b in batched(list(range(2000)), 500)] == [500] * 4  # no taper: as many as fit


def test_batch_size_grows_with_the_run_and_keeps_every_worker_fed():
    window = 4  # two workers, two batches each in flight
    assert batch_size_for(5, window) == MIN_BATCH  # the seeds: one batch
    assert batch_size_for(1000, window) == 125  # eight batches: two windows' worth
    assert batch_size_for(1001, window) == 126
    assert batch_size_for(100_000, window) == MAX_BATCH
    assert batch_size_for(100_000, window, requested=7) == 7

