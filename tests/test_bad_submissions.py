"""Bad submissions never stop a cohort, and never fool the grader (issue 11).

One week with quizzes (week 3) is played twice through the real exchange and ``valmennus collect`` +
``valmennus autograde``: a clean cohort, and a cohort of the same size in which, beside three good
submissions, every other participant hands in something broken or hostile: edited, deleted, retyped
or skip-tagged test cells, a patched checker, a missing / corrupt / 50 MB / non-UTF-8 answers file, a
notebook that is not JSON, an added endless loop, forged quiz ``correct`` flags, an added cell that
writes a complete answers file before the checks run, and Python modules beside the notebook that the
grading kernel would import. The added code also tries to read a secret file and write next to it,
outside the course.

Checked: every good submission gets full marks; every bad one is named in the results table with its
reason (exit code 4 because one failed); nobody gets a completion mark for work not done (each
participant's expected marks are what the submitted answers file really holds); the secret is neither
read (its atime is older than its mtime, so any read moves it) nor changed, and nothing new appears
beside it; the forged quiz flags are recomputed everywhere they are shown; and the hostile run takes
at most twice the clean run's wall time (the loop is removed before it runs, not waited out).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from valmennus.answers import FORMAT, VERSION, answers_filename
from valmennus.checks import missing
from valmennus.cli import main
from valmennus.course.copy import prepare_course
from valmennus.course.gradebook import open_gradebook
from valmennus.course.settings import CourseSettings
from valmennus.demo import simulate
from valmennus.demo.course_loop import write_roster
from valmennus.items import bank, for_week
from valmennus.ops.nbgrader_cli import run_nbgrader
from valmennus.records.sources import read_answers

from .conftest import REPO

pytestmark = pytest.mark.workflow

WEEK = "viikko3"
ANSWERS = answers_filename(WEEK)
CHECKS = {  # grade cell -> the items its check requires (as in source/viikko3/viikko3.ipynb)
    "valmis_tietovisa": [f"W3_Q{i}" for i in range(1, 9)],
    "valmis_oma_kaytanto": ["W3_OWNLIST", "W3_OWNCHECK"],
    "valmis_pohdinta": ["W3_R_DESC", "W3_R_FEEL", "W3_R_EVAL", "W3_R_ANAL", "W3_R_CONC", "W3_R_PLAN"],
    "valmis_itsearviointi": [f"W3_SA{i}" for i in range(1, 6)],
    "valmis_jaettu": ["W3_SHARED"],
}
QUIZZES = CHECKS["valmis_tietovisa"]
FULL = float(len(CHECKS))
SECRET_TEXT = "SALAINEN-SENTINEL-7f3a9c"


# -- what a participant's folder can be made into ------------------------------------------------
@dataclass
class Folder:
    """A participant's fetched week, the complete answers she would have saved, and the outside world."""

    path: Path
    answers: dict[str, object]
    outside: Path

    @property
    def notebook(self) -> Path:
        return self.path / f"{WEEK}.ipynb"

    def read_nb(self) -> nbformat.NotebookNode:
        return nbformat.read(self.notebook, as_version=4)

    def write_nb(self, nb: nbformat.NotebookNode) -> None:
        nbformat.write(nb, self.notebook)

    def save(self, answers: dict[str, object]) -> None:
        """The answers file exactly as the widgets write it (one document, UTF-8)."""
        (self.path / ANSWERS).write_bytes(document(answers))

    def keep_only(self, *prefixes: str) -> None:
        """Work done on the items starting with ``prefixes`` only: the rest is left undone."""
        self.save({k: v for k, v in self.answers.items() if k.startswith(prefixes)})


def document(answers: dict[str, object]) -> bytes:
    entries = {k: {"value": v, "saved_at": "2027-02-01T10:00:00+00:00"} for k, v in answers.items()}
    return json.dumps({"format": FORMAT, "version": VERSION, "notebook": WEEK, "answers": entries},
                      ensure_ascii=False, indent=1).encode("utf-8")


def cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def index(nb: nbformat.NotebookNode, grade_id: str) -> int:
    return nb.cells.index(cell(nb, grade_id))


def trespass(outside: Path, name: str) -> str:
    """Code an added cell runs to reach outside the course: read the secret, write beside it."""
    return (f"import pathlib\nsecret = pathlib.Path({str(outside / 'secret.txt')!r}).read_text()\n"
            f"pathlib.Path({str(outside / name)!r}).write_text('ran: ' + secret)\n")


def edited_tests(f: Folder) -> None:
    """Two check cells rewritten to pass; one also claims it is neither graded nor locked. No reflection
    and no self-assessment done."""
    f.keep_only("W3_Q", "W3_OWN", "W3_SHARE", "PULSE")
    nb = f.read_nb()
    reflection = cell(nb, "valmis_pohdinta")
    reflection.source = "pass  # valmis"
    reflection.metadata.nbgrader["points"] = 100
    scales = cell(nb, "valmis_itsearviointi")
    scales.source = "pass"
    scales.metadata.nbgrader.update(grade=False, locked=False)
    f.write_nb(nb)


def deleted_tests(f: Folder) -> None:
    """Every check cell deleted; only the quiz done."""
    f.keep_only("W3_Q")
    nb = f.read_nb()
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    f.write_nb(nb)


def edited_checker(f: Folder) -> None:
    """The locked setup cell replaced by one that makes every check pass, its nbgrader metadata removed
    (so nbgrader's checksum no longer sees it). Only the shared task done."""
    f.keep_only("W3_SHARE")
    nb = f.read_nb()
    setup = cell(nb, "alustus")
    setup.metadata = {}
    setup.source = (trespass(f.outside, "checker-ran.txt")
                    + "import valmennus.checks\nvalmennus.checks.require = lambda *a, **k: None\n"
                    + "from valmennus import open_notebook\nnb = open_notebook('viikko3')\nnb")
    f.write_nb(nb)


def changed_types(f: Folder) -> None:
    """A check cell made raw, another markdown, and an instruction cell made code (an endless loop).
    The quiz and the own-practice check are not done."""
    f.keep_only("W3_R_", "W3_SA", "W3_SHARE", "PULSE")
    nb = f.read_nb()
    nb.cells[index(nb, "valmis_tietovisa")] = nbformat.v4.new_raw_cell(
        cell(nb, "valmis_tietovisa").source, metadata=cell(nb, "valmis_tietovisa").metadata)
    own = cell(nb, "valmis_oma_kaytanto")
    nb.cells[index(nb, "valmis_oma_kaytanto")] = nbformat.v4.new_markdown_cell(own.source, metadata=own.metadata)
    guide = cell(nb, "valmistuminen_ohje")
    nb.cells[index(nb, "valmistuminen_ohje")] = nbformat.v4.new_code_cell(
        trespass(f.outside, "retyped-ran.txt") + "while True:\n    pass\n", metadata=guide.metadata)
    f.write_nb(nb)


def skipped_tests(f: Folder) -> None:
    """Every check cell tagged ``skip-execution`` (nbclient then leaves it unrun, with no error). Nothing done."""
    f.keep_only("PULSE")
    nb = f.read_nb()
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade"):
            c.metadata["tags"] = ["skip-execution"]
    f.write_nb(nb)


def no_answers(f: Folder) -> None:
    (f.path / ANSWERS).unlink(missing_ok=True)


def corrupt_answers(f: Folder) -> None:
    (f.path / ANSWERS).write_text('{"format": "valmennus-answers", "answ', encoding="utf-8")


def huge_answers(f: Folder) -> None:
    """Complete answers, padded with whitespace to 50 MB (still valid JSON)."""
    raw = document(f.answers)
    (f.path / ANSWERS).write_bytes(raw[:-1] + b" " * (50 * 1024 * 1024 - len(raw)) + raw[-1:])


