"""Migration scripts, applied in order by :func:`sync.central.db.migrate`."""
