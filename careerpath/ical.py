"""A plan's renewal cycles as an iCalendar file (RFC 5545), written by the `icalendar` library.

One all-day event on the last day of each cycle's end month (the coder gives the month, not the
day), each with reminders 90, 30 and 7 days before. The UID is the body and the month, so a
calendar that imports the file again updates the event instead of adding a second one.
"""

import calendar
import uuid
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from careerpath.planner import BodyUpkeep, CredentialUpkeep

PRODID = "-//Careerpath//Credential renewals//EN"
REMINDER_DAYS = (90, 30, 7)


def cycle_end(due: date) -> date:
    """The last day of the month a cycle ends in."""
    return due.replace(day=calendar.monthrange(due.year, due.month)[1])


def event_summary(body: BodyUpkeep) -> str:
    held = ", ".join(c.acronym for c in body.credentials)
    return f"{body.body_acronym} renewal cycle ends ({held})"


def event_description(body: BodyUpkeep, as_of: date | None, plan_url: str) -> str:
    progress = body.progress
    lines = []
    if body.ceus_required is not None:
        lines.append(f"{body.ceus_required} CEUs every {body.cycle_years} years ({body.basis}).")
    else:
        lines.append(
            f"Recertify every {body.cycle_years} years; the number of CEUs is not confirmed."
        )
    lines += [
        f"{t.ceus} of them: {t.topic} ({t.credential.acronym})." for t in body.topic_requirements
    ]
    if progress.ceus_remaining is not None and as_of:
        lines.append(
            f"As of {as_of:%B %Y}: {progress.ceus_earned} earned, {progress.ceus_remaining} to go."
        )
    lines += [f"Source: {body.source} ({body.status_label}).", f"Your plan: {plan_url}"]
    return "\n".join(lines)


def pace_event(body: BodyUpkeep, as_of: date, *, host: str, stamp: datetime, plan_url: str):
    """A reminder on the first of each month until the cycle ends, of the CEUs a month it
    takes to finish on time (as of the month the calendar was drawn in)."""
    progress = body.progress
    summary = (
        f"{body.body_acronym} CEUs: {progress.ceus_per_month} a month to finish by "
        f"{progress.due:%B %Y}"
    )
    event = Event.new(
        uid=f"pace-{body.body}@{host}",
        stamp=stamp,
        start=as_of,
        end=as_of + timedelta(days=1),
        summary=summary,
        description=f"{progress.ceus_remaining} CEUs to go as of {as_of:%B %Y}.\n"
        f"Your plan: {plan_url}",
        url=plan_url,
    )
    event.add("rrule", {"freq": "monthly", "until": cycle_end(progress.due)})
    return event


def goal_event(goal, *, host: str, stamp: datetime, plan_url: str):
    """The month someone aims to sit a credential's exam, on its first day."""
    summary = f"Goal: sit the {goal.acronym} exam this month"
    event = Event.new(
        uid=f"goal-{goal.acronym.lower()}@{host}",
        stamp=stamp,
        start=goal.exam_month,
        end=goal.exam_month + timedelta(days=1),
        summary=summary,
        description=f"{goal.sentence}\nYour plan: {plan_url}",
        url=plan_url,
    )
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-30))
    alarm.add("description", f"In 30 days: {summary}")
    event.add_component(alarm)
    return event


def upkeep_calendar(
    upkeep: CredentialUpkeep | None,
    *,
    host: str,
    stamp: datetime,
    plan_url: str,
    name: str = "Credential renewals",
    pace: bool = False,
    goals=(),
) -> bytes:
    """The calendar file of every cycle whose end month is known; with `pace`, a monthly
    reminder of the CEUs a month each unfinished cycle asks (None: no cycles); and each goal
    (`presenters.GoalLine`) as its exam month's first day, with a reminder 30 days before."""
    # The same answers give the same file all month (its ETag says so): no random identifier.
    uid = uuid.uuid5(uuid.NAMESPACE_URL, plan_url)
    cal = Calendar.new(prodid=PRODID, name=name, uid=uid)
    for goal in goals:
        cal.add_component(goal_event(goal, host=host, stamp=stamp, plan_url=plan_url))
    if upkeep is None:
        return cal.to_ical()
    for body in upkeep.due_dates:
        due = body.progress.due
        end = cycle_end(due)
        summary = event_summary(body)
        event = Event.new(
            uid=f"renewal-{body.body}-{due:%Y-%m}@{host}",
            stamp=stamp,
            start=end,
            end=end + timedelta(days=1),  # all-day: the end date is exclusive
            summary=summary,
            description=event_description(body, upkeep.as_of, plan_url),
            url=plan_url,
        )
        for days in REMINDER_DAYS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(days=-days))
            alarm.add("description", f"In {days} days: {summary}")
            event.add_component(alarm)
        cal.add_component(event)
        if pace and body.progress.ceus_per_month and upkeep.as_of:
            cal.add_component(
                pace_event(body, upkeep.as_of, host=host, stamp=stamp, plan_url=plan_url)
            )
    return cal.to_ical()
