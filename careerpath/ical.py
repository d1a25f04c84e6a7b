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


def upkeep_calendar(
    upkeep: CredentialUpkeep, *, host: str, stamp: datetime, plan_url: str
) -> bytes:
    """The calendar file of every cycle whose end month is known."""
    # The same answers give the same file all month (its ETag says so): no random identifier.
    uid = uuid.uuid5(uuid.NAMESPACE_URL, plan_url)
    cal = Calendar.new(prodid=PRODID, name="Credential renewals", uid=uid)
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
    return cal.to_ical()
