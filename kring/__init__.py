"""Kring's platform core: tables, accounts, settings, the web toolkit, the declarations of
personal data. It imports no app above it; `assembly` puts the apps together."""
