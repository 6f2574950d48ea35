"""`kring mailings …` (stub until filled)."""

COMMANDS: list = []
