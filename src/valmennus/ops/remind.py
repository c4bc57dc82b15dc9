"""Remind the participants who have not submitted the current week, and only them.

A message from a template (fi/en/sv, ``data/reminders/``) with the week's theme and due date in
Helsinki time, by e-mail (SMTP) and/or a chat webhook (a JSON POST that Teams, Slack and Matrix
bridges accept). Dry run unless ``send`` is set. Every send is logged in ``reminders.jsonl`` in the
course folder, and a participant is never reminded twice about the same week on the same day.

Privacy: each webhook POST names one participant; point the webhook at a bot or bridge that
delivers direct messages, never at a group channel.

Names are the participant's own text. The e-mail is plain text only (``text/plain``, no HTML part),
so a first name like ``<b>`` reads as typed. Chat services read ``<``, ``>`` and ``&`` in a message as
markup (Slack's ``<!channel>`` and ``<url|label>``, HTML in Teams and Matrix bridges), so the webhook's
``text`` carries them as ``&lt;``, ``&gt;`` and ``&amp;``, the escaping those services decode for display.
"""

from __future__ import annotations

import json
import smtplib
import urllib.request
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from email.message import EmailMessage
from importlib import resources
from pathlib import Path

import jinja2

from ..course.schedule import Week
from ..course.settings import CourseSettings
from ..i18n import HELSINKI, current_language, local_datetime, t
from ..jsonlines import read_jsonl
from ..options import Reminders, configured
from ..records.sources import read_course
from ..records.status import NOT_SUBMITTED
from .status import course_status

LOG_FILE = "reminders.jsonl"


@dataclass(frozen=True)
class Channels:
    """Where reminders go: the course's ``Reminders`` options (``valmennus.options``; the secrets in the
    environment of whoever sends, so that none sits in the repository)."""

    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = ""
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    webhook_url: str = ""

    @classmethod
    def for_course(cls, course: CourseSettings) -> Channels:
        """The channels ``course``'s options name (OptionError names a value that does not fit)."""
        options = configured(Reminders, course.root)
        return cls(**{f.name: getattr(options, f.name) for f in fields(cls)})

    def enabled(self) -> list[str]:
        return [name for name, on in (("email", bool(self.smtp_host and self.smtp_from)),
                                      ("webhook", bool(self.webhook_url))) if on]


@dataclass
class Reminder:
    participant: str
    email: str
    subject: str
    body: str


@dataclass
class RemindReport:
    week: str
    reminders: list[Reminder] = field(default_factory=list)
    sent: list[tuple[str, str]] = field(default_factory=list)  # (participant, channel)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (participant, channel, why in words)
    failed: list[tuple[str, str, str]] = field(default_factory=list)


def render(week: Week, first_name: str, lang: str | None = None) -> tuple[str, str]:
    """Subject and body of the reminder, in the course language."""
    lang = lang or current_language()
    template_text = resources.files("valmennus").joinpath(f"data/reminders/{lang}.txt.j2").read_text("utf-8")
    text = jinja2.Environment(autoescape=False, keep_trailing_newline=True).from_string(template_text).render(
        theme=week.theme_in(lang), due=local_datetime(week.due, lang), first_name=first_name, week=week.id)
    subject, _, body = text.partition("\n")
    return subject.strip(), body.lstrip("\n")


def who_to_remind(course: CourseSettings, week: str) -> list[dict[str, str]]:
    """Participants on the roster whose ``week`` is open or missing in the status model (``records.status``).

    Nothing of the week anywhere (in the exchange, collected or graded): the same "not submitted" that
    ``valmennus status`` shows, so a reminder never reaches someone the grid shows as submitted.
    """
    tables = read_course(course)
    status = course_status(course, tables, [week])
    behind = set(status.loc[(status["week"] == week) & status["state"].isin(NOT_SUBMITTED), "participant"])
    people = [{"id": row.participant, "first_name": row.first_name or "", "email": ""}
              for row in tables.participants.itertuples(index=False) if row.participant in behind]
    emails = _emails(course)
    for person in people:
        person["email"] = emails.get(person["id"], "")
    return people


def _emails(course: CourseSettings) -> dict[str, str]:
    from ..course.gradebook import open_gradebook

    with open_gradebook(course) as gb:
        return {s.id: s.email or "" for s in gb.students}


def _log_path(course: CourseSettings) -> Path:
    return course.root / LOG_FILE


def read_log(course: CourseSettings) -> list[dict]:
    """Reminders sent (a torn last line must not stop reminders)."""
    return read_jsonl(_log_path(course))


def _append_log(course: CourseSettings, entry: dict) -> None:
    with _log_path(course).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _send_email(channels: Channels, reminder: Reminder) -> None:
    message = EmailMessage()
    message["From"] = channels.smtp_from
    message["To"] = reminder.email
    message["Subject"] = reminder.subject
    message.set_content(reminder.body)
    with smtplib.SMTP(channels.smtp_host, channels.smtp_port, timeout=30) as smtp:
        if channels.smtp_starttls:
            smtp.starttls()
        if channels.smtp_user:
            smtp.login(channels.smtp_user, channels.smtp_password)
        smtp.send_message(message)


def chat_text(text: str) -> str:
    """Plain text for a chat message: the three characters chat services read as markup, escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _send_webhook(channels: Channels, reminder: Reminder, week: str) -> None:
    payload = {"text": chat_text(f"{reminder.subject}\n\n{reminder.body}"), "participant": reminder.participant,
               "email": reminder.email, "week": week}
    request = urllib.request.Request(channels.webhook_url, data=json.dumps(payload).encode("utf-8"),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (configured URL)
        if response.status >= 300:
            raise OSError(t("ops_remind_webhook_status", status=response.status))


def remind(course: CourseSettings, week: Week, channels: Channels, send: bool = False,
           now: datetime | None = None, only: set[str] | None = None) -> RemindReport:
    """Build (and with ``send``, deliver) reminders for ``week``; never the same one twice a day.
    ``only``: these participants and no others (the routine's, at the time each chose)."""
    now = now or datetime.now(UTC)
    day = now.astimezone(HELSINKI).date().isoformat()
    report = RemindReport(week=week.id)
    already = {(e["participant"], e["week"], e["channel"], e["day"]) for e in read_log(course) if e.get("ok")}
    for person in who_to_remind(course, week.id):
        if only is not None and person["id"] not in only:
            continue
        subject, body = render(week, person["first_name"])
        reminder = Reminder(person["id"], person["email"], subject, body)
        report.reminders.append(reminder)
        for channel in channels.enabled():
            if channel == "email" and not reminder.email:
                report.skipped.append((reminder.participant, channel, t("ops_remind_no_email")))
                continue
            if (reminder.participant, week.id, channel, day) in already:
                report.skipped.append((reminder.participant, channel, t("ops_remind_already")))
                continue
            if not send:
                report.skipped.append((reminder.participant, channel, t("ops_remind_dry_run")))
                continue
            entry = {"participant": reminder.participant, "week": week.id, "channel": channel, "day": day,
                     "sent_at": datetime.now(UTC).isoformat(timespec="seconds")}
            try:
                if channel == "email":
                    _send_email(channels, reminder)
                else:
                    _send_webhook(channels, reminder, week.id)
            except (OSError, smtplib.SMTPException) as exc:
                report.failed.append((reminder.participant, channel, f"{type(exc).__name__}: {exc}"))
                _append_log(course, {**entry, "ok": False, "error": str(exc)[:200]})
                continue
            report.sent.append((reminder.participant, channel))
            _append_log(course, {**entry, "ok": True})
    return report
