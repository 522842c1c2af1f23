/**
 * A small Learning Record Store: statements (stored by id, so a retry cannot duplicate), State API
 * and agent profile documents, an Authorization check, and a switch that makes it fail the next N
 * requests (as if down or offline). Enough for the xAPI and cmi5 units and the teachers' results
 * command, not a general LRS: statement queries by verb, activity (related or not), registration
 * and `since`, paged through `more`; no ETags.
 *
 * Two ways to run it:
 * - `createLrsHandler()`: a request handler the preview mounts in its own server under `/xapi/`, so
 *   the preview page (same origin) can show what the unit sent;
 * - `startLrs()`: its own server on 127.0.0.1 for the tests, with CORS as a real LRS on another origin.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestLrs {
  endpoint: string;
  auth: string;
  /** Accepted statements in arrival order, each once. */
  statements: Record<string, unknown>[];
  /** Every statement POST the LRS answered (including failed and repeated ones). */
  posts: { status: number; ids: string[] }[];
  /** State documents by JSON `[activityId, agent, stateId, registration]` (agent as `agentKey` gives it). */
  states: Map<string, string>;
  /** Agent profile documents by JSON `[agent, profileId]`. */
  profiles: Map<string, string>;
  requests: { method: string; path: string; version: string | undefined }[];
  failNext(n: number): void;
  /** The most statements one GET returns before `more` points to the rest (default 100). */
  setPageSize(n: number): void;
  close(): Promise<void>;
}

export interface LrsHandler extends Omit<TestLrs, "endpoint" | "close"> {
  /** Answers the request if its path is under the LRS's base path; false (and nothing sent) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Forgets every statement, state document and logged request (the arrays and map are kept, emptied). */
  reset(): void;
}

export interface LrsOptions {
  /** Path the xAPI resources sit under: `<base>statements`, `<base>activities/state`. */
  base?: string;
  /** The Authorization header value the LRS accepts. */
  auth?: string;
  /** Allow any origin to call it (the tests' LRS). Off when mounted beside a page that needs no CORS. */
  cors?: boolean;
}

/**
 * One learner, however the client wrote the Agent's JSON (key order, objectType present or not):
 * the identifier the xAPI spec compares agents by.
 */
export function agentKey(agent: string | Record<string, unknown>): string {
  let a: Record<string, unknown>;
  try {
    a = typeof agent === "string" ? JSON.parse(agent) : agent;
  } catch {
    return String(agent);
  }
  const account = a.account as { homePage?: string; name?: string } | undefined;
  if (account) return `account:${account.homePage}|${account.name}`;
  for (const ifi of ["mbox", "mbox_sha1sum", "openid"]) if (typeof a[ifi] === "string") return `${ifi}:${a[ifi]}`;
  return JSON.stringify(a);
}

/** The key of a state document, as the LRS stores it. */
export const stateKey = (activityId: string, agent: string | Record<string, unknown>, stateId: string, registration = "") =>
  JSON.stringify([activityId, agentKey(agent), stateId, registration]);

/** A state document's key, split back into its parts. */
export const stateKeyParts = (key: string) => {
  const [activityId, agent, stateId, registration] = JSON.parse(key) as string[];
  return { activityId, agent, stateId, registration };
};

export const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-expose-headers": "ETag, X-Experience-API-Version",
};

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

function statementIds(body: string): string[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return (Array.isArray(parsed) ? parsed : [parsed]).map((s) => String((s as { id?: unknown })?.id));
  } catch {
    return [];
  }
}

