"""One exception hierarchy: every message names the input, what is wrong and what to do."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error the tracker raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, source: str | None = None, hint: str | None = None):
        self.message = message
        self.source = source
        self.hint = hint
        super().__init__(self.format())

    def format(self) -> str:
        where = f"{self.source}: " if self.source else ""
        fix = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{fix}"


class IngestError(TrackerError):
    """A file, folder or URL could not be read into a Document."""

    code = "E100"


class ExtractError(TrackerError):
    """Extraction could not run (model missing, bad settings)."""

    code = "E200"


class StoreError(TrackerError):
    """The ledger could not be opened, migrated or written."""

    code = "E300"


class OfficialDataError(TrackerError):
    """An official dataset could not be imported."""

    code = "E400"


class EvalError(TrackerError):
    """A gold file or text folder for evaluation is unusable."""

    code = "E500"


class PublishError(TrackerError):
    """The web ledger or an export could not be produced."""

    code = "E600"
