"""No words for people in Python source: they are in the gettext catalogs (issue 12).

What a facilitator, a course author or a participant reads comes from ``i18n/locale/*/valmennus.po``
through ``t`` / ``tn``, so it is in the course's language, the same in every language, and changed in
one place. This reads the package with ``ast`` and fails on a string literal with letters in it (after
its ``{placeholders}``) where words reach a person:

* printed or asked: ``print``, ``sys.exit``, ``input``;
* the command's help: ``help``, ``description``, ``epilog`` of argparse's parsers and arguments;
* a facilitator step's outcome: ``StepOutcome``'s detail and notes (its action is a step's name, shown
  as the message ``step_<action>``, so that must exist);
* raised in the modules whose errors a facilitator reads (``cli.py``, ``ops/``, ``course/``): an
  exception built with words, except the programming errors a person never sees as an answer;
* any sentence (two words or more) in those modules, outside docstrings, log calls (for whoever
  maintains the code), traitlets' option help (``valmennus config`` documents the config file, in
  English as nbgrader's) and the programming errors: reasons, notes and problems are built there and
  printed elsewhere.

Message keys and format-only strings (``"{path}"``, ``"  ! {note}"``, ``" – "``) are fine. The rest is
the short list below, each entry with why; an entry nothing matches any more fails too, so the list
only shrinks.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from valmennus.i18n import DEFAULT_LANGUAGE, keys

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "valmennus"
FACILITATOR = ("cli.py", "ops/", "course/")  # their words reach a facilitator (or a course author)
KEYS = frozenset(keys(DEFAULT_LANGUAGE))
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]{2,}")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
ARGPARSE = {"ArgumentParser", "add_argument", "add_parser", "add_subparsers", "add_argument_group",
            "add_mutually_exclusive_group"}
ARGPARSE_TEXT = {"help", "description", "epilog", "title", "usage"}
LOG_CALLS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
#: Errors of the code or of the machinery, never a person's answer: their words stay English.
PROGRAMMING_ERRORS = {"RuntimeError", "TypeError", "KeyError", "AttributeError", "NotImplementedError",
                      "AssertionError", "OSError", "TimeoutExpired"}

#: (module, start of the literal) -> why it may stay.
ALLOWED = {
    ("course/build.py", "Python 3 (ipykernel)"): "the kernel's display name in notebook metadata (data)",
    ("ops/autograde.py", "There was an error"): "a line of nbgrader's own log, matched to skip it",
    ("ops/autograde.py", "Please see"): "a line of nbgrader's own log, matched to skip it",
    ("ops/autograde.py", "Kernel died before replying"): "jupyter_client's words, matched",
    ("ops/autograde.py", "Timeout waiting for kernel_info"): "jupyter_client's words, matched",
    ("ops/autograde.py", "Address already in use"): "the system's words for a kernel port taken, matched",
    # Not moved yet: words of modules outside the change that moved the facilitator command's words
    # (issue 12). Move them to the catalogs and delete the entry.
    ("ops/autograde.py", "unknown error"): "not moved yet: a failed grading's reason when nbgrader logged none",
    ("ops/autograde.py", "{}: not in the gradebook"): "not moved yet: autograde of a week never generated",
    ("ops/nbgrader_cli.py", "nbgrader {} exited"): "not moved yet: a failed nbgrader command and its log",
    ("course/settings.py", "{} has no {}: not a course"): "not moved yet: CourseSettings.load of a wrong folder",
    ("course/settings.py", "no {} in {} or above"): "not moved yet: no course found (dashboards, hub)",
    ("course/schedule.py", "{}: not valid YAML"): "not moved yet: schedule.yaml's errors",
    ("course/schedule.py", "{}: needs release and due"): "not moved yet: schedule.yaml's errors",
    ("course/schedule.py", "{}: due is not after release"): "not moved yet: schedule.yaml's errors",
    ("course/schedule.py", "{}: not a date and time"): "not moved yet: schedule.yaml's errors",
    ("ops/privacy.py", ""): "not moved yet: the privacy export's read-me, erase's report and its errors",
}


def _modules() -> list[tuple[str, ast.Module]]:
    return [(path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
            for path in sorted(PACKAGE.rglob("*.py"))]


def _name(func: ast.expr) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _texts(node: ast.AST | None) -> Iterator[tuple[ast.AST, str]]:
    """The literal text an expression can show, ``{}`` where a value is filled in; calls, names and the
    like are someone else's text (``t(...)``) and not entered."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node, node.value
    elif isinstance(node, ast.JoinedStr):
        yield node, "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    elif isinstance(node, ast.BinOp):
        yield from _texts(node.left)
        yield from _texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _texts(element)
    elif isinstance(node, ast.Starred):
        yield from _texts(node.value)


def _has_letters(text: str) -> bool:
    return text not in KEYS and bool(LETTER.search(PLACEHOLDER.sub("", text)))


