"""Exceptions the core raises; each carries a Chinese message fit to show a clerk."""


class ReportError(Exception):
    """Base class.  str(exc) is the Chinese message."""


class DraftReadError(ReportError):
    """A draft file that cannot be read: missing, malformed, truncated or from a newer version."""


class DraftWriteError(ReportError):
    """A draft that could not be written (folder not writable, disk full ...)."""


class FormatError(ReportError):
    """A missing or broken format definition in resources/formats."""


class ImportFailed(ReportError):
    """A source (Word file, web page, PDF, XLSX, draft) from which nothing could be imported:
    not a report, a kind we cannot read (.doc, scanned PDF), too large, or hostile."""
