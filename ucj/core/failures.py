"""What a user reads when something outside their control fails (the object store down, a damaged
or read-only data directory): a message key of ``ucj.core.i18n`` and its parameters, never a trace,
server path, endpoint URL, bucket or credential. Both faces use it: the app's error boundary and
the command line's last line of defence. The trace itself goes to the server log (the caller's)."""

from __future__ import annotations

import errno
import json

from .errors import UcjError


class StoreAddressError(UcjError, ValueError):
    """``UCJ_STORE`` names no usable object store (``s3://`` without a bucket)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("store_address_bad")
        self.args = (detail or self.key,)  # the server log's line; users read the key's message


# botocore's own names, so that this module imports without boto3 installed.
_UNREACHABLE = {
    "EndpointConnectionError",
    "ConnectTimeoutError",
    "ReadTimeoutError",
    "ConnectionClosedError",
    "ConnectionError",
    "ProxyConnectionError",
    "SSLError",
    "HTTPClientError",
}
_NO_CREDENTIALS = {"NoCredentialsError", "PartialCredentialsError", "CredentialRetrievalError"}
_DENIED_CODES = {"AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "AllAccessDisabled", "Forbidden", "403"}


def _names(exc: BaseException) -> set[str]:
    return {c.__name__ for c in type(exc).__mro__}


def failure_message(exc: BaseException) -> tuple[str, dict]:
    """The message key and parameters a user reads for ``exc``; ``("unexpected_error", …)`` naming
    only the exception's class when it is none of the known kinds."""
    names = _names(exc)
    if isinstance(exc, UcjError):
        from .i18n import MESSAGES

        if exc.key in MESSAGES:  # a refusal that says itself (a damaged store, an audit log cut short)
            return exc.key, exc.params
    if names & _UNREACHABLE:
        return "store_unreachable", {}
    if names & _NO_CREDENTIALS:
        return "store_no_credentials", {}
    if "ClientError" in names:
        error = getattr(exc, "response", {}).get("Error", {})
        code = str(error.get("Code", ""))
        if code in ("NoSuchBucket", "404"):
            return "store_no_bucket", {}
        if code in _DENIED_CODES:
            return "store_denied", {}
        return "store_refused", {"code": code[:60] or type(exc).__name__}
    if isinstance(exc, (json.JSONDecodeError, UnicodeDecodeError)):
        return "store_file_damaged", {}
    if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno == errno.EROFS):
        return "store_read_only", {}
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "store_disk_full", {}
    return "unexpected_error", {"detail": type(exc).__name__}
