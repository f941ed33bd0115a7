"""Fixtures for the field client: local store, test keyring, sync client."""
