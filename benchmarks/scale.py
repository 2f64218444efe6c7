"""End-to-end speed and memory of `broadsheet run` against the limits measured in the same run.

    .venv/bin/python benchmarks/scale.py [--text 20000] [--html 5000] [--small 10000] [--large 100000]
        [--workers N] [--quick] [--results FILE] [--work DIR] [--corpora DIR]

Every figure is a ratio of two measurements taken in this one run, on the same generated
documents (benchmarks/corpus.py: unique lines, real page structure), because the machine is
shared and absolute timings drift:

- text end to end (`broadsheet run` on --text documents, fresh warehouse, --workers processes)
  against workers x the single-core rate of `extract_documents` on a sample of the same
  documents, already decoded, in this process;
- HTML end to end on --html pages against bare trafilatura (`bare_extraction`, metadata) in a
  `multiprocessing.Pool(workers)` over the same files;
- each of these two limits is measured right before and right after its run and the mean of
  the two taken; both are printed, so a host that changed speed meanwhile shows;
- peak memory summed over the run's process tree (the CLI, its extraction workers and
  Prefect's ephemeral API server; RSS, and PSS which counts shared pages once), sampled every
  0.2 s, of a --small and a --large run;
- the --large warehouse's rerun with 1% new documents, and its no-op rerun, against its first
  run's wall time.

Each `broadsheet run` is a fresh process that starts Prefect's ephemeral API; a run on an
empty folder measures that fixed cost, and each rate is also given without it. "Others" is
the CPU (in cores) the rest of the machine used during a measurement: with other work on it,
a ratio is pessimistic. The table is printed and written to --results (default
benchmarks/results/scale.md; a --quick smoke test writes no file unless --results is given).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import corpus  # benchmarks/corpus.py: this folder is sys.path[0]

from broadsheet.extract import extract_documents
from broadsheet.extract.outlet import OutletRegistry
from broadsheet.ingest import read_document, source_file

FULL = {"text": 20000, "html": 5000, "small": 10000, "large": 100000}
QUICK = {"text": 500, "html": 200, "small": 500, "large": 1000}
SAMPLE = 2000  # documents the single-core extraction rate is measured on
NEW_SHARE = 0.01
SAMPLE_EVERY = 0.2  # seconds between memory samples
# PSS (smaps_rollup walks every mapping) every 5th sample only: at every sample the sampler
# took CPU the run it measures needs.
PSS_EVERY = 5
GB = 1e9
RESULTS = ROOT / "benchmarks" / "results" / "scale.md"
BROADSHEET = Path(sys.executable).with_name("broadsheet")


def _busy_seconds() -> float:
    """CPU seconds the whole machine has spent not idle since boot."""
    with open("/proc/stat") as fh:
        fields = [int(x) for x in fh.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    """This process, its finished children (and theirs) and its live descendants, user + system."""
    me = psutil.Process()
    total = sum(me.cpu_times()[:4])  # user, system, children_user, children_system
    for child in me.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.NoSuchProcess:
            continue
    return total


@dataclass
class Timing:
    wall: float = 0.0
    cpu: float = 0.0  # ours
    others: float = 0.0  # cores the rest of the machine kept busy, on average


class Meter:
    """Wall time, our CPU time and everyone else's load over a `with` block."""

    def __enter__(self) -> Timing:
        self.timing = Timing()
        self.start = (time.perf_counter(), _own_cpu_seconds(), _busy_seconds())
        return self.timing

    def __exit__(self, *_exc) -> None:
        wall, cpu, busy = time.perf_counter(), _own_cpu_seconds(), _busy_seconds()
        self.timing.wall = wall - self.start[0]
        self.timing.cpu = cpu - self.start[1]
        self.timing.others = max(0.0, (busy - self.start[2]) - self.timing.cpu) / self.timing.wall