def latin1_answers(f: Folder) -> None:
    """Complete answers saved by an editor in Windows-1252: ä and ö are not UTF-8."""
    raw = document(f.answers).decode("utf-8").encode("cp1252", errors="replace")
    assert b"\xe4" in raw or b"\xf6" in raw
    (f.path / ANSWERS).write_bytes(raw)


def not_json(f: Folder) -> None:
    f.notebook.write_text("{ this is not a notebook", encoding="utf-8")


def endless_loop(f: Folder) -> None:
    """Complete answers, and an added code cell after the setup cell that never ends."""
    nb = f.read_nb()
    nb.cells.insert(index(nb, "alustus") + 1, nbformat.v4.new_code_cell(
        trespass(f.outside, "loop-ran.txt") + "while True:\n    pass\n"))
    f.write_nb(nb)


def forged_quiz(f: Folder) -> None:
    """Every quiz answered wrong, each saved with ``"correct": true``; everything else complete."""
    items = bank()
    forged = dict(f.answers)
    for item_id in QUIZZES:
        item = items[item_id]
        wrong = next(o.id for o in item.options if not o.correct)
        forged[item_id] = {"chosen": [wrong], "correct": True}
    f.save(forged)


def forged_answers(f: Folder) -> None:
    """Nothing done; an added code cell before the checks writes a complete answers file (with the
    secret in it), then the checks would read that."""
    f.keep_only("PULSE")
    forged = document({**f.answers, "W3_SHARED": {"mode": "text", "text": "SECRET", "image": None}})
    nb = f.read_nb()
    nb.cells.insert(index(nb, "valmis_tietovisa"), nbformat.v4.new_code_cell(
        trespass(f.outside, "forger-ran.txt")
        + f"text = {forged.decode('utf-8')!r}.replace('SECRET', secret)\n"
        + f"pathlib.Path({ANSWERS!r}).write_text(text)\n"))
    f.write_nb(nb)


def planted_modules(f: Folder) -> None:
    """Nothing done; Python files beside the notebook that the grading kernel would import: the week's
    widgets import ipywidgets, and a plain kernel starts as ``python -m ipykernel_launcher`` in that folder."""
    f.keep_only("PULSE")
    patch = "import valmennus.checks\nvalmennus.checks.require = lambda *a, **k: None\n"
    (f.path / "ipywidgets.py").write_text(trespass(f.outside, "module-ran.txt") + patch, encoding="utf-8")
    (f.path / "ipykernel_launcher.py").write_text(trespass(f.outside, "launcher-ran.txt"), encoding="utf-8")
    (f.path / "yaml").mkdir()
    (f.path / "yaml" / "__init__.py").write_text(trespass(f.outside, "package-ran.txt"), encoding="utf-8")


Tamper = Callable[[Folder], None]
# participant -> (what she does, the grade cells her answers file really completes; None: the
# submission cannot be graded at all, and the words its results row must hold, in the course language)
BAD: dict[str, tuple[Tamper, set[str] | None, tuple[str, ...]]] = {
    "edited_tests": (edited_tests, {"valmis_tietovisa", "valmis_oma_kaytanto", "valmis_jaettu"},
                     ("muokattua solua", "valmis_pohdinta", "valmis_itsearviointi")),
    "deleted_tests": (deleted_tests, {"valmis_tietovisa"}, ("puuttuva", "valmis_jaettu")),
    "edited_checker": (edited_checker, {"valmis_jaettu"}, ("lisätty koodisolu", "puuttuva", "alustus")),
    "changed_types": (changed_types, {"valmis_pohdinta", "valmis_itsearviointi", "valmis_jaettu"},
                      ("tyyppi", "valmis_tietovisa", "valmistuminen_ohje")),
    "skipped_tests": (skipped_tests, set(), ("metatiedot", "valmis_tietovisa")),
    "no_answers": (no_answers, set(), ("vastaustiedosto puuttuu",)),
    "corrupt_answers": (corrupt_answers, set(), ("vastaustiedosto", "JSON")),
    "huge_answers": (huge_answers, set(), ("vastaustiedosto", "liian suuri")),
    "latin1_answers": (latin1_answers, set(), ("vastaustiedosto", "UTF-8")),
    "not_json": (not_json, None, ("JSON",)),
    "endless_loop": (endless_loop, set(CHECKS), ("lisätty koodisolu",)),
    "forged_quiz": (forged_quiz, set(CHECKS), ("tietovisa", "correct")),
    "forged_answers": (forged_answers, set(), ("lisätty koodisolu",)),
    "planted_modules": (planted_modules, set(), ("ipywidgets.py", "ipykernel_launcher.py", "yaml/")),
}
GOOD = ["good1", "good2", "good3"]
PLAIN = ["planted_modules", "endless_loop", "edited_checker"]  # graded again by plain nbgrader
SIZE = len(GOOD) + len(BAD)


