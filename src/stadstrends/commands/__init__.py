"""CLI commands of the later stages, each module registering its commands on ``cli.app``."""
