"""The composition root: the one package that imports every app and assembles the Litestar
app, the CLI, the worker's jobs, the demo and Piccolo's configuration from what the apps
declare (`assembly.apps`)."""

import os
import sys
from typing import NoReturn

from kring.settings import SettingsError, check_at_start

# Piccolo finds its engine and apps through this module; the package carries it so `kring` works
# from any directory, and the root `piccolo_conf.py` only re-exports it for the `piccolo` CLI.
os.environ.setdefault("PICCOLO_CONF", "assembly.piccolo_conf")


def refuse(error: SettingsError) -> NoReturn:
    """An unusable setting ends the process in one line naming it, and exit code 2, as any
    other command that cannot do what it is asked (also the database's first connection:
    `assembly.piccolo_conf`)."""
    sys.stderr.write(f"error: {error}\n")
    raise SystemExit(2) from None


# Modules read the settings as they are imported (the database engine, the upload limit, the
# password hasher) or when they first use them (a 500 then): an unusable one would end every
# `kring` command, and the web app under any server, in a traceback. Every setting is checked
# here first, before any of them (`kring.settings.check_at_start`).
try:
    check_at_start()
except SettingsError as error:
    refuse(error)
