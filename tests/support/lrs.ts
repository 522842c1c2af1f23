/**
 * A small Learning Record Store on 127.0.0.1 for tests: statements (stored by id, so a retry cannot
 * duplicate) and State API documents, with CORS as a real LRS on another origin, an Authorization
 * check, and a switch that makes it fail the next N requests (as if down or offline).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestLrs {
  endpoint: string;
  auth: string;
  /** Accepted statements in arrival order, each once. */
  statements: Record<string, unknown>[];
  /** Every statement POST the LRS answered (including failed and repeated ones). */
  posts: { status: number; ids: string[] }[];
  states: Map<string, string>;
  requests: { method: string; path: string; version: string | undefined }[];
  failNext(n: number): void;
  close(): Promise<void>;
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Authorization, Content-Type, X-Experience-API-Version, If-Match, If-None-Match",
  "access-control-allow-methods": "GET, POST, PUT, DELETE, OPTIONS",
  "access-control-expose-headers": "ETag, X-Experience-API-Version",
};

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });

export async function startLrs(): Promise<TestLrs> {
  const auth = `Basic ${Buffer.from("learner-key:secret-from-launch").toString("base64")}`;
  let failing = 0;
  const lrs: Omit<TestLrs, "endpoint" | "close"> = {
    auth,
    statements: [],
    posts: [],
    states: new Map(),
    requests: [],
    failNext: (n) => (failing = n),
  };
  const byId = new Map<string, string>();

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...CORS, "x-experience-api-version": "1.0.3", ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (req.method === "OPTIONS") return send(204);
    lrs.requests.push({ method: req.method ?? "", path: url.pathname, version: req.headers["x-experience-api-version"] as string | undefined });
    const text = await body(req);
    if (failing > 0) {
      failing--;
      if (url.pathname.endsWith("/statements")) lrs.posts.push({ status: 503, ids: [] });
      return send(503, { error: "down for the test" });
    }
    if (req.headers.authorization !== auth) return send(401, { error: "bad credentials" });
    if (!req.headers["x-experience-api-version"]) return send(400, { error: "missing X-Experience-API-Version" });

    if (url.pathname === "/xapi/statements" && req.method === "POST") {
      const parsed = JSON.parse(text);
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
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
          lrs.statements.push(s);
        }
      }
      lrs.posts.push({ status: 200, ids: list.map((s) => String(s.id)) });
      return send(200, list.map((s) => s.id));
    }
    if (url.pathname === "/xapi/activities/state") {
      const key = ["activityId", "agent", "stateId", "registration"].map((k) => url.searchParams.get(k) ?? "").join("|");
      if (req.method === "PUT" || req.method === "POST") {
        lrs.states.set(key, text);
        return send(204);
      }
      if (req.method === "GET") {
        const doc = lrs.states.get(key);
        return doc === undefined ? send(404, { error: "no state" }) : send(200, JSON.parse(doc), { "content-type": "application/json" });
      }
    }
    send(404, { error: `no route ${req.method} ${url.pathname}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...lrs,
    endpoint: `http://127.0.0.1:${port}/xapi/`,
    failNext: (n) => (failing = n),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // browsers keep connections alive
      }),
  };
}
