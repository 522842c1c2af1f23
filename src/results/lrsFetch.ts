/**
 * Reads the unit's `answered` statements from an LRS (xAPI 1.0.3 statement query), page by page
 * through `more`. Uses the platform's fetch, so it runs in Node and in the browser alike.
 */
import { ANSWERED } from "./lrsStatements";
import { ResultsError } from "./types";

export interface LrsQuery {
  /** The LRS's xAPI endpoint, e.g. `https://lrs.example.org/xapi/`. */
  endpoint: string;
  /** `user:password` (Basic), a ready `Basic …`/`Bearer …` header value, or a bare Basic token. */
  auth: string;
  /** The unit's activity id: the statements name it as object, parent or grouping. */
  activity: string;
  /** ISO 8601: only statements stored after it. */
  since?: string;
}

/** The Authorization header for what the teacher typed after --auth. */
export function authorization(auth: string): string {
  if (/^(Basic|Bearer) /.test(auth)) return auth;
  if (!auth.includes(":")) return `Basic ${auth}`;
  const bytes = new TextEncoder().encode(auth);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

export async function fetchAnsweredStatements(query: LrsQuery, fetchFn: typeof fetch = fetch): Promise<unknown[]> {
  const base = query.endpoint.endsWith("/") ? query.endpoint : `${query.endpoint}/`;
  const params = new URLSearchParams({ verb: ANSWERED, activity: query.activity, related_activities: "true" });
  if (query.since) params.set("since", query.since);
  let url: string | undefined = `${base}statements?${params}`;
  const statements: unknown[] = [];
  const seen = new Set<string>();
  while (url) {
    if (seen.has(url)) throw new ResultsError(`The LRS at ${query.endpoint} sent the same "more" page twice: it is not paging properly`);
    seen.add(url);
    let response: Response;
    try {
      response = await fetchFn(url, { headers: { Authorization: authorization(query.auth), "X-Experience-API-Version": "1.0.3", Accept: "application/json" } });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new ResultsError(`Cannot reach the LRS at ${query.endpoint} (${cause?.code ?? cause?.message ?? (e as Error).message}): check the address and your connection`);
    }
    if (response.status === 401 || response.status === 403)
      throw new ResultsError(`The LRS at ${query.endpoint} refused the credentials (${response.status}): check --auth`);
    if (!response.ok) throw new ResultsError(`The LRS at ${query.endpoint} answered ${response.status} ${response.statusText}: check the address (the xAPI endpoint, ending in /xapi/ or similar)`);
    let page: { statements?: unknown[]; more?: string };
    try {
      page = (await response.json()) as typeof page;
    } catch {
      throw new ResultsError(`The LRS at ${query.endpoint} did not answer with xAPI statements: check the address (the xAPI endpoint)`);
    }
    if (!Array.isArray(page.statements)) throw new ResultsError(`The LRS at ${query.endpoint} did not answer with xAPI statements: check the address (the xAPI endpoint)`);
    statements.push(...page.statements);
    // `more` is relative to the LRS's server (xAPI 1.0.3 §4.2): resolved against the endpoint.
    url = page.more ? new URL(page.more, base).href : undefined;
  }
  return statements;
}
