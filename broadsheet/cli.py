"""The `broadsheet` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class UserError(Exception):
    """Something the user can fix: printed as one line on stderr, exit status 2."""


def cmd_eval(args: argparse.Namespace) -> int:
    from broadsheet.evaluate import report, run_corpus

    corpus = Path(args.corpus)
    if not corpus.exists():
        raise UserError(f"no such corpus: {args.corpus}")
    results = run_corpus(corpus, jobs=args.jobs)
    print(report(corpus, results, args.details))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="broadsheet", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("eval", help="score extraction on a labelled corpus")
    p.add_argument("corpus", help="corpus folder with gold.jsonl, or a gold .jsonl file")
    p.add_argument("--details", type=int, default=0, metavar="N", help="list the N worst documents")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    p.set_defaults(handler=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"broadsheet: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
