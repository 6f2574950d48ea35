"""The composition root: the one package that imports every app and assembles the Litestar
app, the CLI, the worker's jobs, the demo and Piccolo's configuration from what the apps
declare (`assembly.apps`)."""

import os
import sys

from kring.settings import SettingsError, get_settings

# Piccolo finds its engine and apps through this module; the package carries it so `kring` works
# from any directory, and the root `piccolo_conf.py` only re-exports it for the `piccolo` CLI.
os.environ.setdefault("PICCOLO_CONF", "assembly.piccolo_conf")

# Modules read the settings as they are imported (the database engine, the upload limit): an
# unusable one would end every `kring` command, and the web app under any server, in a
# traceback. Read here first, before any of them, it is one line naming the variable, and
# exit code 2, as for any other command that cannot do what it is asked.
try:
    get_settings()
except SettingsError as error:
    sys.stderr.write(f"error: {error}\n")
    raise SystemExit(2) from None
