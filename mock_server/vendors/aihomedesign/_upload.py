"""AI HomeDesign's upload errors: the engine's validation failures in the vendor's words.

The engine checks the multipart body against the spec (file present, ``service_name`` in
the enum, size, declared part type) and reports every problem it finds. The vendor's Go
backend stops at the first one, and two of its errors have no ``key``, so
:func:`upload_error` picks the problem that the spec's order of checks puts first and
words it as the spec says. :func:`check_image_bytes` adds the one check the engine cannot
make: what the bytes are.
"""

from __future__ import annotations

from collections.abc import Sequence

from mock_server.errors import Check, FieldIssue, RequestError, Rule
from mock_server.media import sniff_format
from mock_server.types import RequestData, ResponseData, UploadedFile

__all__ = [
    "NOT_MULTIPART",
    "NO_SUCH_FILE",
    "check_image_bytes",
    "too_large",
    "upload_error",
]

NO_SUCH_FILE = "http: no such file"
"""Go's ``http.ErrMissingFile`` text, which the vendor answers when no file is sent."""

NOT_MULTIPART = "request Content-Type isn't multipart/form-data"
"""Go's ``http.ErrNotMultipart`` text."""

# Recognised formats that the upload refuses whatever type the part declares: HEIC by
# the spec's decision, GIF because the vendor lists only photo formats.
_REFUSED_FORMATS = frozenset({"heic", "gif"})


def _keyless(message: str) -> ResponseData:
    return ResponseData(status=400, json={"error": message}, has_json=True)


def _keyed(message: str, key: str) -> ResponseData:
    return ResponseData(status=400, json={"error": message, "key": key}, has_json=True)


def too_large() -> ResponseData:
    """The answer to an image (or a whole upload body) over the limit."""
    return _keyed("image exceeds the 50 MB limit", "api_error_file_too_large")


def _is_missing_file(found: FieldIssue) -> bool:
    if found.location == "files" and found.path[:1] == ("image",):
        return found.rule in (Rule.REQUIRED, Rule.FILE)
    # A multipart Content-Type with an empty body: the form as a whole is missing.
    return found.location == "form" and not found.path and found.rule is Rule.REQUIRED


def _service_name_message(issues: Sequence[FieldIssue]) -> str | None:
    for found in issues:
        if found.location == "form" and found.path[:1] == ("service_name",):
            if found.rule is Rule.REQUIRED:
                return "invalid request: service_name is required"
            return "invalid request: service_name must be one of the supported services"
    return None


def upload_error(request: RequestData, error: RequestError) -> ResponseData | None:
    """The vendor's answer to an upload the engine's validation refused, or None.

    None leaves the engine's own answer (the 401 of a missing or wrong key).
    """
    if error.check is Check.SECURITY:
        return None
    if request.content_type != "multipart/form-data":
        return _keyless(NOT_MULTIPART)
    if error.check is Check.BODY_SIZE:
        return too_large()
    issues = error.issues
    if any(_is_missing_file(found) for found in issues):
        return _keyless(NO_SUCH_FILE)
    message = _service_name_message(issues)
    if message is not None:
        return _keyed(message, "api_error_invalid_request")
    rules = {found.rule for found in issues}
    if Rule.FILE_SIZE in rules:
        return too_large()
    if Rule.FILE_TYPE in rules:
        return _keyed("unsupported image type", "api_error_unsupported_file_type")
    return _keyed(f"invalid request: {error.message}", "api_error_invalid_request")


def check_image_bytes(image: UploadedFile) -> None:
    """Refuse an image whose bytes are a recognised but unaccepted format (HEIC, GIF).

    Unrecognised bytes are accepted: most RAW formats have no common signature.

    Raises:
        RequestError: ``400 api_error_unsupported_file_type``.
    """
    if sniff_format(image.data) in _REFUSED_FORMATS:
        raise RequestError(
            status=400, message="unsupported image type", key="api_error_unsupported_file_type"
        )
