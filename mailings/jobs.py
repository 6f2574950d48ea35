"""Worker jobs of mailings (stub until filled)."""

JOBS: dict = {}
