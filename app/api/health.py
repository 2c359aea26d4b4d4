"""Health checks: `/livez` (the process answers) and `/healthz` (the database answers too)."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.dependencies import SessionDep
from app.api.problems import DATABASE_RETRY_AFTER_S, problem_response, problem_responses

router = APIRouter(tags=["health"])


@router.get("/livez", operation_id="checkLiveness")
async def livez() -> dict[str, str]:
    """200 while the process serves requests; touches nothing else (liveness probes), so it
    answers at once while the database is down or silent."""
    return {"status": "ok"}


@router.get("/healthz", operation_id="checkHealth", responses=problem_responses(503))
def healthz(request: Request, session: SessionDep) -> JSONResponse:
    """200 when a real query succeeds, 503 otherwise (for load balancers and Docker)."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return problem_response(
            request,
            503,
            "The database is unreachable.",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_S)},
        )
    return JSONResponse({"status": "ok", "database": "ok"})
