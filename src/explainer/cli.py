"""The ``explainer`` command: build, preview and check the bilingual site.

``explainer build [--site-dir DIR]`` builds every language into ``site/``;
``explainer bundle [--dist-dir DIR]`` writes the offline editions into ``dist/`` (the zip,
and one HTML file per language);
``explainer serve`` previews every language and rebuilds on save;
``explainer check [--strict]`` runs every content rule without building;
``explainer new DIR`` writes a starter explainer that builds and passes every check;
``explainer status [--json] [--accept PATH]`` reports and updates translation status.
Every command takes ``-f/--config-file PATH`` (before or after the command's name).

Errors an editor can cause are printed with their file and line, never as a traceback.
Exit codes: 0 success, 1 content errors, 2 usage, 70 (``EX_SOFTWARE``) an internal
error, whose traceback goes to a log file; a closed pipe (``explainer status | head``)
ends the command quietly.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.exceptions import MkDocsException

from .build import build_site, check_project, load_project
from .check import translation_units
from .errors import ContentInvalid, display_path
from .languages import Language, language_name
from .new import TargetNotEmpty, UnknownLanguage, write_starter
from .status import accept, as_json, string_notes, strings_table, table

#: Exit code of an internal error (BSD sysexits' EX_SOFTWARE); 1 means content errors.
EX_SOFTWARE = 70
#: Exit code after the reader closed the pipe, as a shell reports a process ended by SIGPIPE.
EX_PIPE = 128 + 13


def _report(action: Callable[[], object]) -> int:
    """Run ``action``; print what went wrong in the editor's terms and return an exit code."""
    try:
        action()
    except ContentInvalid as exc:
        for error in exc.errors:
            print(error.for_editor(), file=sys.stderr)
        print(f"explainer: {len(exc.errors)} error(s); nothing was built", file=sys.stderr)
        return 1
    except MkDocsException as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # not the content's fault: main() ends quietly
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"explainer: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the complete site."""

    def run() -> None:
        target = build_site(args.config_file, args.site_dir)
        print(f"explainer: site built in {display_path(target)}")

    return _report(run)


def cmd_bundle(args: argparse.Namespace) -> int:
    """Write the offline editions, saying what each stage does and what each file holds."""

    def say(line: str) -> None:
        print(f"explainer: {line}", flush=True)

    def run() -> None:
        from .bundle import describe, make_bundle  # fontTools and MkDocs: when bundling

        report = make_bundle(args.config_file, args.dist_dir, progress=say)
        for line in describe(report):
            say(line)
        say(f"bundle written in {report.seconds:.1f} s")

    return _report(run)


