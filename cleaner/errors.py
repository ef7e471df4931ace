"""The one exception the library raises on input it cannot read."""


class CleanerError(ValueError):
    """Input the cleaner cannot read: binary data, an unknown encoding, too large, broken gzip."""
