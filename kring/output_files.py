"""Writing a file a command was asked for (`--output`): never over a file that is there unless
asked to, and never half.

`kring events attendees --output list.csv` replaced a list.csv already there without a word,
and wrote it in place, so a failure mid-way (a full disk) left a half file under the name an
organiser trusts. The content goes to a temporary file beside the target first and is then put
in its place at once; without `force` that last step refuses a file that is there (also one made
in the meantime).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import click

NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


class OutputExists(click.UsageError):
    """The file is there and `--force` was not given: nothing is written."""

    def __init__(self, output: Path) -> None:
        super().__init__(
            f"{output} already exists: nothing was written; give --force to replace it, "
            "or another --output"
        )


def refuse_existing(output: Path | None, force: bool) -> None:
    """Before any work: an `--output` file that is there is refused (unless `force`)."""
    if output is not None and str(output) != "-" and not force and output.exists():
        raise OutputExists(output)


def write_file(output: Path, content: bytes, force: bool) -> None:
    """`content` into `output` whole or not at all; a file there is replaced only if `force`."""
    folder = output.parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # as a plain open() would have made it
        if force:
            os.replace(temporary, output)
        else:
            _place_new(temporary, output)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)


def _place_new(temporary: str, output: Path) -> None:
    """A hard link puts the file in place only if the name is free, in one step."""
    try:
        os.link(temporary, output)
    except FileExistsError:
        raise OutputExists(output) from None
    except OSError as error:
        if error.errno not in NO_HARD_LINKS:
            raise
        if output.exists():  # a file system without hard links: check, then rename
            raise OutputExists(output) from None
        os.replace(temporary, output)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
