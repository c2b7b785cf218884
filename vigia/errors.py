"""One exception hierarchy; the CLI and the console turn these into one plain line."""


class VigiaError(Exception):
    """Base of every error Vigía reports to a user."""


class ConfigError(VigiaError):
    """The settings are missing, malformed or contradictory."""


class StoreError(VigiaError):
    """The store cannot be opened, read or written."""


class RecordError(VigiaError):
    """One input record is invalid; it names the record and the field."""

    def __init__(self, ref: str, field: str | None, reason: str):
        self.ref, self.field, self.reason = ref, field, reason
        where = f"field '{field}'" if field else "record"
        super().__init__(f"{ref}: {where}: {reason}")


class InputError(VigiaError):
    """An input file cannot be read at all (missing, unknown format, bad mapping)."""


class ModelError(VigiaError):
    """A model is not bootstrapped or trained, or training/evaluation data cannot be read."""
