"""The states of an award edition and of a candidacy."""

from enum import StrEnum


class EditionState(StrEnum):
    """open: candidacies come in; judging: jurors score alone; deliberation: the jury meeting,
    where jurors see each other's scores; decided: the outcome is final (the five years of
    retention start); archived: closed, kept until the retention job removes it."""

    open = "open"
    judging = "judging"
    deliberation = "deliberation"
    decided = "decided"
    archived = "archived"


NEXT_STATE = {
    EditionState.open: EditionState.judging,
    EditionState.judging: EditionState.deliberation,
    EditionState.deliberation: EditionState.decided,
    EditionState.decided: EditionState.archived,
}


class CandidacyState(StrEnum):
    draft = "draft"
    submitted = "submitted"
    withdrawn = "withdrawn"
