"""For the `piccolo` developer CLI (e.g. `piccolo migrations new kring --auto`)."""

from assembly.piccolo_conf import APP_REGISTRY, DB

__all__ = ["APP_REGISTRY", "DB"]
