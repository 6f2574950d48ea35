"""Every route of the import module; the app registers this list."""

ROUTES: list = []
