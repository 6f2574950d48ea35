"""Every route of the matching module; the app registers this list."""

from matching import pages
from matching.api import ProposalController
from matching.introductions_api import IntroductionController

ROUTES: list = [ProposalController, IntroductionController, *pages.ROUTES]
