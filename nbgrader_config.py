"""nbgrader configuration of the course (one course = one gradebook, DESIGN §6).

Everything with a path is relative to this file, so a copy of the course directory (the demo's,
a test's) is a course of its own. Deployment-specific values come from the environment:

  VALMENNUS_COURSE_ID  course id (default "digiasiakas")
  VALMENNUS_EXCHANGE   exchange root (default ./exchange; on a hub, shared storage)
  VALMENNUS_DB_URL     gradebook (default sqlite:///./gradebook.db; PostgreSQL for several graders)
"""

import os
from pathlib import Path

from nbgrader.converters.generate_assignment import GenerateAssignment
from nbgrader.coursedir import CourseDirectory

from valmennus.answers import COURSE_TEAM_PATTERN
from valmennus.course.guard import RefuseAnswerFiles, autograde_exclusions
from valmennus.course.intake import SafeExchangeCollect, drop_planted_files
from valmennus.course.kernels import CourseKernelManager
from valmennus.course.sanitize import autograde_preprocessors, sanitize_preprocessors

c = get_config()  # noqa: F821  (provided by traitlets when nbgrader loads this file)
here = Path(__file__).resolve().parent

c.CourseDirectory.root = str(here)
c.CourseDirectory.course_id = os.environ.get("VALMENNUS_COURSE_ID", "digiasiakas")
c.CourseDirectory.db_url = os.environ.get("VALMENNUS_DB_URL", f"sqlite:///{here / 'gradebook.db'}")
c.Exchange.root = os.environ.get("VALMENNUS_EXCHANGE", str(here / "exchange"))
c.NbGrader.logfile = str(here / "nbgrader.log")

# The package's own options (valmennus.options), all optional. `valmennus config` lists each one with its
# help and current value; `valmennus config --sample` prints them all, commented, to copy here. An
# environment variable that is set overrides each (how a hub passes per-user values; its name is in the
# listing). Keep secrets (SMTP password, webhook address, pseudonym key) in the environment, not here.
# c.Valmennus.language = "fi"                     # fi, en or sv: widgets, checks, reminders, commands, dashboards
# c.Reminders.smtp_host = "smtp.example.org"      # e-mail reminders: server, port, sender (empty: no e-mail)
# c.Reminders.smtp_port = 587
# c.Reminders.smtp_from = "valmennus@example.org"
# c.Reminders.smtp_user = "valmennus"             # password: VALMENNUS_SMTP_PASSWORD in the environment
# c.Reminders.smtp_starttls = True
# c.Grading.fork_kernels = True                   # False: start grading kernels the ordinary way (--no-fork)
# c.Dashboards.courses = ["/srv/kurssit/kevat-2027-a", "/srv/kurssit/kevat-2027-b"]  # cohorts to compare
# c.Dashboards.role = "coordinator"               # or "facilitator" with c.Dashboards.facilitator = "<user>"

# A week notebook runs in about a second; 120 s leaves room on a loaded machine (default is 30 s).
c.Execute.timeout = 120
# Grading kernels are told the course's language instead of running this file to learn it (which
# imports nbgrader: 3 s a notebook), in `nbgrader autograde` and formgrader's button alike.
c.Execute.kernel_manager_class = CourseKernelManager

# Answers for the course team (course feedback, the pulse's comments) stay in the participant's home: the
# exchange skips these names when it copies a folder (submit, collect, release), so they never reach
# submitted/, autograded/, formgrader or a feedback page under her name (valmennus.anonymous).
c.CourseDirectory.ignore = [*CourseDirectory.class_traits()["ignore"].default(), COURSE_TEAM_PATTERN]

# The answers-file trap (DESIGN §2): refuse to release one, never copy one over a participant's.
c.GenerateAssignment.preprocessors = [RefuseAnswerFiles, *GenerateAssignment.class_traits()["preprocessors"].default()]
c.Autograde.exclude_overwriting = autograde_exclusions(here / "source")

# Participants own their inbound folders: collect copies plain files only, never a link, pipe or device
# (valmennus.course.intake); formgrader's Collect button uses the same class. Autograde drops any that
# reached submitted/ another way before it copies the submission's files.
c.ExchangeFactory.collect = SafeExchangeCollect
c.Autograde.pre_convert_hook = drop_planted_files

# Participants never write code in this course (answers live in the answers file): autograde grades the
# released notebook, dropping added cells and restoring deleted, edited, retyped or re-tagged ones before
# anything runs, and names every repair (valmennus.course.sanitize). An added endless loop or answers
# forger never starts; a patched checker or a skip-execution tag earns nothing.
c.Autograde.sanitize_preprocessors = sanitize_preprocessors()
# A submitted ipywidgets.py or ipykernel_launcher.py would run in (or as) the grading kernel: nothing
# importable stays in the kernel's working folder (the graded copy; submitted/ keeps the files).
c.Autograde.autograde_preprocessors = autograde_preprocessors()
