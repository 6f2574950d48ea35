"""Organisers compose mailings: owned by the compose slice (stub until filled)."""

ROUTES: list = []
