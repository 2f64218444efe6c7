"""The `broadsheet` command line: run, serve, deploy, extract, explain, eval, query, quality, release, status."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from datetime import date
from pathlib import Path

from broadsheet.warehouse import DEFAULT_WAREHOUSE


EXIT_BUSY = 75  # EX_TEMPFAIL: another run holds the warehouse; try again later


class UserError(Exception):
    """Something the user can fix: printed as one line on stderr, exit status 2."""


def cmd_run(args: argparse.Namespace) -> int:
    from broadsheet.ingest import InputPathError, discover

    try:
        discover(args.paths)  # fail fast on a wrong path, before Prefect starts
    except InputPathError as exc:
        raise UserError(str(exc)) from exc
    if not args.verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # The ephemeral server's telemetry writes race on its SQLite file and log tracebacks.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from broadsheet.pipeline import RunBlocked
    from broadsheet.runlock import WarehouseBusy, run_lock

    def say(message: str) -> None:
        print(f"broadsheet: {message}", file=sys.stderr)

    # Taken here, before Prefect starts, so a busy warehouse is reported at once; the flow
    # takes the same lock again (re-entrant within a process).
    try:
        with run_lock(args.warehouse, wait=not args.no_wait, on_wait=say):
            from flows.news_pipeline import news_pipeline

            try:
                report = news_pipeline(inputs=list(args.paths), warehouse=str(args.warehouse))
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
    }


def _read_inputs(paths: list[str]):
    from broadsheet.ingest import InputPathError, discover, read_with_retries

    try:
        sources = discover(paths)
    except InputPathError as exc:
        raise UserError(str(exc)) from exc
    return [read_with_retries(s) for s in sources]


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

    corpus = Path(args.corpus)
    if not corpus.exists():
        raise UserError(f"no such corpus: {args.corpus}")
    results = run_corpus(corpus, jobs=args.jobs, fingerprints=args.fingerprints)
    print(report(corpus, results, args.details))
    return 0


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


def run_query(db_path: str | Path, sql: str) -> tuple[list[str], list[tuple]]:
    import duckdb

    from broadsheet.warehouse import WarehouseError, connect

    try:
        with connect(db_path, read_only=True) as con:
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description] if cursor.description else []
            return columns, cursor.fetchall()
    except (duckdb.Error, WarehouseError) as exc:
        raise UserError(str(exc).splitlines()[0]) from exc


def reader_path(args: argparse.Namespace) -> Path:
    """Readers open the published snapshot, never the working file a run may be writing."""
    from broadsheet.snapshot import snapshot_path

    return Path(args.warehouse) if args.working else snapshot_path(args.warehouse)


def cmd_query(args: argparse.Namespace) -> int:
    columns, rows = run_query(reader_path(args), args.sql)
    text = format_rows(columns, rows, args.format)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    columns, rows = run_query(
        reader_path(args),
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
    from broadsheet.warehouse import WarehouseError, connect, stored_outcome

    try:
        with connect(reader_path(args), read_only=True) as con:
            run_id, outcome, results = stored_outcome(con, args.run)
            print(quality_markdown(con, run_id, outcome, results))
    except WarehouseError as exc:
        raise UserError(str(exc)) from exc
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
    parser = argparse.ArgumentParser(prog="broadsheet", description="Raw news pages to a checked warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    def with_warehouse(p: argparse.ArgumentParser) -> None:
        p.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), help="DuckDB file (default: %(default)s)")

    def reading_snapshot(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--working", action="store_true",
            help="read the working file instead of its published snapshot (fails while a run writes)",
        )

    p = sub.add_parser("run", help="run the news-pipeline flow on files and folders")
    p.add_argument("paths", nargs="*", default=["seeds"], help="input files or folders (default: seeds)")
    p.add_argument("-v", "--verbose", action="store_true", help="show Prefect's logs")
    p.add_argument("--no-wait", action="store_true", help=f"if another run is writing, exit {EXIT_BUSY} instead of waiting")
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

    p = sub.add_parser("eval", help="score extraction on a labelled corpus")
    p.add_argument("corpus", help="corpus folder with gold.jsonl, or a gold .jsonl file")
    p.add_argument("--details", type=int, default=0, metavar="N", help="list the N worst documents")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument(
        "--fingerprints",
        action="store_true",
        help="remove per-site template lines learned from the corpus's other pages of the site",
    )
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