def _pss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            return next(int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def _role(p: psutil.Process, root: psutil.Process) -> str:
    if p.pid == root.pid:
        return "flow"
    command = " ".join(p.cmdline())
    return "worker" if "spawn_main" in command else "api" if "uvicorn" in command else p.name()


class PeakMemory(threading.Thread):
    """Samples the process tree under `pid` until it ends: the peak of the summed RSS and PSS,
    and the RSS of each process at the RSS peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.rss = self.pss = 0
        self.processes = 0
        self.at_peak = ""
        self.done = threading.Event()

    def run(self) -> None:
        samples = 0
        while not self.done.wait(SAMPLE_EVERY):
            samples += 1
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            parts = []
            for p in tree:
                try:
                    size = p.memory_info().rss
                    parts.append(f"{_role(p, self.root)} {size / GB:.2f}")
                except psutil.NoSuchProcess:
                    continue
                rss += size
                pss += _pss_bytes(p.pid) if samples % PSS_EVERY == 0 else 0
            if rss > self.rss:
                self.rss, self.at_peak = rss, ", ".join(parts)
            self.pss = max(self.pss, pss)
            self.processes = max(self.processes, len(tree))


@dataclass
class Run:
    label: str
    documents: int
    timing: Timing
    rss: int
    pss: int
    processes: int
    at_peak: str
    summary: str

    def rate(self, startup: float = 0.0) -> float:
        return self.documents / max(self.timing.wall - startup, 1e-9)


def broadsheet_run(label: str, folder: Path, warehouse: Path, workers: int, env: dict[str, str], documents: int) -> Run:
    """One `broadsheet run` in a fresh process, timed and its process tree sampled."""
    command = [str(BROADSHEET), "run", str(folder), "--warehouse", str(warehouse), "--workers", str(workers)]
    print(f"  {label}: {' '.join(command)}", flush=True)
    with Meter() as timing:
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = PeakMemory(proc.pid)
        sampler.start()
        out, err = proc.communicate()
        sampler.done.set()
        sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{label}: broadsheet run exited {proc.returncode}:\n{err[-3000:]}")
    summary = next((" ".join(line.split()) for line in out.splitlines() if "inputs found" in line or line.startswith("Nothing new")), "")
    run = Run(label, documents, timing, sampler.rss, sampler.pss, sampler.processes, sampler.at_peak, summary)
    print(
        f"    {timing.wall:.1f} s, {run.rate():.1f} docs/s, peak {sampler.rss / GB:.2f} GB RSS "
        f"({sampler.pss / GB:.2f} GB PSS) over {sampler.processes} processes ({sampler.at_peak}), others {timing.others:.2f} cores; {summary}",
        flush=True,
    )
    return run


def single_core_rate(folder: Path, sample: int) -> tuple[int, Timing]:
    """`extract_documents` over `sample` documents already read and decoded, in this process."""
    docs = [read_document(source_file(p)) for p in sorted(folder.rglob("*.txt"))[:sample]]
    registry = OutletRegistry.from_csv()
    extract_documents(docs[:20], registry)  # warm up: imports, compiled regexes, language model
    with Meter() as timing:
        extract_documents(docs, registry)
    return len(docs), timing


def _bare_trafilatura(path: str) -> bool:
    import trafilatura

    html = Path(path).read_bytes().decode("utf-8")
    return trafilatura.bare_extraction(html, with_metadata=True) is not None


def _noop(_: int) -> None:
    return None


def trafilatura_pool(folder: Path, workers: int) -> tuple[int, Timing]:
    """Bare trafilatura over every page of `folder` (each worker reads its files), `workers` processes."""
    import trafilatura  # noqa: F401 - imported before the fork, as the pipeline's workers have it

    paths = [str(p) for p in sorted(folder.rglob("*.html"))]
    with Pool(workers) as pool:
        pool.map(_noop, range(workers))  # workers started before the clock
        with Meter() as timing:
            pool.map(_bare_trafilatura, paths, chunksize=8)
        pool.close()
        pool.join()
    return len(paths), timing


def link_prefix(source: Path, target: Path, kind: str, count: int) -> Path:
    """`target` holding hard links to documents 0..count-1 of `source` (same bytes, same mtimes)."""
    for i in range(count):
        src, dst = corpus.path_of(source, kind, i), corpus.path_of(target, kind, i)
        dst.parent.mkdir(parents=True, exist_ok=True)
        os.link(src, dst)
    return target


def _gb(n: int) -> str:
    return f"{n / GB:.2f} GB"


def _row(figure: str, measured: str, limit: str, ratio: float | None, target: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("pass" if ok else "**fail**")
    return f"| {figure} | {measured} | {limit} | {'' if ratio is None else f'{ratio:.3f}'} | {target} | {verdict} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke test sizes: " + ", ".join(f"{k} {v}" for k, v in QUICK.items()))
    for name, size in FULL.items():
        parser.add_argument(f"--{name}", type=int, help=f"documents (default {size}, quick {QUICK[name]})")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction processes (default: cores)")
    parser.add_argument("--results", type=Path, help=f"markdown file for the table (default {RESULTS.relative_to(ROOT)}; none with --quick)")
    parser.add_argument("--work", type=Path, help="new folder for corpora and warehouses, kept (default: a temporary one, deleted)")
    parser.add_argument(
        "--corpora", type=Path,
        help="documents generated beforehand with benchmarks/corpus.py, in DIR/text-all and DIR/html (generation is not timed anyway)",
    )
    args = parser.parse_args(argv)
    sizes = {name: getattr(args, name) or (QUICK if args.quick else FULL)[name] for name in FULL}
    results = args.results or (None if args.quick else RESULTS)
    workers = args.workers
    if args.work and args.work.exists() and any(args.work.iterdir()):
        parser.error(f"--work {args.work} is not empty")
    work = args.work or Path(tempfile.mkdtemp(prefix="broadsheet-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_HOME=str(work / "prefect-home"))
    try:
        table = measure(sizes, workers, work, env, args.corpora)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print("\n" + table)
    if results:
        results.parent.mkdir(parents=True, exist_ok=True)
        results.write_text(table + "\n", encoding="utf-8")
        print(f"\nwritten to {results}")
    return 0


def measure(sizes: dict[str, int], workers: int, work: Path, env: dict[str, str], corpora: Path | None = None) -> str:
    started = datetime.datetime.now().astimezone()
    text_n, html_n, small_n, large_n = sizes["text"], sizes["html"], sizes["small"], sizes["large"]
    pool_n = max(text_n, small_n, large_n)
    new_n = max(1, round(NEW_SHARE * large_n))
    generated = {"text": 0.0, "html": 0.0}
    if corpora:
        html_folder = link_prefix(corpora / "html", work / "html", "html", html_n)
        text_source = corpora / "text-all"
    else:
        print(f"generating {pool_n} text and {html_n} HTML documents in {work}", flush=True)
        with Meter() as t:
            corpus.generate(work / "text-all", "text", pool_n)
        generated["text"] = t.wall
        with Meter() as t:
            html_folder = work / "html"
            corpus.generate(html_folder, "html", html_n)
        generated["html"] = t.wall
        text_source = work / "text-all"
    folders = {name: link_prefix(text_source, work / f"text-{name}", "text", sizes[name]) for name in ("text", "small", "large")}
    (work / "empty").mkdir(exist_ok=True)

    def run(label: str, folder: Path, warehouse: str, documents: int) -> Run:
        return broadsheet_run(label, folder, work / f"{warehouse}.duckdb", workers, env, documents)

    print("measuring", flush=True)
    run("warm-up (creates Prefect's database and a warehouse)", work / "empty", "empty", 0)
    startup = run("startup: empty folder, existing warehouse", work / "empty", "empty", 0)
    fixed = startup.timing.wall
    # Each limit is measured right before and right after the run it bounds, and their mean
    # taken: the host's speed drifts by 10-30% over minutes, unseen by `others`.
    singles = []
    for when in ("before", "after"):
        sample_n, single = single_core_rate(folders["text"], SAMPLE)
        singles.append(single)
        print(f"  single-core extract_documents ({when}): {sample_n} docs, {sample_n / single.wall:.1f} docs/s (CPU {sample_n / single.cpu:.1f}), others {single.others:.2f} cores")
        if when == "before":
            text = run("text end to end", folders["text"], "text", text_n)
    bares = []
    for when in ("before", "after"):
        html_pages, bare = trafilatura_pool(html_folder, workers)
        bares.append(bare)
        print(f"  bare trafilatura, Pool({workers}) ({when}): {html_pages} pages, {html_pages / bare.wall:.1f} pages/s, others {bare.others:.2f} cores")
        if when == "before":
            html = run("HTML end to end", html_folder, "html", html_n)
    single_rates = [sample_n / t.wall for t in singles]
    bare_rates = [html_pages / t.wall for t in bares]
    single_rate, bare_rate = sum(single_rates) / 2, sum(bare_rates) / 2
    small = run("memory, small run", folders["small"], "small", small_n)
    large = run("large run, first", folders["large"], "large", large_n)
    corpus.generate(folders["large"], "text", new_n, start=pool_n)
    more = run(f"large run + {new_n} new", folders["large"], "large", new_n)
    noop = run("large run, no-op rerun", folders["large"], "large", 0)

    text_limit = workers * single_rate
    first = large.timing.wall
    rows = [
        "| figure | measured | limit (same run) | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        _row("Prefect startup: `broadsheet run` on an empty folder", f"{fixed:.1f} s", "", None, "", None),
        _row(f"single-core `extract_documents`, {sample_n} text docs, before / after the text run", f"{single_rates[0]:.1f} / {single_rates[1]:.1f} docs/s, mean {single_rate:.1f}", "", None, "", None),
        _row(f"text end to end, {text_n} docs", f"{text.rate():.1f} docs/s", f"{workers} x {single_rate:.1f} = {text_limit:.1f}", text.rate() / text_limit, ">= 0.8", text.rate() >= 0.8 * text_limit),
        _row("text end to end, startup excluded", f"{text.rate(fixed):.1f} docs/s", f"{text_limit:.1f}", text.rate(fixed) / text_limit, ">= 0.8", text.rate(fixed) >= 0.8 * text_limit),
        _row(f"bare trafilatura, Pool({workers}), {html_pages} pages, before / after the HTML run", f"{bare_rates[0]:.1f} / {bare_rates[1]:.1f} pages/s, mean {bare_rate:.1f}", "", None, "", None),
        _row(f"HTML end to end, {html_n} pages", f"{html.rate():.1f} pages/s", f"{bare_rate:.1f}", html.rate() / bare_rate, ">= 0.85", html.rate() >= 0.85 * bare_rate),
        _row("HTML end to end, startup excluded", f"{html.rate(fixed):.1f} pages/s", f"{bare_rate:.1f}", html.rate(fixed) / bare_rate, ">= 0.85", html.rate(fixed) >= 0.85 * bare_rate),
        _row(f"peak memory, {small_n}-doc text run (RSS summed)", _gb(small.rss), "", None, "", None),
        _row(f"peak memory, {large_n}-doc text run (RSS summed)", _gb(large.rss), f"1.25 x {_gb(small.rss)}", large.rss / small.rss, "<= 1.25", large.rss <= 1.25 * small.rss),
        _row(f"peak memory, {large_n}-doc text run, under 2 GB", _gb(large.rss), "2.00 GB", large.rss / 2e9, "< 1", large.rss < 2e9),
        _row(f"peak memory, PSS (shared pages once): {small_n} / {large_n} docs", f"{_gb(small.pss)} / {_gb(large.pss)}", "", large.pss / small.pss, "", None),
        _row(f"first run, {large_n} docs", f"{first:.1f} s ({large.rate():.1f} docs/s)", "", None, "", None),
        _row(f"rerun with {new_n} new docs (1%)", f"{more.timing.wall:.1f} s", f"{first:.1f} s", more.timing.wall / first, "<= 0.05", more.timing.wall <= 0.05 * first),
        _row("rerun with 1% new, startup excluded", f"{more.timing.wall - fixed:.1f} s", f"{first - fixed:.1f} s", (more.timing.wall - fixed) / (first - fixed), "<= 0.05", more.timing.wall - fixed <= 0.05 * (first - fixed)),
        _row("no-op rerun", f"{noop.timing.wall:.1f} s", f"{first:.1f} s", noop.timing.wall / first, "<= 0.05", noop.timing.wall <= 0.05 * first),
        _row("no-op rerun, startup excluded", f"{noop.timing.wall - fixed:.1f} s", f"{first - fixed:.1f} s", (noop.timing.wall - fixed) / (first - fixed), "<= 0.05", noop.timing.wall - fixed <= 0.05 * (first - fixed)),
    ]
    runs = [startup, text, html, small, large, more, noop]
    details = [
        "| run | documents | wall | peak RSS | peak PSS | processes | RSS at the peak (GB) | others (cores) | outcome |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *(
            f"| {r.label} | {r.documents} | {r.timing.wall:.1f} s | {_gb(r.rss)} | {_gb(r.pss)} | {r.processes} | {r.at_peak} "
            f"| {r.timing.others:.2f} | {r.summary} |"
            for r in runs
        ),
        *(
            f"| single-core extract_documents ({when}) | {sample_n} | {t.wall:.1f} s | | | 1 | | {t.others:.2f} | |"
            for when, t in zip(("before", "after"), singles)
        ),
        *(
            f"| bare trafilatura Pool({workers}) ({when}) | {html_pages} | {t.wall:.1f} s | | | {workers + 1} | | {t.others:.2f} | |"
            for when, t in zip(("before", "after"), bares)
        ),
    ]
    memory = psutil.virtual_memory().total
    header = [
        "# Scale benchmark (`benchmarks/scale.py`)",
        "",
        (
            f"Measured {started:%Y-%m-%d %H:%M %Z} on {os.cpu_count()} cores, {memory / 2**30:.0f} GiB, "
            f"{platform.python_implementation()} {platform.python_version()}; workers = {workers}; sizes: text {text_n}, "
            f"HTML {html_n}, small {small_n}, large {large_n} (generated by `benchmarks/corpus.py`"
            + (f" beforehand into {corpora}" if corpora else f" in {generated['text']:.0f} s + {generated['html']:.0f} s")
            + ", not timed below)."
        ),
        "",
    ]
    return "\n".join([*header, *rows, "", "Runs (`broadsheet run` in a fresh process each; others = CPU the rest of the machine used meanwhile):", "", *details])


if __name__ == "__main__":
    sys.exit(main())
