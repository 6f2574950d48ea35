"""Every route of the privacy module; the app registers this list."""

ROUTES: list = []
