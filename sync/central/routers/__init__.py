"""HTTP routers by domain: auth, sync, reference, records, health."""
