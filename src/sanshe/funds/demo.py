"""This app's part of the demo city."""


def load(as_of):
    """Add this app's demo rows; called once, inside the demo city's transaction."""
