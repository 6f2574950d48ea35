"""Kring: the platform core — members, organisations, accounts, the app and the CLI."""

import os

# Piccolo finds its engine through this module; the package carries it so `kring` works from any
# directory, and the root `piccolo_conf.py` only re-exports it for the `piccolo` developer CLI.
os.environ.setdefault("PICCOLO_CONF", "kring.piccolo_conf")
