"""An import-linter contract: no package imports another package's private names.

import-linter's graph knows which modules import which, not the names they take; a leading
underscore marks a name its package keeps to itself (`from events.who_to_meet_mail import _mail`
from privacy was how a surface reached into the events app). This reads each module's source
for `from x import _name` where x lies in another root package.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

import grimp
from importlinter.application import output
from importlinter.domain.contract import Contract, ContractCheck


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _source(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec else None
    return Path(origin) if origin and origin.endswith(".py") else None


def reaches(module: str, roots: set[str]) -> list[str]:
    """Each `imported.module:name` of another root package that `module` takes privately."""
    path = _source(module)
    if path is None:
        return []
    own = module.split(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        parts = node.module.split(".")
        if parts[0] not in roots or parts[0] == own:
            continue
        if any(_is_private(part) for part in parts):
            found.append(node.module)
        found.extend(f"{node.module}:{a.name}" for a in node.names if _is_private(a.name))
    return found


class PrivateNamesContract(Contract):
    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        roots = {module.split(".")[0] for module in graph.modules}
        internal = {module for module in graph.modules if "piccolo_migrations" not in module}
        illegal = {
            module: found
            for module in sorted(internal)
            if not graph.is_module_squashed(module) and (found := reaches(module, roots))
        }
        return ContractCheck(kept=not illegal, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for module, names in check.metadata["illegal"].items():
            for name in names:
                output.print_error(f"- {module} imports {name}", bold=False)
        output.new_line()