# -- one cohort through the real exchange --------------------------------------------------------
@dataclass
class Run:
    course: CourseSettings
    exit_code: int
    table: str
    collect_seconds: float
    grade_seconds: float
    prepare_seconds: float  # release, participants answer and submit (not compared)

    @property
    def seconds(self) -> float:
        """The facilitator's side of the run: collect + autograde."""
        return self.collect_seconds + self.grade_seconds


def _person(pid: str) -> simulate.Participant:
    return simulate.Participant(pid, "Testi", pid.replace("_", " ").title(), "complete")


def _autograde(root: Path) -> tuple[int, str, float]:
    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = main(["--course", str(root), "autograde", WEEK, "--quiet"])
    return code, out.getvalue(), time.perf_counter() - started


def _play(work: Path, people: list[str], tamper: dict[str, Tamper], outside: Path) -> Run:
    """Release week 3, let everyone answer (and tamper), submit; then time collect + autograde."""
    started = time.perf_counter()
    root = prepare_course(REPO, work / "course")
    participants = [_person(pid) for pid in people]
    run_nbgrader(root, "db", "student", "import", str(write_roster(root / "roster.csv", participants)))
    run_nbgrader(root, "generate_assignment", WEEK, "--force")
    run_nbgrader(root, "release_assignment", WEEK, "--force")
    course = CourseSettings.load(root)
    for p in participants:
        home = work / "homes" / p.id
        folder = simulate.fetch(course.course_id, course.exchange_root, home, p.id, WEEK)
        simulate.write_answers(folder, WEEK, p, WEEK)
        if p.id in tamper:
            tamper[p.id](Folder(folder, simulate.answers_for(p, WEEK), outside))
        simulate.submit(course.course_id, course.exchange_root, home, p.id, WEEK)
    prepared = time.perf_counter() - started

    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--course", str(root), "collect", WEEK]) == 0
    collect_seconds = time.perf_counter() - started
    code, table, grade_seconds = _autograde(root)
    return Run(course, code, table, collect_seconds, grade_seconds, prepared)


@dataclass
class Outside:
    """A folder beside the course with a secret in it, and what it looked like before the run."""

    path: Path
    listing: list[str]
    secret_stat: os.stat_result

    @classmethod
    def make(cls, path: Path) -> Outside:
        path.mkdir(parents=True)
        secret = path / "secret.txt"
        secret.write_text(SECRET_TEXT, encoding="utf-8")
        st = secret.stat()
        # atime a day before mtime: under relatime (and strictatime) the next read moves it
        os.utime(secret, ns=(st.st_mtime_ns - 86_400 * 10**9, st.st_mtime_ns))
        return cls(path, sorted(p.name for p in path.iterdir()), secret.stat())


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run | Outside]:
    os.environ.pop("NBGRADER_EXECUTION", None)
    work = tmp_path_factory.mktemp("bad_submissions")
    outside = Outside.make(work / "outside")
    clean = _play(work / "clean", [f"c{i:02d}" for i in range(1, SIZE + 1)], {}, outside.path)
    hostile = _play(work / "hostile", [*GOOD, *BAD], {pid: t for pid, (t, _, _) in BAD.items()}, outside.path)
    # The same course config guards plain `nbgrader autograde` (and formgrader's button): its kernels are
    # started the ordinary way, as `python -m ipykernel_launcher` in the participant's graded folder.
    for pid in PLAIN:
        run_nbgrader(hostile.course.root, "autograde", WEEK, "--student", pid, "--force")
    return {"clean": clean, "hostile": hostile, "outside": outside, "plain_scores": _scores(hostile.course)}


