"""The network's award: editions, candidacies with attachments, juries bound by
confidentiality, scoring and the five-year dossier retention."""
