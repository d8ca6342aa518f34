"""The ``explainer`` command: build, preview and check the bilingual site.

``explainer build [--site-dir DIR]`` builds every language into ``site/``;
``explainer bundle [--dist-dir DIR]`` writes the offline bundle, one zip, into ``dist/``;
``explainer serve`` previews both languages and rebuilds on save;
``explainer check [--strict]`` runs every content rule without building;
``explainer status [--json] [--accept PATH]`` reports and updates translation status.
Errors an editor can cause are printed with their file and line, never as a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from .build import build_into, build_site, check_project, load_project
from .bundle import describe, make_bundle
from .check import translation_units
from .errors import ContentInvalid
from .status import accept, as_json, table


def _report(action: Callable[[], object]) -> int:
    """Run ``action``; print what went wrong in the editor's terms and return an exit code."""
    try:
        action()
    except ContentInvalid as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        print(f"explainer: {len(exc.errors)} error(s); nothing was built", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"explainer: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the complete site."""

    def run() -> None:
        target = build_site(args.config_file, args.site_dir)
        print(f"explainer: site built in {target}")

    return _report(run)


def cmd_bundle(args: argparse.Namespace) -> int:
    """Write the offline bundle, saying what each stage does and what the archive holds."""

    def say(line: str) -> None:
        print(f"explainer: {line}", flush=True)

    def run() -> None:
        report = make_bundle(args.config_file, args.dist_dir, progress=say)
        for line in describe(report):
            say(line)
        say(f"bundle written in {report.seconds:.1f} s")

    return _report(run)


def cmd_check(args: argparse.Namespace) -> int:
    """Print every problem as ``path:line:col: severity: message [rule]``; fail on errors."""
    outcome: dict[str, int] = {}

    def run() -> None:
        problems, _ = check_project(args.config_file)
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        for problem in problems:
            print(problem.for_editor())
            if github:
                print(problem.for_github())
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        print(f"explainer check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        outcome["failed"] = int(errors > 0 or (args.strict and warnings > 0))

    code = _report(run)
    return code or outcome.get("failed", 0)


def cmd_status(args: argparse.Namespace) -> int:
    """Report translation status, or accept translations as current."""

    def run() -> None:
        project = load_project(args.config_file)
        units = translation_units(project.docs_root, project.content)
        if args.accept:
            for target in args.accept:
                for line in accept(target, units):
                    print(line)
            return
        print(as_json(units) if args.json else table(units))

    return _report(run)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a live preview of every language, rebuilding when a source file changes."""
    from mkdocs.livereload import LiveReloadServer

    root = Path(tempfile.mkdtemp(prefix="explainer-serve-"))
    host, _, port = args.dev_addr.rpartition(":")

    def rebuild() -> None:
        code = _report(lambda: build_into(load_project(args.config_file), root))
        if code:
            print(
                "explainer: fix the errors above; the preview keeps the last good build",
                file=sys.stderr,
            )

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=int(port), root=str(root))
    base = Path(args.config_file).parent
    for watched in ("docs", "overrides", args.config_file):
        server.watch(str(base / watched))
    print(f"explainer: serving http://{args.dev_addr}/ (English at /en/); Ctrl+C stops")
    try:
        server.serve()  # type: ignore[no-untyped-call]
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def show_engine_messages() -> None:
    """Print MkDocs' warnings and errors, which it logs rather than raises.

    Without this a plugin's error reaches the command only as "Aborted with a
    BuildError!", and a strict-mode warning only as a count.
    """
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "explainer", False) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("explainer: %(levelname)s: %(message)s"))
        handler.explainer = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    show_engine_messages()
    parser = argparse.ArgumentParser(prog="explainer", description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the complete site, every language")
    build.add_argument("--site-dir", help="output directory (default: site_dir of mkdocs.yml)")
    build.set_defaults(run=cmd_build)
    bundle = commands.add_parser("bundle", help="write the offline bundle (one zip) into dist/")
    bundle.add_argument("--dist-dir", help="output directory (default: dist/ beside mkdocs.yml)")
    bundle.set_defaults(run=cmd_bundle)
    serve = commands.add_parser("serve", help="live preview of every language")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port")
    serve.set_defaults(run=cmd_serve)
    check = commands.add_parser("check", help="run every content rule, without building")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=cmd_check)
    status = commands.add_parser("status", help="translation status of every page and record")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--accept",
        nargs="+",
        metavar="PATH",
        help="mark the translation in PATH (or PATH#id) as current",
    )
    status.set_defaults(run=cmd_status)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
