"""The time a request happens at, as a dependency so tests can stand at a deadline's edge."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends

from app.core.db import utcnow


def request_time() -> datetime:
    """Now, in UTC."""
    return utcnow()


NowDep = Annotated[datetime, Depends(request_time)]
