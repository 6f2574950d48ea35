"""The members' library as the composition root sees it."""

from kring.apps import DomainApp

KRING_APP = DomainApp(name="library")
