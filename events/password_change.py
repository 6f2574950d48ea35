"""A new password turns off the member's calendar address (`/events/feed/…`): the address
reads their agenda without a password, so whoever knew the old one could have made one and kept
reading after the owner changed it. The person is told, with where to make a new address.

Declared to `kring.declarations.declare_password_change` and imported by
`events/piccolo_app.py`, so the password pages (in `members`, below `events`) run it without
importing events."""

from __future__ import annotations

from events.tables import CalendarFeed
from kring.declarations import PasswordChange, declare_password_change
from kring.messages import N_


async def turn_off_calendar_address(member_id: int) -> bool:
    """Every address of the member stops working; whether one was on."""
    # Imported here: this module is loaded with the tables (`events.piccolo_app`), and the
    # feeds bring the iCalendar library, which the commands that need only the tables should
    # not wait for.
    from events.feeds import revoke_feeds

    return await revoke_feeds(member_id) > 0


declare_password_change(
    CalendarFeed,
    PasswordChange(
        end=turn_off_calendar_address,
        told=N_(
            "Your calendar address stopped working too: make a new one under Events,"
            " ‘Subscribe to my events in my calendar’."
        ),
    ),
)
