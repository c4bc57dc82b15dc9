"""The ``valmennus`` command (thin: each subcommand calls one function of the package)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .course.guard import answer_files
from .course.settings import CONFIG_FILE, CourseSettings
from .i18n import t


def _repo(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / CONFIG_FILE).is_file() or not (root / "source").is_dir():
        sys.exit(f"{root}: ei kurssikansio (puuttuu {CONFIG_FILE} tai source/) / not a course folder")
    return root


def cmd_build(args: argparse.Namespace) -> int:
    """Regenerate release/ from source/ with nbgrader, refusing stray answers files first."""
    from .ops.nbgrader_cli import StepFailed, run_nbgrader

    root = _repo(args.course)
    stray = answer_files(root / "source")
    if stray:
        print(t("source_answers_refused", path=stray[0].relative_to(root)), file=sys.stderr)
        return 2
    for week in CourseSettings.load(root).weeks():
        try:
            run_nbgrader(root, "generate_assignment", week, "--force", "--no-db",
                         log_dir=root / ".logs")
        except StepFailed as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"  ok  release/{week}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole loop on a simulated cohort in .demo/, checked, then the dashboard on 127.0.0.1."""
    from .ops.course_loop import prepare_course, run_week
    from .ops.nbgrader_cli import StepFailed
    from .ops.verify import loop_problems
    from .simulate import plan_cohort

    root = _repo(args.course)
    work = root / ".demo"
    if work.exists():
        shutil.rmtree(work)
    course_dir = prepare_course(root, work / "course")
    participants = plan_cohort(args.participants)
    print(f"Valmennus demo: {len(participants)} simulated participants, week viikko1, in {work}")
    try:
        report = run_week(course_dir, work / "homes", participants)
    except StepFailed as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    problems = loop_problems(report)
    if problems:
        print("FAILED checks:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"  ok  {len(participants)} participants graded; each feedback page holds their own answers "
          "and the facilitator's comment")
    _print_scores(report)
    if not args.serve:
        return 0
    return serve_dashboard(root, course_dir, args.port)


def _print_scores(report: object) -> None:
    from .cohort.progress import week_progress
    from .cohort.sources import read_course

    tables = read_course(report.course)  # type: ignore[attr-defined]
    progress = week_progress(tables.participants, tables.grades, tables.collected, tables.feedback,
                             report.week)  # type: ignore[attr-defined]
    shown = progress[["participant", "completion", "completion_max", "task_mark", "feedback_released"]]
    print(shown.to_string(index=False))


def serve_dashboard(root: Path, course_dir: Path, port: int) -> int:
    notebook = root / "dashboards" / "edistyminen.ipynb"
    env = {**os.environ, "VALMENNUS_COURSE": str(course_dir)}
    print(f"\nDashboard: http://127.0.0.1:{port}/  (Ctrl-C stops it)", flush=True)
    cmd = [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--show_tracebacks=False"]
    try:
        return subprocess.run(cmd, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="valmennus",
        description="Valmennuksen työkalut ohjaajalle / the facilitator's tools for the Valmennus course.")
    p.add_argument("--course", default=".", help="kurssikansio / course folder (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="luo release/ lähteistä / regenerate release/ from source/")
    b.set_defaults(func=cmd_build)
    d = sub.add_parser("demo", help="koko kierros simuloidulla ryhmällä / the whole loop on a simulated cohort")
    d.add_argument("--participants", type=int, default=12)
    d.add_argument("--serve", type=int, choices=(0, 1), default=1,
                   help="1: käynnistä kojelauta / serve the dashboard (default), 0: stop after the loop")
    d.add_argument("--port", type=int, default=8866)
    d.set_defaults(func=cmd_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