def cmd_new(args: argparse.Namespace) -> int:
    """Write a starter explainer into a new folder, and say what to do next."""
    target = Path(args.directory)
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    try:
        files = write_starter(target, args.source, languages)
    except (TargetNotEmpty, UnknownLanguage) as exc:
        print(f"explainer: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UnknownLanguage) else 1
    except ContentInvalid as exc:  # a starter that fails its own checks: the engine's bug
        print(exc, file=sys.stderr)
        return 70
    print(f"explainer: a starter explainer in {target}/ ({len(files)} files)")
    print("next:")
    print(f"  cd {target}")
    print("  explainer serve       # preview every language at http://127.0.0.1:8000/")
    print("  explainer check       # every content rule, with file and line")
    print(f"then replace docs/data/text.{args.source}.txt with your op-ed, verbatim, and follow")
    print("the errors: they say what each record and page needs. bash .ci/run does what CI")
    print("does; git init, commit and push, and every pull request runs it.")
    return 0


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
        records = [project.content.language(code) for code in project.content.languages]
        notes = string_notes(records)
        if args.json:
            print(as_json(units))
        else:
            print(table(units))
            print(strings_table(notes))

    return _report(run)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve a live preview of every language, rebuilding what a saved file changes."""
    from .serve import Preview, live_server

    with Preview(Path(args.config_file)) as preview:

        def build() -> None:
            done = preview.rebuild()
            if done.languages:  # each line says what a save cost, and what it rebuilt
                built = ", ".join(done.languages)
                print(f"explainer: built {built} in {done.seconds:.2f} s", file=sys.stderr)

        def rebuild() -> None:
            try:
                code = _report(build)
            except Exception as exc:  # the server would print a traceback, and stall
                code = internal_error(exc)
            if code:
                print(
                    "explainer: fix the errors above; the preview keeps the last good build",
                    file=sys.stderr,
                )

        rebuild()
        server = live_server(preview, rebuild, args.dev_addr)
        where = places(preview.languages)
        print(f"explainer: serving http://{args.dev_addr}/{where}; Ctrl+C stops", flush=True)
        try:
            server.serve()  # type: ignore[no-untyped-call]
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    return 0


def places(languages: Sequence[Language]) -> str:
    """Return where ``serve`` shows each language, after the source language at the root.

    >>> from explainer.languages import site_languages
    >>> places(site_languages(["en", "ar", "ckb"]))
    ' (English; Arabic at /ar/, Central Kurdish at /ckb/)'
    >>> places([])
    ''
    """
    if not languages:
        return ""
    names = [language_name(lang.code, "en") for lang in languages]
    others = [f"{name} at /{lang.prefix}" for name, lang in zip(names, languages, strict=True)]
    return f" ({names[0]}; {', '.join(others[1:])})" if others[1:] else f" ({names[0]})"


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


def internal_error(exc: BaseException) -> int:
    """Write the traceback of an unexpected ``exc`` to a log file; say where, in one line."""
    handle, log = tempfile.mkstemp(prefix="explainer-error-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        traceback.print_exception(exc, file=stream)
    what = f"{type(exc).__name__}: {exc}".splitlines()[0]
    print(
        f"explainer: internal error: {what} (please report it; details in {log})",
        file=sys.stderr,
    )
    return EX_SOFTWARE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code.

    An unexpected exception is an internal error (exit 70, the traceback in a log
    file), never a traceback on the editor's screen.
    """
    try:
        return run(argv)
    except BrokenPipeError:
        # The reader closed the pipe (`| head`): say nothing more, to no one.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EX_PIPE
    except Exception as exc:
        return internal_error(exc)


def run(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` and run the command it names; return the exit code."""
    show_engine_messages()
    # -f is accepted before the command and, as MkDocs users type it, after it
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "-f",
        "--config-file",
        default=argparse.SUPPRESS,
        help="the site's mkdocs.yml (default: mkdocs.yml in this folder)",
    )
    parser = argparse.ArgumentParser(
        prog="explainer", description=__doc__.splitlines()[0], parents=[config]
    )
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help, parents=[config])

    build = command("build", "build the complete site, every language")
    build.add_argument("--site-dir", help="output directory (default: site_dir of mkdocs.yml)")
    build.set_defaults(run=cmd_build)
    bundle = command("bundle", "write the offline editions (a zip, an HTML file per language)")
    bundle.add_argument("--dist-dir", help="output directory (default: dist/ beside mkdocs.yml)")
    bundle.set_defaults(run=cmd_bundle)
    serve = command("serve", "live preview of every language")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port")
    serve.set_defaults(run=cmd_serve)
    new = command("new", "write a starter explainer into a new folder")
    new.add_argument("directory", help="the folder to create (new or empty)")
    new.add_argument("--source", default="ar", help="the op-ed's language (default: ar)")
    new.add_argument(
        "--languages", default="en", help="its translations, comma-separated (default: en)"
    )
    new.set_defaults(run=cmd_new)
    check = command("check", "run every content rule, without building")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=cmd_check)
    status = command("status", "translation status of every page and record")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--accept",
        nargs="+",
        metavar="PATH",
        help="mark the translation in PATH (or PATH#id) as current",
    )
    status.set_defaults(run=cmd_status)
    args = parser.parse_args(argv)
    args.config_file = getattr(args, "config_file", "mkdocs.yml")
    code = int(args.run(args))
    sys.stdout.flush()  # a closed pipe shows here, inside main()'s handler
    return code


if __name__ == "__main__":
    sys.exit(main())
