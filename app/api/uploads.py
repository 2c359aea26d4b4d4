"""A CV as a form uploads it, read by both routes that take one (the API's and the apply
page's): bounded by `MAX_CV_BYTES` as it is read, then recognised by its content."""

from starlette.datastructures import UploadFile

from app.applications.files import CV, recognise
from app.core.config import get_settings
from app.core.errors import PayloadTooLarge


async def read_cv(upload: UploadFile) -> CV | None:
    """The uploaded CV; None for a file field left empty (a browser sends it without a name)."""
    limit = get_settings().max_cv_bytes
    content = await upload.read(limit + 1)
    if not content and not upload.filename:
        return None
    if len(content) > limit:
        raise PayloadTooLarge(
            f"The CV is larger than {limit // (1024 * 1024)} MB; send a smaller file."
        )
    return recognise(content, upload.filename or "cv")
