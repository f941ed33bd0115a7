"""The contract between field and centre, and both ends of it."""
