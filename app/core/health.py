"""The health check: the process is up and the database answers."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.db import SessionDep
from app.core.errors import problem_response, problem_responses

router = APIRouter(tags=["health"])


@router.get("/healthz", responses=problem_responses(503))
def healthz(request: Request, session: SessionDep) -> JSONResponse:
    """200 when a real query succeeds, 503 otherwise (for load balancers and Docker)."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return problem_response(request, 503, "The database is unreachable.")
    return JSONResponse({"status": "ok", "database": "ok"})
