"""The JSON API under /api: bearer-token auth, msgspec schemas at the edge, domain calls inside."""
