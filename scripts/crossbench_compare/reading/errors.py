"""The one error type of compare's inputs."""


class CompareError(Exception):
    """A problem with the inputs, shown to the user as one line (exit 1)."""
