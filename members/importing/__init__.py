"""Bringing an existing network in: CRM/CSV imports, duplicate detection and merges."""
