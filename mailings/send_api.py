"""Audience, sending, unsubscribe and clicks: owned by the delivery slice (stub until filled)."""

ROUTES: list = []
