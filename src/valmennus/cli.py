"""The ``valmennus`` command (thin: each subcommand calls one function of the package)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .course.settings import CONFIG_FILE, CourseSettings
from .i18n import t, tn
from .options import (
    COURSE_ENV,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Dashboards,
    Grading,
    OptionError,
    Routine,
    Valmennus,
    as_env,
    configured,
)

if TYPE_CHECKING:
    from datetime import datetime

    from .demo.course_loop import LoopReport
    from .demo.simulate import Participant
    from .ops.steps import StepOutcome


def _repo(path: str) -> Path:
    root = Path(path).resolve()
    if not (root / CONFIG_FILE).is_file() or not CourseSettings.load(root).path("source").is_dir():
        sys.exit(t("cli_not_course", path=root, config=CONFIG_FILE))
    return root


def cmd_build(args: argparse.Namespace) -> int:
    """Write source/ from the course text in kurssi/ (``valmennus.course.build``), then regenerate
    release/ from source/ with nbgrader; stray answers files are refused before anything is written."""
    from .course.api import ReleaseFailed, generate_releases  # imports nbgrader: only the build needs it
    from .course.build import BuildError, build_sources
    from .course.guard import answer_files

    root = _repo(args.course)
    course = CourseSettings.load(root)
    stray = answer_files(course.path("source"))
    if stray:
        print(t("source_answers_refused", path=stray[0].relative_to(root)), file=sys.stderr)
        return 2
    try:
        built = build_sources(root, args.weeks or None)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    for made in built:
        print(t("cli_built_changed" if made.changed else "cli_built_same", path=made.path.relative_to(root)))
    for week in args.weeks or course.weeks():
        try:
            generate_releases(course, [week])
        except ReleaseFailed as exc:
            print(t("cli_step_failed", week=exc.week, step=t("step_generate")), exc.detail, sep="\n", file=sys.stderr)
            return 1
        print(t("cli_built_release", path=course.path("release", week=week).relative_to(root)))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """The course check (``valmennus.course.check``): what must hold before a week is released."""
    from .course.check import course_problems

    problems = course_problems(_repo(args.course))
    for line in problems:
        print(f"  - {line}")
    print(t("check_ok") if not problems else t("check_failed", n=len(problems)))
    return 1 if problems else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """The whole course for two simulated cohorts in .demo/, checked, then the dashboards on 127.0.0.1.

    Both cohorts play all weeks of schedule.yaml on the simulated clock, with drop-outs, late weeks and
    growth, with only the facilitator's routine (``valmennus routine``) releasing, collecting, grading,
    building the walls and releasing the feedback the simulated coaches finish (``demo.routine_course``);
    its log is the course's own (``valmennus routine --log``). The two cohorts play at the same time, the
    second in a process of its own (``demo.background``): a routine's steps other than grading use one
    core, so one cohort alone leaves the other core idle most of the time. The second's lines are
    printed after the first's.
    ``tests/test_workflow.py`` keeps the plain ``nbgrader`` commands' path.
    """
    from .course.schedule import load_schedule
    from .demo.background import Background, BackgroundDied
    from .demo.routine_course import BAR

    root = _repo(args.course)
    work = root / ".demo"
    if work.exists():
        shutil.rmtree(work)
    weeks = [w.id for w in load_schedule(root)] or CourseSettings.load(root).weeks()
    cohorts = [("kevat-2027-a", args.participants, 2026), ("kevat-2027-b", max(6, args.participants * 2 // 3), 7)]
    (first, size, seed), second = cohorts
    with Background(_demo_cohort, root, work, *second, weeks) as other:
        _cohort_header(work, first, size, weeks)
        first_cohort = _demo_cohort(root, work, first, size, seed, weeks, progress=True)
        _cohort_header(work, second[0], second[1], weeks)
        try:
            second_ok = other.result(progress=BAR) is not None
        except BackgroundDied as exc:  # it ended without an answer (killed, out of memory): the demo failed
            print(t("cli_failed", reason=t("cli_demo_cohort_died", cohort=second[0], code=exc.exitcode)),
                  file=sys.stderr)
            second_ok = False
    if not second_ok or first_cohort is None:
        return 1
    if not args.serve:
        return 0
    from .demo.wall_seed import demo_wall, participant_env
    from .participant.serve import participant_server

    course_dirs = [_demo_course_dir(work, name) for name, _size, _seed in cohorts]
    # One simulated participant's own app (their real answers and feedback): one who stays to the end
    who = next((p for p in first_cohort if p.last_week is None and p.profile == "complete"), first_cohort[0])
    home = work / "homes" / first / who.id
    with demo_wall(course_dirs[0], args.port + 2) as wall, participant_server(
            home, course_dirs[0], args.port + 1, extra_env=participant_env(wall, who.id)) as app:
        print(f"\n{t('cli_demo_wall', url=wall.url)}")
        print(f"\n{t('cli_demo_participant_view', name=f'{who.first_name} {who.last_name}', url=app.url)}")
        week_url = app.url.replace("/valmennus/", f"/valmennus/viikko/{weeks[min(1, len(weeks) - 1)]}")
        print(t("cli_demo_participant_week", url=week_url), flush=True)
        return serve_dashboard(root, course_dirs, args.port)


def _demo_course_dir(work: Path, name: str) -> Path:
    return work / "kurssit" / name


def _cohort_header(work: Path, name: str, size: int, weeks: list[str]) -> None:
    print(t("cli_demo_cohort", cohort=name, participants=tn("cli_demo_participants", size),
            weeks=tn("cli_demo_weeks", len(weeks)), folder=_demo_course_dir(work, name)), flush=True)


def _demo_cohort(root: Path, work: Path, name: str, size: int, seed: int, weeks: list[str],
                 progress: bool = False) -> list[Participant] | None:
    """One cohort of the demo in ``work/kurssit/<name>``: played by the routine, checked, its weeks printed;
    its participants, or None (and why, on stderr) when a step the course depends on failed or a check did
    not pass."""
    from .course.copy import prepare_course
    from .demo.background import report_progress
    from .demo.routine_course import play_by_routine
    from .demo.simulate import plan_cohort
    from .ops.nbgrader_cli import StepFailed

    course_dir = prepare_course(root, _demo_course_dir(work, name))
    participants = plan_cohort(size, seed=seed, weeks=weeks)
    try:
        reports, _play = play_by_routine(course_dir, work / "homes" / name, participants, weeks=weeks,
                                         say=_week_line, progress=progress, on_moment=report_progress)
    except StepFailed as exc:
        print(t("cli_failed", reason=exc), file=sys.stderr)
        return None
    if not _demo_checks(reports):
        return None
    _print_course(reports[0].course, weeks)
    return participants


def _week_line(message: str) -> None:
    """The demo's progress: one line per week, the steps' own lines only when they fail."""
    if not message.startswith("  ok"):
        print(message, flush=True)


def _demo_checks(reports: list[LoopReport]) -> bool:
    """Every week: graded, own answers and the comment on each feedback page, a wall with nothing private."""
    from .demo.verify import loop_problems, wall_problems
    from .ops.share import build_wall, collect_posts

    problems: list[str] = []
    posts = 0
    for report in reports:
        problems += [f"{report.week}: {p}" for p in loop_problems(report)]
        wall = build_wall(report.course, report.week)
        problems += [f"{report.week}: {p}" for p in wall_problems(report, wall.read_text(encoding="utf-8"))]
        posts += len(collect_posts(report.course, report.week))
    if problems:
        print(t("cli_demo_checks_failed"), *problems, sep="\n  ", file=sys.stderr)
        return False
    print(t("cli_demo_checked", weeks=tn("cli_demo_weeks", len(reports)), posts=tn("cli_demo_posts", posts)))
    return True


def _print_course(course: CourseSettings, weeks: list[str]) -> None:
    """Per week: how many submitted, fully complete, and got feedback (the dashboards show the rest)."""
    from .ops.status import course_status
    from .records.status import week_summary

    status = course_status(course, weeks=weeks)
    rows = []
    for week in weeks:
        counts = week_summary(status[status["week"] == week])
        rows.append(t("cli_demo_week", week=f"{week:<8}", submitted=f"{counts['submitted']:>3}",
                      participants=f"{counts['participants']:<3}", complete=f"{counts['complete']:>3}",
                      released=f"{counts['feedback_released']:>3}"))
    print("\n".join(rows))


def serve_dashboard(root: Path, course_dirs: list[Path], port: int) -> int:
    """Voilà on the dashboards folder (its page lists every dashboard), reading every cohort given.

    Kernels are pre-heated (they import pandas and matplotlib before anyone asks, and read the data
    when the page is requested). The pseudonym key is kept in the demo folder, so a participant's
    pseudonym stays the same between openings.
    """
    import secrets

    key_file = root / ".demo" / "pseudonym.key"
    if not key_file.is_file():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32), encoding="utf-8")
        key_file.chmod(0o600)  # a secret: whoever has it can link pseudonyms back to ids
    course_dirs = [Path(d).resolve() for d in course_dirs]  # the kernels run in dashboards/
    key = configured(Dashboards, course_dirs[0]).pseudonym_key or key_file.read_text().strip()
    # The facilitator's page shows one coach's own participants: in the demo the coach of cohort A's
    # first participants unless VALMENNUS_FACILITATOR names another (on a hub: the logged-in coach).
    coach = configured(Dashboards, course_dirs[0]).facilitator or "ohjaaja-a"
    env = {**os.environ, COURSE_ENV: str(course_dirs[0]),
           **as_env(Dashboards, courses=course_dirs, pseudonym_key=key, facilitator=coach)}
    print(f"\n{t('cli_dashboards', url=f'http://127.0.0.1:{port}/')}", flush=True)
    print(t("cli_demo_facilitator_view", facilitator=coach,
            url=f"http://127.0.0.1:{port}/voila/render/omat-osallistujat.ipynb"), flush=True)
    cmd = [sys.executable, "-m", "valmennus.cohort.serve", str(root / "dashboards"), "--no-browser", f"--port={port}",
           "--Voila.ip=127.0.0.1", "--show_tracebacks=False", "--preheat_kernel=True", "--pool_size=1"]
    try:
        return subprocess.run(cmd, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 0


def _course(args: argparse.Namespace) -> CourseSettings:
    return CourseSettings.load(_repo(args.course))


def _weeks(args: argparse.Namespace, course: CourseSettings) -> list[str]:
    """The weeks a command works on: those named, all released ones with --all, else the current one."""
    from datetime import UTC, datetime

    from .course.schedule import current_week, load_schedule, released_by

    if getattr(args, "week", None):
        return [args.week]
    schedule = load_schedule(course.root)
    if getattr(args, "all", False):
        released = [w.id for w in released_by(schedule, datetime.now(UTC))]
        return released or course.weeks()
    week = current_week(schedule, datetime.now(UTC))
    if week is None:
        sys.exit(t("ops_no_week"))
    return [week.id]


def _print_outcomes(outcomes: list[StepOutcome]) -> int:
    """One line per step (the step in words, ``step_<action>``), its detail after a dash, then its notes."""
    for o in outcomes:
        line = t("cli_step_ok" if o.ok else "cli_step_failed", week=o.week, step=t(f"step_{o.action}"))
        print(f"{line} – {o.detail}" if o.detail else line)
        for note in o.notes:
            print(f"        ! {note}")
    return 0 if all(o.ok for o in outcomes) else 1


def cmd_roster(args: argparse.Namespace) -> int:
    from .ops.roster import import_roster

    try:
        report = import_roster(_course(args), Path(args.file), args.cohort)
    except ValueError as exc:  # no id column, or not UTF-8: the reason in words
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(t("cli_unreadable", path=args.file, reason=exc.strerror or exc), file=sys.stderr)
        return 2
    for line, why in report.skipped:
        print(t("cli_roster_line", line=line, reason=why), file=sys.stderr)
    print(t("ops_roster_done", n=len(report.imported), skipped=len(report.skipped)))
    return 0 if not report.skipped else 3


def cmd_release(args: argparse.Namespace) -> int:
    from datetime import datetime

    from .ops.steps import release_due

    now = datetime.fromisoformat(args.now) if args.now else None
    outcomes = release_due(_course(args), now=now)
    if not outcomes:
        print(t("ops_nothing_to_release"))
    return _print_outcomes(outcomes)


def cmd_collect(args: argparse.Namespace) -> int:
    from .ops.steps import collect

    course = _course(args)
    return _print_outcomes([collect(course, week) for week in _weeks(args, course)])


def cmd_autograde(args: argparse.Namespace) -> int:
    from .ops.autograde import autograde, results_table

    course = _course(args)
    if args.no_fork:  # the workers read it (options.Grading), as they would the hub's
        os.environ.update(as_env(Grading, fork_kernels=False))
    status = 0
    for week in _weeks(args, course):
        results = autograde(course, week, workers=args.workers, progress=not args.quiet)
        print(results_table(results))
        status = status or (0 if all(r.ok for r in results) else 4)
    return status


def cmd_feedback(args: argparse.Namespace) -> int:
    from .ops.steps import feedback

    course = _course(args)
    return _print_outcomes([o for week in _weeks(args, course) for o in feedback(course, week)])


def cmd_status(args: argparse.Namespace) -> int:
    """Participants x weeks, each cell a state of ``records.status.STATES`` in words (``state_<name>``)."""
    from .course.schedule import load_schedule
    from .ops.status import status_grid
    from .records.status import week_table

    course = _course(args)
    weeks = [args.week] if args.week else week_table(load_schedule(course.root), course.weeks())["week"].tolist()
    grid = status_grid(course, weeks).map(lambda state: t(f"state_{state}"))
    print(grid.to_string() if not grid.empty else t("cli_status_empty"))
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from .course.schedule import current_week, load_schedule
    from .ops.remind import Channels, remind

    course = _course(args)
    schedule = load_schedule(course.root)
    week = next((w for w in schedule if w.id == args.week), None) if args.week else \
        current_week(schedule, datetime.now(UTC))
    if week is None:
        sys.exit(t("ops_no_week"))
    report = remind(course, week, Channels.for_course(course), send=args.send)
    if not report.reminders:
        print(t("ops_remind_none", week=week.id))
        return 0
    for r in report.reminders:
        print(f"--- {r.participant} <{r.email or '-'}>\n{r.subject}\n\n{r.body}")
    for pid, channel in report.sent:
        print(t("cli_remind_sent", pid=pid, channel=t(f"channel_{channel}")))
    for pid, channel, why in report.skipped:
        print(t("cli_remind_skipped", pid=pid, channel=t(f"channel_{channel}"), reason=why))
    for pid, channel, why in report.failed:
        print(t("cli_remind_failed", pid=pid, channel=t(f"channel_{channel}"), reason=why), file=sys.stderr)
    if not args.send:
        print(t("ops_remind_dry"))
    return 0 if not report.failed else 5


def cmd_share(args: argparse.Namespace) -> int:
    from .ops.share import build_wall

    page = build_wall(_course(args), args.week, Path(args.publish) if args.publish else None)
    print(t("cli_wrote", path=page))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .ops.export import export_grades

    course = _course(args)
    for path in export_grades(course, course.weeks(), Path(args.out)):
        print(t("cli_wrote", path=path))
    return 0


def cmd_privacy(args: argparse.Namespace) -> int:
    from .ops.privacy import erase_person, export_person

    course = _course(args)
    if args.action == "export":
        try:
            print(t("cli_wrote", path=export_person(course, args.participant, Path(args.out))))
        except LookupError as exc:
            print(exc, file=sys.stderr)
            return 6
        return 0
    if not args.yes:
        answer = input(t("ops_erase_confirm", pid=args.participant)) if sys.stdin.isatty() else ""
        if answer.strip() != args.participant:
            print(t("ops_erase_cancelled"))
            return 7
    report = erase_person(course, args.participant, published=args.published)
    for item in report.removed:
        print(t("cli_removed", item=item))
    if report.remaining.empty:
        print(t("ops_erase_clean", pid=args.participant))
        return 0
    where = [*report.remaining.gradebook, *map(str, report.remaining.files), *map(str, report.remaining.text_hits)]
    print(t("ops_erase_left", pid=args.participant, where=", ".join(where)), file=sys.stderr)
    return 8


def _moment(text: str) -> datetime:
    """An ISO time from the command line; Helsinki time when it names no zone (exits with the reason)."""
    from datetime import datetime

    from .i18n import HELSINKI

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        sys.exit(t("routine_bad_time", value=text))
    return moment if moment.tzinfo else moment.replace(tzinfo=HELSINKI)


def cmd_routine(args: argparse.Namespace) -> int:
    """The week run by itself (``ops.routine``): every due step once, under the course's lock; ``pause``
    and ``resume`` for the course; ``requests`` applies the coaches' requests from the dashboards' page
    only (a run applies them first too); ``--log`` reads what it has done."""
    from .ops.controls import load_controls, set_paused
    from .ops.routine import BUSY_EXIT, describe, read_log, routine_lock, run_routine, take_requests

    course = _course(args)
    if args.log:
        entries = read_log(course)
        print("\n".join(describe(e) for e in entries[-args.last:]) if entries else t("routine_log_empty"))
        return 0
    if args.action in ("pause", "resume"):
        set_paused(course, args.action == "pause")
        print(t(f"routine_{args.action}d"))
        return 0
    if args.action == "requests" or not args.dry_run:  # a paused routine still takes them: one may resume it
        requests = take_requests(course, now=_moment(args.now) if args.now else None) if not args.dry_run else None
        if args.action == "requests":
            return 1 if requests and requests.failed else 0
    if load_controls(course).paused:
        print(t("routine_is_paused"))
        return 0
    with routine_lock(course) as mine:
        if not mine:
            print(t("routine_busy"))
            return BUSY_EXIT
        workers = args.workers or configured(Routine, course.root).workers or None
        run = run_routine(course, now=_moment(args.now) if args.now else None, dry_run=args.dry_run,
                          workers=workers)
    if not run.entries:
        print(t("routine_nothing"))
    failed = len(run.failed)
    print(t("routine_done", done=len(run.entries) - failed, failed=failed))
    if args.dry_run:
        print(t("routine_dry"))
    return 1 if failed else 0


def cmd_extend(args: argparse.Namespace) -> int:
    """A participant's own due time for a week (``ops.controls.extend``); the routine respects it."""
    from .course.schedule import load_schedule
    from .i18n import local_datetime
    from .ops.controls import extend

    course = _course(args)
    if args.week not in {w.id for w in load_schedule(course.root)}:
        print(t("routine_unknown_week", week=args.week), file=sys.stderr)
        return 2
    due = _moment(args.date)
    extend(course, args.participant, args.week, due)
    print(t("routine_extended", pid=args.participant, week=args.week, due=local_datetime(due)))
    return 0


