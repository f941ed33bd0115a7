"""Fixtures for the central endpoint (a real server on 127.0.0.1)."""
