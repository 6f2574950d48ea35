"""The composition root: the one package that imports every app and assembles the Litestar
app, the CLI, the worker's jobs, the demo and Piccolo's configuration from what the apps
declare (`assembly.apps`)."""

import os

# Piccolo finds its engine and apps through this module; the package carries it so `kring` works
# from any directory, and the root `piccolo_conf.py` only re-exports it for the `piccolo` CLI.
os.environ.setdefault("PICCOLO_CONF", "assembly.piccolo_conf")