def cmd_hold_reminders(args: argparse.Namespace) -> int:
    from .ops.controls import hold_reminders

    hold_reminders(_course(args), args.participant, held=not args.release)
    print(t("routine_unheld" if args.release else "routine_held", pid=args.participant))
    return 0


def cmd_store(args: argparse.Namespace) -> int:
    """``store sync``: the course's current state into the reporting store (``records.store.sync``), for a
    schedule (cron, a timer, the routine): it catches what formgrader's buttons did."""
    from sqlalchemy.engine import make_url

    from .records.store import sync

    try:
        url = sync(_course(args))
    except Exception as exc:  # noqa: BLE001  (the database's or the course's reason, in one line)
        print(t("store_failed", reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__),
              file=sys.stderr)
        return 1
    print(t("store_synced", url=make_url(url).render_as_string(hide_password=True)))
    return 0


def cmd_config(args: argparse.Namespace) -> int:
    """Every option of the package with its help, environment variable and the course's current value
    (``valmennus.options``; exit 2 when one is unusable); with ``--sample``, commented lines to copy
    into nbgrader_config.py."""
    from .options import config_sample, course_root, describe, option_problems

    if args.sample:
        print(config_sample())
        return 0
    root = Path(args.course).resolve()
    course = root if (root / CONFIG_FILE).is_file() else course_root(root)
    print(describe(course))
    return 2 if option_problems(course) else 0


def parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The command line; every help text from the catalogs (``cli_help_*``) in ``lang`` (default: the
    course's language). argparse's own words (usage, options) stay English."""

    def text(key: str) -> str:
        return t(f"cli_help_{key}", lang)

    p = argparse.ArgumentParser(prog="valmennus", description=text("valmennus"))
    p.add_argument("--course", default=".", help=text("course"))
    p.add_argument("--lang", choices=LANGUAGES, help=text("lang"))
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help=text("build"))
    ck = sub.add_parser("check", help=text("check"))
    ck.set_defaults(func=cmd_check)
    b.add_argument("weeks", nargs="*", help=text("build_weeks"))
    b.set_defaults(func=cmd_build)
    d = sub.add_parser("demo", help=text("demo"))
    d.add_argument("--participants", type=int, default=12, help=text("demo_participants"))
    d.add_argument("--serve", type=int, choices=(0, 1), default=1, help=text("demo_serve"))
    d.add_argument("--port", type=int, default=8866, help=text("demo_port"))
    d.set_defaults(func=cmd_demo)

    r = sub.add_parser("roster", help=text("roster"))
    r.add_argument("action", choices=["import"])
    r.add_argument("file", help=text("roster_file"))
    r.add_argument("--cohort", help=text("roster_cohort"))
    r.set_defaults(func=cmd_roster)

    rel = sub.add_parser("release", help=text("release"))
    rel.add_argument("--now", help=text("release_now"))
    rel.set_defaults(func=cmd_release)

    for name, func in (("collect", cmd_collect), ("autograde", cmd_autograde), ("feedback", cmd_feedback)):
        c = sub.add_parser(name, help=text(name))
        c.add_argument("week", nargs="?", help=text("week"))
        c.add_argument("--all", action="store_true", help=text("all"))
        if name == "autograde":
            c.add_argument("--workers", type=int, default=None, help=text("workers"))
            c.add_argument("--quiet", action="store_true", help=text("quiet"))
            c.add_argument("--no-fork", action="store_true", help=text("no_fork"))
        c.set_defaults(func=func)

    st = sub.add_parser("status", help=text("status"))
    st.add_argument("week", nargs="?", help=text("status_week"))
    st.set_defaults(func=cmd_status)

    rm = sub.add_parser("remind", help=text("remind"))
    rm.add_argument("--week", help=text("week"))
    rm.add_argument("--send", action="store_true", help=text("send"))
    rm.set_defaults(func=cmd_remind)

    sh = sub.add_parser("share", help=text("share"))
    sh.add_argument("week", help=text("share_week"))
    sh.add_argument("--publish", help=text("publish"))
    sh.set_defaults(func=cmd_share)

    ex = sub.add_parser("export", help=text("export"))
    ex.add_argument("--out", default="exports", help=text("export_out"))
    ex.set_defaults(func=cmd_export)

    pv = sub.add_parser("privacy", help=text("privacy"))
    pv.add_argument("action", choices=["export", "erase"])
    pv.add_argument("participant", help=text("privacy_participant"))
    pv.add_argument("--out", default="privacy-exports", help=text("privacy_out"))
    pv.add_argument("--yes", action="store_true", help=text("yes"))
    pv.add_argument("--published", action="append", default=[], metavar="DIR", help=text("published"))
    pv.set_defaults(func=cmd_privacy)

    ro = sub.add_parser("routine", help=text("routine"))
    ro.add_argument("action", nargs="?", choices=["run", "pause", "resume", "requests"], default="run",
                    help=text("routine_action"))
    ro.add_argument("--dry-run", action="store_true", help=text("routine_dry_run"))
    ro.add_argument("--now", help=text("release_now"))
    ro.add_argument("--log", action="store_true", help=text("routine_log"))
    ro.add_argument("--last", type=int, default=200, help=text("routine_last"))
    ro.add_argument("--workers", type=int, default=None, help=text("workers"))
    ro.set_defaults(func=cmd_routine)

    xt = sub.add_parser("extend", help=text("extend"))
    xt.add_argument("participant", help=text("privacy_participant"))
    xt.add_argument("week", help=text("extend_week"))
    xt.add_argument("date", help=text("extend_date"))
    xt.set_defaults(func=cmd_extend)

    hr = sub.add_parser("hold-reminders", help=text("hold_reminders"))
    hr.add_argument("participant", help=text("privacy_participant"))
    hr.add_argument("--release", action="store_true", help=text("hold_release"))
    hr.set_defaults(func=cmd_hold_reminders)

    so = sub.add_parser("store", help=text("store"))
    so.add_argument("action", choices=["sync"], help=text("store_action"))
    so.set_defaults(func=cmd_store)

    cf = sub.add_parser("config", help=text("config"))
    cf.add_argument("--sample", action="store_true", help=text("sample"))
    cf.set_defaults(func=cmd_config, pass_language=False)
    return p


def _course_language(course: str, lang: str | None) -> str:
    """The language of this command's messages: ``--lang``, else the course's option (with its override)."""
    if lang:
        return lang
    root = Path(course).resolve()
    return configured(Valmennus, root if (root / CONFIG_FILE).is_file() else None).language


def _help_language(argv: list[str]) -> str:
    """The language of the help texts, from ``--course`` and ``--lang`` read ahead of the full parse;
    Finnish when the course's option is unusable (the command itself then names the problem)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--course", default=".")
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    try:
        return _course_language(known.course, known.lang if known.lang in LANGUAGES else None)
    except OptionError:
        return DEFAULT_LANGUAGE


def _pass_language(args: argparse.Namespace) -> None:
    """The course's language for this command and every process it starts (nbgrader, grading kernels,
    Voilà), passed on as the hub passes it: ``--lang``, else the course's option (with its override).
    The kernels then never run the course's config (which imports nbgrader) to learn it."""
    os.environ.update(as_env(Valmennus, language=_course_language(args.course, args.lang)))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(_help_language(argv)).parse_args(argv)
    try:
        if getattr(args, "pass_language", True):
            _pass_language(args)
        return int(args.func(args) or 0)
    except OptionError as exc:  # a misconfigured option: which one, where from, what it accepts
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
