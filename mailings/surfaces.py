"""Where mailings show a person to someone else (stub until filled)."""

SURFACES: list = []
NOT_A_SURFACE: dict[str, str] = {}
