"""One test per finding of the security review (issue 13): each failed before its fix."""
