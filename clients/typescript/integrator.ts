// An integrator's client of Openings, written as openapi-fetch users write one: every call,
// parameter, body and answer is typed from the server's own OpenAPI document (schema.d.ts,
// made by `make check-clients`), and `tsc --strict` checks it with no casts and no `any`.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Posting = components["schemas"]["PostingRead"];
type Listed = components["schemas"]["PostingSummary"];
type Problem = components["schemas"]["Problem"];

const api = createClient<paths>({ baseUrl: "http://127.0.0.1:8000" });
const key = { Authorization: "Bearer key-of-the-organisation" };

function explain(problem: Problem): string {
  return `${problem.status} ${problem.title}: ${problem.detail ?? ""}`;
}

// Filters, and every page through the cursors.
export async function openRemotePostings(organisation: string): Promise<Listed[]> {
  const found: Listed[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET("/v1/postings", {
      params: {
        query: { organisation: [organisation], remote: ["remote"], open: true, sort: "deadline", cursor },
      },
    });
    if (error) throw new Error(explain(error));
    found.push(...data.items);
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return found;
}

// One posting as JSON (not its JSON-LD alternative), revalidated with its ETag: 304 has no body.
export async function refresh(id: number, etag?: string): Promise<Posting | "unchanged"> {
  const { data, error, response } = await api.GET("/v1/postings/{posting_id}", {
    params: { path: { posting_id: id }, header: { "If-None-Match": etag } },
  });
  if (response.status === 304) return "unchanged";
  if (error) throw new Error(explain(error));
  return data;
}

// Create with a key, then change it only if nobody else did since (412 otherwise).
export async function createAndRetitle(organisation: string): Promise<Posting> {
  const created = await api.POST("/v1/postings", {
    headers: key,
    body: { organisation, title: "Research Software Engineer", remote: "hybrid" },
  });
  if (created.error) throw new Error(explain(created.error));
  const etag = created.response.headers.get("ETag") ?? "*";
  const updated = await api.PATCH("/v1/postings/{posting_id}", {
    headers: key,
    params: { path: { posting_id: created.data.id }, header: { "If-Match": etag } },
    body: { title: "Senior Research Software Engineer" },
  });
  if (updated.response.status === 412) return created.data;
  if (updated.error) throw new Error(explain(updated.error));
  return updated.data;
}

// Upsert by the integrator's own id: 201 the first time, 200 after.
export async function mirror(organisation: string, externalId: string): Promise<Posting> {
  const { data, error } = await api.PUT("/v1/organisations/{slug}/postings/{external_id}", {
    headers: key,
    params: { path: { slug: organisation, external_id: externalId } },
    body: { title: "Data Steward", location: "Berlin", deadline: "2027-03-01" },
  });
  if (error) throw new Error(explain(error));
  return data;
}

// The change feed, from a kept cursor; a deleted posting comes as null.
export async function follow(since: string | undefined): Promise<string> {
  const { data, error } = await api.GET("/v1/changes", { params: { query: { since } } });
  if (error) throw new Error(explain(error));
  for (const change of data.items) {
    const title: string | undefined = change.posting?.title;
    console.log(change.posting_id, change.kind, title ?? "(deleted)");
  }
  return data.next_cursor;
}

// Apply with an Idempotency-Key, so that a retry gets the first answer.
export async function apply(postingId: number): Promise<string> {
  const { data, error } = await api.POST("/v1/postings/{posting_id}/applications", {
    params: { path: { posting_id: postingId }, header: { "Idempotency-Key": "ada-1" } },
    body: { name: "Ada Lovelace", email: "ada@example.org", consent: true },
  });
  if (error) throw new Error(explain(error));
  return data.withdrawal_token;
}
