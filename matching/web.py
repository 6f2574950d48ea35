"""Every route of the matching module; the app registers this list."""

from matching.api import ProposalController

ROUTES: list = [ProposalController]
