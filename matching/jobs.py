"""Timed work of the matching module, run by `kring worker`."""

from kring.jobs import Job
from matching.embedding_store import prune_embeddings
from matching.introductions import expire_due, send_reminders
from matching.mail_outbox import deliver_due, forget_settled
from matching.semantic import MODEL_VERSION
from matching.service import rematch_stale


async def prune_stale_embeddings() -> int:
    """Embeddings of texts that were edited or deleted, and of other model versions."""
    return await prune_embeddings(MODEL_VERSION)


JOBS: dict[str, Job] = {
    "introduction reminders": send_reminders,
    "expired introductions": expire_due,
    "introduction mails to retry": deliver_due,
    "settled introduction mails": forget_settled,
    "stale proposals": rematch_stale,
    "stale embeddings": prune_stale_embeddings,
}
