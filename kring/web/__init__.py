"""The web edge: authentication, errors, templates. Handlers stay thin and call domain functions."""
