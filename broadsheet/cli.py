"""The `broadsheet` command line: run, serve, deploy, extract, explain, eval, query, export, status, quality,
release, outlets."""

from __future__ import annotations

import argparse
import atexit
import csv
import io
import json
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import NoReturn


EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


class UserError(Exception):
    """Something the user can fix: printed as one line on stderr, exit status 2."""


def cmd_run(args: argparse.Namespace) -> int:
    from broadsheet.ingest import InputPathError, check_roots
    from broadsheet.limits import Limits
    from broadsheet.manifest import read_manifest

    try:
        check_roots(args.paths)  # fail fast on a wrong path, before Prefect starts
        limits = Limits.parse(args.limit)
        if args.manifest:
            read_manifest(args.manifest)  # likewise a manifest that cannot be read
    except (InputPathError, ValueError) as exc:
        raise UserError(str(exc)) from exc
    # The ephemeral server's telemetry writes race on its SQLite file and log tracebacks.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # Its default 20 s to start is missed on a loaded machine, failing the run before it began.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from broadsheet.runlock import WarehouseBusy, run_lock

    def say(message: str) -> None:
        print(f"broadsheet: {message}", file=sys.stderr)

    # Taken here, before Prefect starts, so a busy warehouse is reported at once; the flow
    # takes the same lock again (re-entrant within a process).
    try:
        with run_lock(args.warehouse, wait=not args.no_wait, on_wait=say):
            from flows.api_server import confirm_local_api, start_local_api

            api = confirm_local_api(start_local_api())  # starts while Prefect and the flow import
            from broadsheet.pipeline import RunBlocked
            from flows.news_pipeline import news_pipeline

            if api:
                # An API that ends with this command: shipping every log line to it costs the
                # workers' CPU and nobody will read them there (the run summary and -v do).
                os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
                from broadsheet.quality import import_great_expectations

                import_great_expectations()  # in the ~2 s the server takes to start

            try:
                with api.serving() if api else nullcontext():
                    report = news_pipeline(
                        inputs=list(args.paths), warehouse=str(args.warehouse),
                        limits=asdict(limits),
                        follow_symlinks=args.follow_symlinks,
                        workers=args.workers,
                        batch_size=args.batch_size,
                        dask_address=args.dask,
                        manifest=args.manifest,
                    )
            except RunBlocked as blocked:
                print(blocked.report.summary())
                say(str(blocked))
                return 1
    except WarehouseBusy as busy:
        say(str(busy))
        return EXIT_BUSY
    print(report.summary())
    return 0


