"""``realname-central`` commands, one module each with ``add_parser`` and ``run``."""
