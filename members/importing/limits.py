"""How large an import may be: one source for the page, the API and their 413 answers.

50,000 contacts of a CRM export with every column filled in (a long address, notes, how we
met) come to some 20 MB; a limit of 10 MB refused such a file (found by an outside probe).
"""

from __future__ import annotations

from kring.errors import TooLarge
from kring.messages import N_, Quantity
from kring.validation import FieldError
from kring.web.uploads import FORM_ALLOWANCE

MAX_UPLOAD = 25_000_000
"""The largest file an import reads, in bytes."""

FORM_MAX = MAX_UPLOAD * 4 // 3 + FORM_ALLOWANCE
"""What the page's forms may carry: between preview and import the file travels back in the
form compressed and as base64, at worst (an XLSX is compressed already) a third larger."""

BACK = ("/import", N_("Back to the import"))


TOO_LARGE = N_("the file is larger than the limit of %(limit)s MB; send a smaller file")


def file_too_large() -> TooLarge:
    """The 413 answer to a file above the limit: the limit in MB, and the way back to the
    import page rather than the home page."""
    error = TooLarge(TOO_LARGE, field="file", limit=Quantity(MAX_UPLOAD / 1_000_000))
    error.back_to = BACK
    return error


def file_too_large_beside_its_field() -> FieldError:
    """The same refusal shown beside the page's file field."""
    return FieldError("file", TOO_LARGE, limit=Quantity(MAX_UPLOAD / 1_000_000))
