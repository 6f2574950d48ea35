"""Sentence encoders behind ``matching.semantic``: the registered models and their runtimes."""