export function createLrsHandler({ base = "/xapi/", auth = `Basic ${Buffer.from("learner-key:secret-from-launch").toString("base64")}`, cors = true }: LrsOptions = {}): LrsHandler {
  let failing = 0;
  let pageSize = 100;
  const byId = new Map<string, string>();
  /** When each statement was stored, by id: what `since` compares with. */
  const storedAt = new Map<string, string>();
  const lrs: Omit<LrsHandler, "handle"> = {
    auth,
    statements: [],
    posts: [],
    states: new Map(),
    profiles: new Map(),
    requests: [],
    failNext: (n) => (failing = n),
    setPageSize: (n) => (pageSize = n),
    reset() {
      // Emptied in place: callers hold on to these arrays (`lrs.statements` in the tests).
      lrs.statements.length = 0;
      lrs.posts.length = 0;
      lrs.requests.length = 0;
      lrs.states.clear();
      lrs.profiles.clear();
      byId.clear();
      storedAt.clear();
      failing = 0;
    },
  };

  async function answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(cors ? CORS : {}), "x-experience-api-version": "1.0.3", "cache-control": "no-store", ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (req.method === "OPTIONS") return send(cors ? 204 : 405);
    lrs.requests.push({ method: req.method ?? "", path: url.pathname, version: req.headers["x-experience-api-version"] as string | undefined });
    // Decided when the request arrives, so a test that saw it arrive knows its fate.
    const refused = failing > 0;
    if (refused) failing--;
    const text = await readBody(req);
    if (refused) {
      // The refused batch's ids are kept too: a test can wait for the very send it expects to fail.
      if (url.pathname.endsWith("/statements")) lrs.posts.push({ status: 503, ids: statementIds(text) });
      return send(503, { error: "down for the test" });
    }
    if (req.headers.authorization !== auth) return send(401, { error: "bad credentials" });
    if (!req.headers["x-experience-api-version"]) return send(400, { error: "missing X-Experience-API-Version" });

    if (url.pathname === `${base}statements` && req.method === "POST") {
      let list: Record<string, unknown>[];
      try {
        const parsed = JSON.parse(text);
        list = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        return send(400, { error: "the body is not JSON" });
      }
      for (const s of list) {
        const id = String(s.id);
        const known = byId.get(id);
        if (known !== undefined && known !== JSON.stringify(s)) {
          lrs.posts.push({ status: 409, ids: [id] });
          return send(409, { error: `statement ${id} exists with other content` });
        }
      }
      for (const s of list) {
        const id = String(s.id);
        if (!byId.has(id)) {
          byId.set(id, JSON.stringify(s));
          storedAt.set(id, new Date().toISOString());
          lrs.statements.push(s);
        }
      }
      lrs.posts.push({ status: 200, ids: list.map((s) => String(s.id)) });
      return send(200, list.map((s) => s.id));
    }
    const q = (k: string) => url.searchParams.get(k) ?? "";
    if (url.pathname === `${base}statements` && req.method === "GET") return send(200, queryStatements(url), { "content-type": "application/json" });
    const documents =
      url.pathname === `${base}activities/state`
        ? { map: lrs.states, key: stateKey(q("activityId"), q("agent"), q("stateId"), q("registration")) }
        : url.pathname === `${base}agents/profile`
          ? { map: lrs.profiles, key: JSON.stringify([agentKey(q("agent")), q("profileId")]) }
          : null;
    if (documents) {
      if (req.method === "PUT" || req.method === "POST") {
        documents.map.set(documents.key, text);
        return send(204);
      }
      if (req.method === "GET") {
        const doc = documents.map.get(documents.key);
        return doc === undefined ? send(404, { error: "no document" }) : send(200, JSON.parse(doc), { "content-type": "application/json" });
      }
    }
    send(404, { error: `no route ${req.method} ${url.pathname}` });
  }

  /** xAPI 1.0.3 §2.1.3 GET Statements: the filters the results command uses, oldest first, paged. */
  function queryStatements(url: URL): { statements: unknown[]; more: string } {
    const p = url.searchParams;
    const activity = p.get("activity");
    const related = p.get("related_activities") === "true";
    const activitiesOf = (s: Record<string, unknown>) => {
      const object = s.object as { id?: string } | undefined;
      const ctx = (s.context as { contextActivities?: Record<string, { id?: string }[]> } | undefined)?.contextActivities ?? {};
      return [object?.id, ...(related ? Object.values(ctx).flatMap((list) => list.map((a) => a.id)) : [])];
    };
    const matching = lrs.statements
      .filter((s) => !p.get("verb") || (s.verb as { id?: string }).id === p.get("verb"))
      .filter((s) => !activity || activitiesOf(s).includes(activity))
      .filter((s) => !p.get("registration") || (s.context as { registration?: string } | undefined)?.registration === p.get("registration"))
      .filter((s) => !p.get("since") || storedAt.get(String(s.id))! > new Date(p.get("since")!).toISOString());
    const from = Number(p.get("cursor") ?? 0);
    const page = matching.slice(from, from + pageSize).map((s) => ({ ...s, stored: storedAt.get(String(s.id)) }));
    const next = new URL(url.href);
    next.searchParams.set("cursor", String(from + pageSize));
    return { statements: page, more: from + pageSize < matching.length ? `${next.pathname}${next.search}` : "" };
  }

  return {
    ...lrs,
    handle(req, res) {
      const url = new URL(req.url ?? "/", "http://x");
      if (!url.pathname.startsWith(base)) return false;
      answer(req, res, url).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return true;
    },
  };
}

/**
 * An LRS on its own server, 127.0.0.1 on a free port (the tests', on another origin than the unit).
 * `extra` answers requests outside the LRS's paths first (the cmi5 LMS's fetch URL); it returns
 * false for those it leaves alone.
 */
export async function startLrs(extra?: (req: IncomingMessage, res: ServerResponse) => boolean): Promise<TestLrs> {
  const lrs = createLrsHandler();
  const server = createServer((req, res) => {
    if (!extra?.(req, res) && !lrs.handle(req, res)) {
      res.writeHead(404, { ...CORS }).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...lrs,
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // browsers keep connections alive
      }),
  };
}