def _best_ratio(clean: Run, hostile: Run) -> tuple[float, float, float]:
    """Hostile over clean wall time. Two cores are shared with other work: when the first pair is over
    2x, both cohorts are graded once more, in turn, and each keeps its faster grading (best of two)."""
    if hostile.seconds <= 2 * clean.seconds:
        return clean.seconds, hostile.seconds, hostile.seconds / clean.seconds
    best = []
    for run in (clean, hostile):
        code, _table, seconds = _autograde(run.course.root)
        assert code == run.exit_code
        best.append(run.collect_seconds + min(run.grade_seconds, seconds))
    return best[0], best[1], best[1] / best[0]


def _scores(course: CourseSettings) -> dict[str, dict[str, float]]:
    """participant -> grade cell -> autograded score, from the gradebook."""
    with open_gradebook(course) as gb:
        return {s.student_id: {g.name: g.score for g in s.notebooks[0].grades if g.name in CHECKS}
                for s in gb.assignment_submissions(WEEK)}


def _row(table: str, pid: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(pid + " "))


# -- the checks ------------------------------------------------------------------------------------
def test_is_the_clean_cohort_graded_in_full(runs: dict) -> None:
    clean: Run = runs["clean"]
    assert clean.exit_code == 0, clean.table
    scores = _scores(clean.course)
    assert len(scores) == SIZE
    assert all(sum(s.values()) == FULL for s in scores.values()), scores


def test_are_good_submissions_graded_in_full_beside_bad_ones(runs: dict) -> None:
    hostile: Run = runs["hostile"]
    scores = _scores(hostile.course)
    for pid in GOOD:
        assert sum(scores[pid].values()) == FULL, (pid, scores[pid])
        row = _row(hostile.table, pid)
        status, score = row.split()[1:3]  # out of 6: the task is graded by hand
        assert status == "arvioitu" and score.startswith(f"{FULL:g}/") and row.endswith("-"), row


def test_is_every_bad_submission_named_with_its_reason(runs: dict) -> None:
    hostile: Run = runs["hostile"]
    assert hostile.exit_code == 4, hostile.table  # one submission could not be graded at all
    for pid, (_tamper, done, words) in BAD.items():
        row = _row(hostile.table, pid)
        assert (" EPÄONNISTUI " in row) == (done is None), row
        for word in words:
            assert word.lower() in row.lower(), (word, row)
    assert f"Arvioitu: {SIZE - 1}. Epäonnistui: 1." in hostile.table


def test_is_no_completion_mark_given_for_work_not_done(runs: dict) -> None:
    hostile: Run = runs["hostile"]
    scores = _scores(hostile.course)
    for pid, (_tamper, done, _words) in BAD.items():
        if done is None:
            assert sum(scores.get(pid, {}).values()) == 0
            continue
        expected = {name: 1.0 if name in done else 0.0 for name in CHECKS}
        assert scores[pid] == expected, (pid, scores[pid])
        # the oracle agrees: what the submitted answers file holds, read as the checks read it
        folder = hostile.course.root / "submitted" / pid / WEEK
        really = {name for name, items in CHECKS.items() if not missing(WEEK, *items, folder=str(folder))}
        assert really == done, pid