def _is_sentence(text: str) -> bool:
    return text not in KEYS and len(WORD.findall(PLACEHOLDER.sub("", text))) >= 2 and " " in text.strip()


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _exempt(tree: ast.Module) -> set[int]:
    """Literals that are no person's reading: docstrings, log lines, traitlets' help, programming errors,
    and the parts of an f-string (the f-string itself is judged whole)."""
    exempt = _docstrings(tree)
    for node in ast.walk(tree):
        inside: list[ast.AST] = []
        if isinstance(node, ast.JoinedStr):
            inside = list(node.values)
        elif isinstance(node, ast.Call) and _name(node.func) in LOG_CALLS and isinstance(node.func, ast.Attribute):
            inside = [*node.args, *(k.value for k in node.keywords)]
        elif isinstance(node, ast.Call) and _name(node.func) not in ARGPARSE:
            inside = [k.value for k in node.keywords if k.arg == "help"]
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and _name(node.exc.func) in PROGRAMMING_ERRORS:
            inside = [node.exc]
        for part in inside:
            exempt |= {id(n) for n in ast.walk(part)}
    return exempt


def _step_actions(call: ast.Call) -> list[ast.expr]:
    return [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "action")]


def _sink_texts(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that a person reads, if it is a sink."""
    name = _name(call.func)
    if name in ("print", "input") or (name == "exit" and isinstance(call.func, ast.Attribute)
                                        and _name(call.func.value) == "sys"):
        return list(call.args)
    if name in ARGPARSE:
        return [k.value for k in call.keywords if k.arg in ARGPARSE_TEXT]
    if name == "StepOutcome":
        return [*call.args[3:], *(k.value for k in call.keywords if k.arg in ("detail", "notes"))]
    return []


def findings(modules: list[tuple[str, ast.Module]] | None = None) -> list[tuple[str, int, str, str]]:
    """(module, line, where, text) of every literal with words where a person reads it; ``where`` is
    ``print``, ``help`` ... (the sink), ``step action``, ``raise <Error>`` or ``sentence``."""
    found = []
    for module, tree in _modules() if modules is None else modules:
        facing = module.startswith(FACILITATOR)
        exempt = _exempt(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                found += [(module, part.lineno, _name(node.func), text) for argument in _sink_texts(node)
                          for part, text in _texts(argument) if _has_letters(text)]
                if _name(node.func) == "StepOutcome":  # shown as its step_<action> message
                    found += [(module, part.lineno, "step action", text) for argument in _step_actions(node)
                              for part, text in _texts(argument) if f"step_{text}" not in KEYS]
            if facing and isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and _name(node.exc.func) not in PROGRAMMING_ERRORS:
                found += [(module, part.lineno, f"raise {_name(node.exc.func)}", text)
                          for argument in node.exc.args for part, text in _texts(argument) if _has_letters(text)]
            if facing and id(node) not in exempt and isinstance(node, ast.Constant | ast.JoinedStr):
                found += [(module, node.lineno, "sentence", text) for _, text in _texts(node) if _is_sentence(text)]
    return sorted(set(found))


def _allowed(module: str, text: str) -> tuple[str, str] | None:
    return next(((m, start) for m, start in ALLOWED if m == module and text.startswith(start)), None)


def test_is_every_word_a_person_reads_in_the_catalogs() -> None:
    left = [f"{module}:{line}: {why}: {text!r}" for module, line, why, text in findings()
            if _allowed(module, text) is None]
    assert not left, "move these to the .po catalogs (valmennus.i18n.t):\n" + "\n".join(left)


def test_is_every_allowed_literal_still_there() -> None:
    used = {_allowed(module, text) for module, _, _, text in findings()}
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


def test_does_the_guard_find_words_in_each_place_it_looks() -> None:
    """The scan itself, on planted code: each sink found, keys, format-only text and the exempt not."""
    planted = '''
import sys
from argparse import ArgumentParser
def f(o, t, path, log):
    """A docstring with words."""
    print(f"  wrote {path}")
    print(t("cli_wrote", path=path), f"  ! {path}", " – ")
    sys.exit("no course here")
    ArgumentParser(description="the tools").add_argument("--x", help="what x is")
    StepOutcome("w", "release", True, f"due {path}")
    StepOutcome("w", "explode", True)
    log.warning("a line for developers %s", path)
    raise ValueError(f"{path}: no such column")
    raise RuntimeError("the code is wrong")
    reasons = ["a reason for the facilitator", "cli_wrote", "first_name"]
'''
    found = {(where, text) for _, _, where, text in findings([("ops/planted.py", ast.parse(planted))])}
    assert found == {
        ("print", "  wrote {}"), ("exit", "no course here"), ("ArgumentParser", "the tools"),
        ("add_argument", "what x is"), ("StepOutcome", "due {}"), ("step action", "explode"),
        ("raise ValueError", "{}: no such column"),
        *(("sentence", text) for text in ("no course here", "the tools", "what x is", "{}: no such column",
                                          "a reason for the facilitator")),
    }
    elsewhere = {where for _, _, where, _ in findings([("demo/planted.py", ast.parse(planted))])}
    assert elsewhere == {"print", "exit", "ArgumentParser", "add_argument", "StepOutcome", "step action"}
