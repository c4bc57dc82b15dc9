"""The participant's week states and next step (valmennus.participant.state): pure, every state, late, new feedback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from valmennus.course.schedule import Week
from valmennus.participant.state import Next, State, Submission, WeekFacts, home, week_status
from valmennus.participant.texts import short_date, status_text, when

RELEASE = datetime(2027, 1, 11, 6, 0, tzinfo=UTC)  # 8.00 in Helsinki
DUE = datetime(2027, 1, 17, 21, 59, tzinfo=UTC)  # 23.59 in Helsinki
W1 = Week("viikko1", RELEASE, DUE, {"fi": "Asiakkaana", "en": "As a client"})
W2 = Week("viikko2", RELEASE + timedelta(days=7), DUE + timedelta(days=7), {"fi": "Vuorovaikutus"})
DURING = RELEASE + timedelta(days=2)
AFTER = DUE + timedelta(hours=1)


def test_a_week_not_in_the_exchange_is_upcoming_even_after_its_scheduled_time() -> None:
    assert week_status(WeekFacts(W1), RELEASE - timedelta(days=1)).state is State.UPCOMING
    status = week_status(WeekFacts(W1), AFTER)  # the coach has not released it: nothing to open
    assert status.state is State.UPCOMING and not status.late and not status.can_open


def test_released_untouched_is_open_and_a_saved_answer_makes_it_started() -> None:
    assert week_status(WeekFacts(W1, released=True), DURING).state is State.OPEN
    assert week_status(WeekFacts(W1, released=True, fetched=True), DURING).state is State.OPEN
    assert week_status(WeekFacts(W1, released=True, fetched=True, started=True), DURING).state is State.STARTED


def test_not_submitted_by_the_due_time_is_late() -> None:
    status = week_status(WeekFacts(W1, released=True, fetched=True, started=True), AFTER)
    assert status.state is State.LATE and status.late and status.can_submit


def test_submitted_shows_the_newest_time_and_is_late_only_after_the_due_time() -> None:
    early, later = DUE - timedelta(days=2), DUE - timedelta(hours=1)
    status = week_status(WeekFacts(W1, True, True, True, (Submission(early), Submission(later))), AFTER)
    assert status.state is State.SUBMITTED and status.submitted_at == later and not status.late
    late = week_status(WeekFacts(W1, True, True, True, (Submission(early), Submission(AFTER))), AFTER)
    assert late.state is State.SUBMITTED and late.late  # nbgrader's rule: the newest submission after due


def test_released_feedback_is_new_until_its_page_is_read() -> None:
    waiting = Submission(DURING, feedback_in_exchange=True)
    status = week_status(WeekFacts(W1, True, True, True, (waiting,)), AFTER)
    assert status.state is State.FEEDBACK and status.feedback and status.new_feedback
    fetched = Submission(DURING, feedback_in_exchange=True, feedback_fetched=True, feedback_id="abc")
    assert week_status(WeekFacts(W1, True, True, True, (fetched,)), AFTER).new_feedback
    assert not week_status(WeekFacts(W1, True, True, True, (fetched,)), AFTER, read={"abc"}).new_feedback
    changed = Submission(DURING, True, True, feedback_updated=True, feedback_id="abc")  # the coach re-released
    assert week_status(WeekFacts(W1, True, True, True, (changed,)), AFTER, read={"abc"}).new_feedback


def test_a_resubmission_after_feedback_is_submitted_with_the_old_feedback_still_there() -> None:
    old = Submission(DURING, True, True, feedback_id="abc")
    status = week_status(WeekFacts(W1, True, True, True, (old, Submission(DUE - timedelta(hours=2)))), AFTER,
                         read={"abc"})
    assert status.state is State.SUBMITTED and status.feedback and not status.new_feedback


def test_the_next_step_is_the_earliest_due_week_to_do_then_new_feedback_then_waiting_then_done() -> None:
    w1_open = WeekFacts(W1, released=True)
    w2_open = WeekFacts(W2, released=True)
    assert home([w2_open, w1_open], DURING).next_week.week is W1  # earliest due first
    w1_late = home([WeekFacts(W1, released=True), w2_open], AFTER)
    assert w1_late.next is Next.DO and w1_late.next_week.state is State.LATE
    fed = WeekFacts(W1, True, True, True, (Submission(DURING, feedback_in_exchange=True),))
    nxt = home([fed, WeekFacts(W2)], DURING)
    assert nxt.next is Next.FEEDBACK and nxt.next_week.week is W1 and nxt.new_feedback == 1
    read = WeekFacts(W1, True, True, True, (Submission(DURING, True, True, feedback_id="x"),))
    waiting = home([read, WeekFacts(W2)], DURING, read={"x"})
    assert waiting.next is Next.WAIT and waiting.next_week.week is W2 and waiting.new_feedback == 0
    done = home([read, WeekFacts(W2, True, True, True, (Submission(DURING),))], AFTER, read={"x"})
    assert done.next is Next.DONE and done.next_week is None


def test_the_words_of_each_state_in_finnish_with_helsinki_dates() -> None:
    assert short_date(RELEASE, "fi") == "11.1." and short_date(RELEASE, "en") == "11/1"
    assert when(DUE, "fi") == "17.1. klo 23.59"
    assert status_text(week_status(WeekFacts(W1), DURING), "fi") == "Tulossa 11.1."
    assert status_text(week_status(WeekFacts(W1, released=True), DURING), "fi") == "Avoinna, määräpäivä 17.1. klo 23.59"
    assert status_text(week_status(WeekFacts(W1, True, True, True), DURING), "fi").startswith("Aloitettu")
    assert status_text(week_status(WeekFacts(W1, released=True), AFTER), "fi").startswith("Myöhässä")
    late = week_status(WeekFacts(W1, True, True, True, (Submission(AFTER),)), AFTER)
    assert status_text(late, "fi") == f"Palautettu {when(AFTER, 'fi')} (myöhässä)"
    fed = week_status(WeekFacts(W1, True, True, True, (Submission(DURING, True),)), AFTER)
    assert status_text(fed, "fi").endswith("palaute saatavilla")
    assert status_text(fed, "sv").endswith("respons finns") and "kl." in status_text(fed, "sv")