def cmd_deploy(args: argparse.Namespace) -> int:
    from flows.deploy import register_deployments

    for deployment_id in register_deployments():
        print(f"deployment {deployment_id}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from flows.serve import serve_all

    serve_all()
    return 0


def _extraction_record(path: str, e) -> dict:
    return {
        "file": path,
        "title": e.title,
        "outlet": e.outlet,
        "published": e.published.isoformat() if e.published else None,
        "published_evidence": e.published_evidence,
        "published_kind": e.published_kind,
        "dateline": e.dateline,
        "wire": e.wire,
        "language": e.language,
        "word_count": e.word_count,
        "body": e.body,
        "rejected": e.rejected,
    }


def _read_inputs(paths: list[str]):
    from broadsheet.ingest import InputPathError, discover, read_with_retries

    try:
        found = discover(paths)
    except InputPathError as exc:
        raise UserError(str(exc)) from exc
    for skipped in found.ignored:
        print(f"broadsheet: {skipped.path}: ignored: {skipped.reason}", file=sys.stderr)
    return [read_with_retries(s) for s in found.sources]


def cmd_extract(args: argparse.Namespace) -> int:
    from broadsheet.extract import extract_document
    from broadsheet.outlets import OutletRegistry
    from broadsheet.records import RawDocument

    registry = OutletRegistry.from_csv()
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    problems = 0
    try:
        for doc in _read_inputs(args.paths):
            if isinstance(doc, RawDocument):
                record = _extraction_record(doc.path, extract_document(doc, registry))
            else:
                problems += 1
                record = {"file": doc.path, "error": doc.reason}
                print(f"broadsheet: {doc.path}: {doc.reason}", file=sys.stderr)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if problems else 0


def cmd_explain(args: argparse.Namespace) -> int:
    from broadsheet.explain import explain
    from broadsheet.outlets import OutletRegistry
    from broadsheet.records import RawDocument

    registry = OutletRegistry.from_csv()
    for doc in _read_inputs([args.path]):
        if not isinstance(doc, RawDocument):
            raise UserError(f"{doc.path}: {doc.reason}")
        print(explain(doc, registry))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from broadsheet.evaluate import report, run_corpus

    if args.gate is not None or args.update_floors:
        return _eval_gate(args)
    if args.allow_lower:
        raise UserError("--allow-lower goes with --update-floors")
    if args.corpus is None:
        raise UserError("give a corpus, or --gate to check every corpus of the floors baseline")
    corpus = Path(args.corpus)
    if not corpus.exists():
        raise UserError(f"no such corpus: {args.corpus}")
    results = run_corpus(corpus, jobs=args.jobs, fingerprints=args.fingerprints, with_urls=args.with_urls)
    print(report(corpus, results, args.details))
    return 0


def _eval_gate(args: argparse.Namespace) -> int:
    """`eval --gate [BASELINE]`: every corpus of the baseline against its floors and digest
    (exit 1, one line per failure); `--update-floors` re-sets them from the measured values."""
    from broadsheet import evaluate as ev

    if args.fingerprints or args.with_urls:
        raise UserError("the gate measures the pipeline as it runs on pages alone: no --fingerprints, no --with-urls")
    if args.allow_lower and not args.update_floors:
        raise UserError("--allow-lower goes with --update-floors")
    path = Path(args.gate) if args.gate else ev.DEFAULT_BASELINE
    only = None
    if args.corpus is not None:  # one corpus of the baseline (or, with --update-floors, a new one)
        only = [os.path.relpath(Path(args.corpus).resolve(), ev.PROJECT_ROOT)]
    if path.exists():
        try:
            baseline = ev.load_baseline(path)
        except (OSError, ValueError) as exc:
            raise UserError(f"{path}: unreadable baseline ({exc})") from exc
    elif args.update_floors and only:
        baseline = {"margins": dict(ev.DEFAULT_MARGINS), "corpora": []}
    else:
        raise UserError(f"no floors baseline at {path}")
    if only and not args.update_floors and only[0] not in {e["corpus"] for e in baseline["corpora"]}:
        raise UserError(f"{only[0]} is not in {path} (add it with --update-floors)")
    measured = ev.measure_baseline(baseline, jobs=args.jobs, only=only)
    print(ev.gate_report(measured))
    if args.update_floors:
        updated, changes, refusals = ev.updated_baseline(baseline, measured, allow_lower=args.allow_lower)
        for line in refusals:
            print(f"REFUSED {line}")
        if refusals:
            print(f"{path} not written")
            return 1
        ev.write_baseline(path, updated)
        for line in changes:
            print(f"updated {line}")
        print(f"{path} written ({len(changes)} change{'s' if len(changes) != 1 else ''})")
        return 0
    checked = {**baseline, "corpora": [e for e in baseline["corpora"] if only is None or e["corpus"] in only]}
    failures = ev.gate_failures(checked, measured)
    for line in failures:
        print(f"FAIL {line}")
    print(
        f"gate: {len(failures)} failure{'s' if len(failures) != 1 else ''} on {len(checked['corpora'])} corpora"
        if failures
        else f"gate passed: {len(checked['corpora'])} corpora at or above their floors ({path})"
    )
    return 1 if failures else 0


def _cell(value, width: int = 60) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_rows(columns: list[str], rows: list[tuple], fmt: str) -> str:
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(["" if v is None else v for v in row] for row in rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, row)) for row in rows],
            ensure_ascii=False,
            indent=1,
            default=lambda v: v.isoformat() if isinstance(v, date) else str(v),
        )
    cells = [[_cell(c) for c in columns]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


@contextmanager
def _as_user_errors() -> Iterator[None]:
    """What a reader can fix (bad or refused SQL, no warehouse) as one-line UserErrors."""
    import duckdb

    from broadsheet.readside import QueryRefused
    from broadsheet.warehouse import WarehouseError

    try:
        yield
    except (duckdb.Error, WarehouseError, QueryRefused) as exc:
        raise UserError(str(exc).splitlines()[0]) from exc


def run_query(db_path: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    """One SELECT on a guarded read-only connection to `db_path`."""
    from broadsheet.readside import run_readonly_query

    with _as_user_errors():
        return run_readonly_query(db_path, sql)


@contextmanager
def reader(args: argparse.Namespace):
    """A guarded connection to the published snapshot, or with --working to the working file
    under the run lock (refused at once while a run holds it)."""
    from broadsheet.readside import reader_connection
    from broadsheet.runlock import WarehouseBusy

    with _as_user_errors():
        try:
            with reader_connection(args.warehouse, working=args.working) as con:
                yield con
        except WarehouseBusy as exc:
            raise UserError(
                f"a run is writing to {args.warehouse}; read the published snapshot (drop --working) "
                "or retry when it ends"
            ) from exc


def cmd_query(args: argparse.Namespace) -> int:
    from broadsheet.readside import readonly_query

    with reader(args) as con:
        columns, rows = readonly_query(con, args.sql)
    text = format_rows(columns, rows, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from broadsheet.readside import export
    from broadsheet.snapshot import snapshot_path

    out = Path(args.out)
    warehouse = Path(args.warehouse)
    if out.resolve() in {p.resolve() for p in (warehouse, snapshot_path(warehouse))}:
        raise UserError(f"refusing to overwrite the warehouse with an export: {out}")
    if not out.parent.is_dir():
        raise UserError(f"no such folder: {out.parent}")
    if out.is_dir():
        raise UserError(f"{out} is a folder; --out names the file to write")
    with reader(args) as con:
        rows = export(con, args.relation_or_sql, args.format, out)
    print(f"{rows} row{'s' if rows != 1 else ''} written to {out} ({args.format})")
    return 0


_DISCOVERED_SQL = (
    "SELECT name, domain, pages, first_seen, last_seen, sources, evidence, domains FROM outlets_discovered"
)


def _discovered(args: argparse.Namespace) -> tuple[list[str], list[tuple]]:
    from broadsheet.readside import readonly_query

    with reader(args) as con:
        return readonly_query(con, _DISCOVERED_SQL)


def cmd_outlets(args: argparse.Namespace) -> int:
    """`outlets`: the discovered outlets with their page counts; `outlets promote NAME`."""
    if args.outlets_command == "promote":
        return _promote(args)
    columns, rows = _discovered(args)
    text = format_rows(columns[:-1], [row[:-1] for row in rows], args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _promote(args: argparse.Namespace) -> int:
    """Append a registry row for a discovered outlet: its name, its domains; the country,
    languages and founding year are left for a person to fill in."""
    from broadsheet.outlets import OutletRegistry

    registry_path = Path(args.registry)
    if not registry_path.is_file():
        raise UserError(f"no registry at {registry_path}")
    registry = OutletRegistry.from_csv(registry_path)
    if registry.match_name(args.name):
        raise UserError(f"{args.name!r} is already in {registry_path} (as {registry.match_name(args.name).name!r})")
    columns, rows = _discovered(args)
    found = next((dict(zip(columns, row)) for row in rows if row[0] == args.name), None)
    if found is None:
        raise UserError(f"no discovered outlet named {args.name!r} (see `broadsheet outlets`)")
    text = registry_path.read_text(encoding="utf-8")
    header = next(csv.reader([text.splitlines()[0]]))
    row = {"name": found["name"], "aliases": "", "domains": "|".join(found["domains"] or [])}
    with open(registry_path, "a", newline="", encoding="utf-8") as fh:
        if not text.endswith("\n"):
            fh.write("\n")
        csv.writer(fh, lineterminator="\n").writerow([row.get(column, "") for column in header])
    print(f"added {found['name']!r} to {registry_path} (domains: {row['domains'] or 'none'}); "
          "fill in its country, languages and founding year")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from broadsheet.readside import readonly_query

    with reader(args) as con:
        columns, rows = readonly_query(
            con,
            f"""
            SELECT r.run_id[:8] AS run, strftime(r.started_at, '%Y-%m-%d %H:%M') AS started, r.status,
                   r.read, r.published, r.quarantined, r.checks_failed,
                   (SELECT string_agg(q.expectation || ' (' || q.severity || ')', ', ')
                      FROM quality_results q WHERE q.run_id = r.run_id AND NOT q.success) AS failing
            FROM runs r ORDER BY r.started_at DESC LIMIT {int(args.last)}
            """,
        )
    print(format_rows(columns, rows, "table"))
    return 0


def cmd_quality(args: argparse.Namespace) -> int:
    from broadsheet.report import quality_markdown
    from broadsheet.warehouse import stored_outcome

    with reader(args) as con:
        run_id, outcome, results = stored_outcome(con, args.run)
        print(quality_markdown(con, run_id, outcome, results))
    return 1 if outcome.status == "blocked" else 0


def cmd_release(args: argparse.Namespace) -> int:
    from broadsheet.report import verdict
    from broadsheet.runlock import run_lock
    from broadsheet.snapshot import publish_snapshot
    from broadsheet.warehouse import WarehouseError, connect, release_run, stored_outcome

    # Releasing writes the working file and republishes the readers' snapshot, as a run does.
    with run_lock(args.warehouse, on_wait=lambda message: print(f"broadsheet: {message}", file=sys.stderr)):
        try:
            with connect(args.warehouse) as con:
                release_run(con, args.run)
                _, outcome, results = stored_outcome(con, args.run)
        except WarehouseError as exc:
            raise UserError(str(exc)) from exc
        publish_snapshot(args.warehouse)
    print(verdict(outcome, results))
    return 0


def build_parser() -> argparse.ArgumentParser:
    # Imported here, not with the module: a run's worker processes import this module (it is
    # their parent's main module) and need none of DuckDB, Arrow or the extraction package.
    from broadsheet.outlets import DEFAULT_REGISTRY
    from broadsheet.readside import EXPORT_FORMATS
    from broadsheet.warehouse import DEFAULT_WAREHOUSE

    parser = argparse.ArgumentParser(prog="broadsheet", description="Raw news pages to a checked warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_warehouse(p: argparse.ArgumentParser) -> None:
        p.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (default: %(default)s)")

    def reading_snapshot(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--working", action="store_true",
            help="read the working file instead of its published snapshot, holding the run lock "
                 "(refused while a run writes; a run that starts meanwhile waits)",
        )

    p = sub.add_parser("run", help="run the news-pipeline flow on files and folders")
    p.add_argument("paths", nargs="*", default=["seeds"], help="input files or folders (default: seeds)")
    p.add_argument("-v", "--verbose", action="store_true", help="show Prefect's logs")
    p.add_argument("--no-wait", action="store_true", help=f"if another run is writing, exit {EXIT_BUSY} instead of waiting")
    p.add_argument(
        "--limit", action="append", metavar="NAME=VALUE",
        help="override a per-document cap, e.g. max_body_words=50000 (see broadsheet/limits.py)",
    )
    p.add_argument("--follow-symlinks", action="store_true", help="follow symlinks that lead out of the input folders")
    p.add_argument("--workers", type=int, metavar="N", help="extraction processes (default: one per core; 0: in this process)")
    p.add_argument(
        "--batch-size", type=int, metavar="N",
        help="documents per task run (default: up to 500, fewer in a small run so every worker gets several)",
    )
    p.add_argument("--manifest", metavar="FILE", help="crawl manifest, CSV or JSONL: path, url, optional fetched_at, outlet")
    p.add_argument(
        "--dask", metavar="tcp://HOST:PORT",
        help="extract on this Dask distributed cluster (inputs on a path its workers share)",
    )
    with_warehouse(p)
    p.set_defaults(handler=cmd_run)

    p = sub.add_parser("serve", help="serve the prefect.yaml deployments on their schedules (no worker needed)")
    p.set_defaults(handler=cmd_serve)

    p = sub.add_parser("deploy", help="register the prefect.yaml deployments with their work pool (for a worker)")
    p.set_defaults(handler=cmd_deploy)

    p = sub.add_parser("extract", help="extraction only, no warehouse: one JSON object per file")
    p.add_argument("paths", nargs="+")
    p.add_argument("--out", help="JSONL file to write (default: stdout)")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser("explain", help="show each line kept or removed and why, and the date candidates")
    p.add_argument("path")
    p.set_defaults(handler=cmd_explain)

    p = sub.add_parser("eval", help="score extraction on a labelled corpus, or gate every corpus on its floors")
    p.add_argument("corpus", nargs="?", help="corpus folder with gold.jsonl, or a gold .jsonl file")
    p.add_argument("--details", type=int, default=0, metavar="N", help="list the N worst documents")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument(
        "--fingerprints",
        action="store_true",
        help="remove per-site template lines learned from the corpus's other pages of the site",
    )
    p.add_argument(
        "--with-urls",
        action="store_true",
        help="give each document its gold url, as a crawl manifest would (outlets by domain)",
    )
    p.add_argument(
        "--gate",
        nargs="?",
        const="",
        default=None,
        metavar="BASELINE",
        help="check every corpus of the floors baseline (default tests/extraction_floors.json):"
        " exit 1 when a metric is under its floor, a corpus is missing or its digest differs",
    )
    p.add_argument(
        "--update-floors",
        action="store_true",
        help="rewrite the baseline's floors (measured - margin) and digests; never lowers a floor",
    )
    p.add_argument("--allow-lower", action="store_true", help="with --update-floors: let floors go down")
    p.set_defaults(handler=cmd_eval)

    p = sub.add_parser("query", help="run a read-only SQL query on the published snapshot of the warehouse")
    p.add_argument("sql")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    with_warehouse(p)
    reading_snapshot(p)
    p.set_defaults(handler=cmd_query)

    p = sub.add_parser("quality", help="the quality verdict of a run (default: the latest)")
    p.add_argument("run", nargs="?", help="run id or its first characters")
    with_warehouse(p)
    reading_snapshot(p)
    p.set_defaults(handler=cmd_quality)

    p = sub.add_parser("release", help="publish a blocked run after a person has looked at it")
    p.add_argument("run", help="run id or its first characters")
    with_warehouse(p)
    p.set_defaults(handler=cmd_release)

    p = sub.add_parser("status", help="the last runs and their quality")
    p.add_argument("--last", type=int, default=10)
    with_warehouse(p)
    reading_snapshot(p)
    p.set_defaults(handler=cmd_status)

    p = sub.add_parser("export", help="write a relation or one SELECT from the published snapshot to a file")
    p.add_argument("relation_or_sql", help="a relation name (e.g. published_articles) or one SELECT statement")
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    p.add_argument("--out", required=True, metavar="PATH", help="file to write (replaced atomically)")
    with_warehouse(p)
    reading_snapshot(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("outlets", help="the outlets pages named that the registry lacks, with counts; promote one")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    with_warehouse(p)
    reading_snapshot(p)
    outlets = p.add_subparsers(dest="outlets_command")
    promote = outlets.add_parser("promote", help="append a discovered outlet to the registry CSV, for a person to complete")
    promote.add_argument("name", help="the discovered outlet's name, as `broadsheet outlets` lists it")
    promote.add_argument("--registry", default=str(DEFAULT_REGISTRY), help="registry CSV (default: %(default)s)")
    # Also after `promote`; SUPPRESS: absent there, they must not reset the values given before it.
    promote.add_argument("--warehouse", default=argparse.SUPPRESS, help="DuckDB file")
    promote.add_argument("--working", action="store_true", default=argparse.SUPPRESS, help="read the working file")
    p.set_defaults(handler=cmd_outlets)

    verbose_help = "on an unexpected error, print its traceback too"
    parser.add_argument("-v", "--verbose", dest="traceback", action="store_true", help=verbose_help)
    for name, command in sub.choices.items():
        if name != "run":  # `run -v` is its own flag (Prefect's logs); main() adds the traceback to it
            # SUPPRESS: absent after the command, it must not reset a -v given before it
            command.add_argument("-v", "--verbose", dest="traceback", action="store_true",
                                 default=argparse.SUPPRESS, help=verbose_help)
    return parser


def _exit_without_teardown(status: int) -> NoReturn:
    """End the program once its work is done: the exit handlers run (Prefect's flush its
    services), the streams are flushed, and the process ends without the interpreter's teardown.
    That teardown frees what a run loaded (Prefect, Great Expectations, DuckDB) for ~1 s, memory
    the OS takes back at once anyway (mypy's `hard_exit` skips it likewise), and DuckDB objects
    still held by Prefect's daemon threads made DuckDB's bindings print `nanobind: leaked ...`."""
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone, or the stream closed
            pass
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """The program (argv None: read sys.argv, and end the process when done) or a call from
    Python with its arguments."""
    status = _run_command(argv)
    if argv is None:
        _exit_without_teardown(status)
    return status


def _run_command(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    args.verbose = args.traceback = args.traceback or getattr(args, "verbose", False)
    if args.handler is cmd_run and not args.verbose:
        # Prefect logs a failing flow's traceback at ERROR; without -v the failure is our one line.
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "CRITICAL")
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - anything unexpected: one line, the traceback with -v
        if args.traceback:
            traceback.print_exc()
        lines = str(exc).strip().splitlines()
        print(f"broadsheet: {type(exc).__name__}" + (f": {lines[0]}" if lines else ""), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
