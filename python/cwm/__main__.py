"""python3 -m cwm report DB OUT [--peers FILE] [--title TEXT]: a Markdown
report of a tuning database (cwm.report)."""

import argparse
import json
import sys


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m cwm")
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="Markdown report of a tuning database")
    report.add_argument("database")
    report.add_argument("output", help="folder for index.md and the curves")
    report.add_argument("--peers", help="JSON: {peer: {task name: seconds}}")
    report.add_argument("--title")
    args = parser.parse_args(argv)
    import cwm
    peers = None
    if args.peers:
        try:
            with open(args.peers) as f:
                peers = json.load(f)
        except (OSError, ValueError) as error:
            sys.exit(f"cwm report: cannot read peers file {args.peers}: {error}")
    try:
        path = cwm.report(args.database, args.output, peers=peers, title=args.title)
    except (OSError, RuntimeError, ValueError) as error:
        sys.exit(f"cwm report: {error}")
    print(path)


if __name__ == "__main__":
    main()
