"""Multi-organisation projects: participants, a shared workspace (documents, meeting notes,
milestones) seen only by participants and organisers."""
