"""HTTP routes for organisations."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.api.conditional import NOT_MODIFIED, require_model_match, tagged
from app.api.dependencies import OptionalPrincipalDep, PrincipalDep, SessionDep
from app.api.problems import problem_responses
from app.core.pagination import Page, next_link
from app.core.urls import url_of_path
from app.organisations import service
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate
from app.postings import service as postings

router = APIRouter(prefix="/v1/organisations", tags=["organisations"])


def get_organisation(slug: str, session: SessionDep) -> Organisation:
    return service.get_by_slug(session, slug)


OrganisationDep = Annotated[Organisation, Depends(get_organisation)]


@router.get(
    "",
    operation_id="listOrganisations",
    response_model=Page[OrganisationRead],
    responses={**NOT_MODIFIED, **problem_responses(401, 422)},
)
def list_organisations(
    request: Request,
    session: SessionDep,
    _principal: OptionalPrincipalDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
) -> Response:
    """Every organisation, in slug order."""
    rows, next_cursor = service.list_organisations(session, cursor, limit)
    page: Page[OrganisationRead] = Page(
        items=[OrganisationRead.model_validate(row) for row in rows], next_cursor=next_cursor
    )
    headers = {"Link": next_link(request, "cursor", next_cursor)} if next_cursor else None
    return tagged(request, page, headers=headers)


@router.post(
    "",
    operation_id="createOrganisation",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
)
def create_organisation(
    request: Request,
    data: OrganisationCreate,
    session: SessionDep,
    principal: PrincipalDep,
    response: Response,
) -> OrganisationRead:
    """Register an organisation (admin key). The slug is derived from the name if not given."""
    principal.require_admin("create organisations")
    organisation = service.create_organisation(session, data)
    response.headers["Location"] = url_of_path(request, f"{router.prefix}/{organisation.slug}")
    return OrganisationRead.model_validate(organisation)


@router.get(
    "/{slug}",
    operation_id="getOrganisation",
    response_model=OrganisationRead,
    responses={**NOT_MODIFIED, **problem_responses(401, 404)},
)
def read_organisation(
    request: Request, organisation: OrganisationDep, _principal: OptionalPrincipalDep
) -> Response:
    """One organisation, with its `ETag` (`If-None-Match` gets 304)."""
    return tagged(request, OrganisationRead.model_validate(organisation))


@router.patch(
    "/{slug}",
    operation_id="updateOrganisation",
    response_model=OrganisationRead,
    responses=problem_responses(401, 403, 404, 412, 422),
)
def update_organisation(
    request: Request,
    organisation: OrganisationDep,
    data: OrganisationUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> Response:
    """Change an organisation (its own key or admin). A new timezone moves its deadlines.

    Send the `ETag` you read in `If-Match`: if someone changed it since, you get 412."""
    assert organisation.id is not None
    principal.require_manage(organisation.id, f"organisation '{organisation.slug}'")
    # Locked until the change commits (PostgreSQL): a concurrent PATCH with the same ETag
    # waits, then meets the changed organisation and gets 412.
    session.refresh(organisation, with_for_update=True)
    require_model_match(
        request, lambda: OrganisationRead.model_validate(organisation), "This organisation"
    )
    changes = service.update_organisation(session, organisation, data)
    if "timezone" in changes:
        postings.reschedule_deadlines(session, organisation)
    if "name" in changes:
        postings.republish(session, organisation)
    return tagged(request, OrganisationRead.model_validate(organisation))


@router.delete(
    "/{slug}",
    operation_id="deleteOrganisation",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409),
)
def delete_organisation(
    organisation: OrganisationDep, session: SessionDep, principal: PrincipalDep
) -> None:
    """Delete an organisation and its keys (admin key); refused while it has postings."""
    principal.require_admin("delete organisations")
    service.delete_organisation(session, organisation)