def test_does_nothing_outside_the_course_get_read_or_written(runs: dict) -> None:
    outside: Outside = runs["outside"]
    secret = outside.path / "secret.txt"
    st = secret.stat()  # before anything here reads it
    assert st.st_atime_ns == outside.secret_stat.st_atime_ns, "the secret outside the course was read"
    assert st.st_mtime_ns == outside.secret_stat.st_mtime_ns
    assert sorted(p.name for p in outside.path.iterdir()) == outside.listing
    assert secret.read_text(encoding="utf-8") == SECRET_TEXT
    for run in (runs["clean"], runs["hostile"]):
        for path in run.course.root.rglob("*"):
            if path.is_file() and path.stat().st_size < 10 * 1024 * 1024:
                assert SECRET_TEXT.encode() not in path.read_bytes(), path


def test_are_forged_quiz_flags_recomputed_wherever_read(runs: dict) -> None:
    hostile: Run = runs["hostile"]
    root = hostile.course.root
    folder = root / "submitted" / "forged_quiz" / WEEK
    # the file claims right; the checks, the dashboards and the summary say wrong
    saved = json.loads((folder / ANSWERS).read_text(encoding="utf-8"))["answers"]
    assert all(saved[q]["value"]["correct"] is True for q in QUIZZES)
    assert len(missing(WEEK, *QUIZZES, folder=str(folder), correct=True)) == len(QUIZZES)
    answers = read_answers(hostile.course)
    quiz_rows = answers[(answers.participant == "forged_quiz") & answers["item"].isin(QUIZZES)]
    assert len(quiz_rows) == len(QUIZZES) and (quiz_rows["value"] == 0.0).all(), quiz_rows
    graded = (root / "autograded" / "forged_quiz" / WEEK / f"{WEEK}.ipynb").read_text(encoding="utf-8")
    assert graded.count("ei vielä oikein") >= len(QUIZZES)
    # the control: an honest participant's right answers still count as right
    good = answers[(answers.participant == "good1") & answers["item"].isin(QUIZZES)]
    expected = [1.0 if set(v["chosen"]) == bank()[q].correct_ids() else 0.0
                for q, v in simulate.answers_for(_person("good1"), WEEK).items() if q in QUIZZES]
    assert sorted(good["value"]) == sorted(expected)
    assert {i.id for i in for_week(WEEK) if i.kind == "quiz"} == set(QUIZZES)


def test_is_python_beside_the_notebook_kept_from_the_grading_kernel(runs: dict) -> None:
    root = runs["hostile"].course.root
    graded = root / "autograded" / "planted_modules" / WEEK
    submitted = root / "submitted" / "planted_modules" / WEEK
    for name in ("ipywidgets.py", "ipykernel_launcher.py", "yaml"):
        assert not (graded / name).exists(), name  # gone from the kernel's working folder
        assert (submitted / name).exists(), name  # the facilitator can still see what was handed in
    assert (graded / f"{WEEK}.ipynb").is_file() and (graded / ANSWERS).is_file()
    # plain nbgrader, with ordinary kernels, under the same config: the same marks
    for pid in PLAIN:
        assert runs["plain_scores"][pid] == {name: 1.0 if name in BAD[pid][1] else 0.0 for name in CHECKS}, pid


def test_does_the_hostile_run_stay_within_twice_the_clean_run(runs: dict) -> None:
    """Runs last: a re-grade (see ``_best_ratio``) must not change what the other tests read."""
    clean: Run = runs["clean"]
    hostile: Run = runs["hostile"]
    clean_s, hostile_s, ratio = _best_ratio(clean, hostile)
    print(f"\n{SIZE} submissions each: clean {clean_s:.1f} s, hostile {hostile_s:.1f} s (collect + autograde), "
          f"ratio {ratio:.2f}; first pair {clean.seconds:.1f} / {hostile.seconds:.1f} s; preparing the two "
          f"cohorts {clean.prepare_seconds:.1f} / {hostile.prepare_seconds:.1f} s\n{hostile.table}")
    assert ratio <= 2.0, (clean_s, hostile_s)
