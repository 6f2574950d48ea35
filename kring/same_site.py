"""Which addresses lead back to a page of this site: one check for a form's `next` and for
the page a refused upload came from, so a crafted value never sends anyone elsewhere."""

from __future__ import annotations

from urllib.parse import urlsplit


def same_site_path(target: object) -> str | None:
    """`target` when it is a path on this site, else None. Browsers read a backslash as a
    slash (`/\\evil.example` is `//evil.example`) and drop tabs and line breaks from
    addresses, so neither may appear."""
    if not isinstance(target, str):  # a form field sent twice: a list
        return None
    if not target or "\\" in target or any(ord(char) < 0x20 for char in target):
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:  # "/x?[": urlsplit reads brackets as an IPv6 host and gives up
        return None
    if parts.scheme or parts.netloc:
        return None
    return target
