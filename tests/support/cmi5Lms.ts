/**
 * A loopback cmi5 LMS for the tests, on top of the tests' LRS (src/preview/lrs.ts): it prepares
 * each launch as cmi5 §8 and §10 ask (a session id, LMS.LaunchData in the State API, a single-use
 * fetch URL handing out a token of that session only), keeps the learner's preferences as an agent
 * profile, and knows what it set up, so `checkCmi5` can hold the stored statements to the rules.
 * In front of the LRS it refuses, as ADL's CATAPULT player's LRS proxy does (403, with the
 * requirement's number), any request with the token of a session that has ended (8.1.2.0-2),
 * statements before the AU read LMS.LaunchData and the learner preferences (10.2.1.0-4,
 * 11.0.0.0-3), and a change to LMS.LaunchData (10.2.1.0-5); each refusal is also one of `problems()`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { cmi5Ids } from "../../src/packaging/cmi5";
import { agentKey, CORS, startLrs, stateKey, type TestLrs } from "../../src/preview/lrs";
import { breaks, checkCmi5, SESSION_ID, verbOf, type Cmi5Session } from "./cmi5Rules";

export const LEARNER = { objectType: "Agent", name: "Anna", account: { homePage: "https://lms.example.org", name: "anna-42" } } as const;
export const REGISTRATION = "5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
/** The LMS's own activity id for the AU: cmi5 §8.1.5 wants it different from the publisher id. */
export const ACTIVITY_ID = "https://lms.example.org/cmi5/au/peer-mentoring";

export interface LaunchOptions {
  launchMode?: Cmi5Session["launchMode"];
  masteryScore?: number;
  returnURL?: string;
  registration?: string;
  moveOn?: string;
}

export interface Cmi5Launch {
  /** The AU's address with the five launch parameters. */
  url: string;
  fetchUrl: string;
  /** The auth token the fetch URL hands out: this session's only. */
  token: string;
  session: Cmi5Session;
}

export interface Cmi5Lms {
  lrs: TestLrs;
  /** Every POST to a fetch URL, in order: which launch (0, 1, ...) and what it answered. */
  fetches: { launch: number; answered: "token" | "error" }[];
  sessions: Cmi5Session[];
  /** Prepares a launch of the AU at `auUrl` and returns its launch URL. */
  launch(auUrl: string, opts?: LaunchOptions): Cmi5Launch;
  /** The learner's cmi5LearnerPreferences agent profile. */
  setPreferences(prefs: { languagePreference?: string; audioPreference?: string }): void;
  /** The rule checker over everything stored so far, and every request the LMS refused. */
  problems(open?: string[]): string[];
  /** Requests the LMS refused as CATAPULT's proxy does, each as "requirement detail". */
  refused: string[];
  close(): Promise<void>;
}

/** What the LMS knows of one launch: its token and what the AU has read. */
interface Issued {
  token: string;
  fetched: boolean;
  sessionId: string;
  readLaunchData: boolean;
  readPreferences: boolean;
}

export async function startCmi5Lms(unitId = "peer-mentoring"): Promise<Cmi5Lms> {
  const issued: Issued[] = [];
  const fetches: Cmi5Lms["fetches"] = [];
  const refused: string[] = [];
  let lrs: TestLrs;

  const fetchRoute = (req: IncomingMessage, res: ServerResponse): boolean => {
    const m = /^\/cmi5\/fetch\/(\d+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!m) return false;
    if (req.method === "OPTIONS") {
      res.writeHead(204, CORS).end();
      return true;
    }
    const n = Number(m[1]);
    const send = (body: unknown) => res.writeHead(200, { ...CORS, "content-type": "application/json", "cache-control": "no-store" }).end(JSON.stringify(body));
    const launch = issued[n];
    if (req.method !== "POST" || !launch) {
      res.writeHead(req.method !== "POST" ? 405 : 404, CORS).end();
      return true;
    }
    if (launch.fetched) {
      fetches.push({ launch: n, answered: "error" });
      // cmi5 §8.2.3: the second call answers 200 with an error object.
      send({ "error-code": "1", "error-text": "The authorization token has already been returned." });
    } else {
      launch.fetched = true;
      fetches.push({ launch: n, answered: "token" });
      send({ "auth-token": launch.token });
    }
    return true;
  };

  /**
   * The LRS proxy's checks on a request (CATAPULT player/service/plugins/routes/lrs.js): false lets
   * the LRS answer it, with the LRS's own credentials in place of the session's token.
   */
  const proxyRoute = (req: IncomingMessage, res: ServerResponse): boolean => {
    const url = new URL(req.url ?? "/", "http://x");
    if (!url.pathname.startsWith("/xapi/") || req.method === "OPTIONS") return false;
    const what = `${req.method} ${url.pathname.replace("/xapi/", "")}${url.searchParams.has("stateId") ? ` ${url.searchParams.get("stateId")}` : ""}`;
    const refuse = (requirement: string, detail: string) => {
      const index = refused.push(breaks(requirement, `${detail}: ${what}`)) - 1;
      // The verbs a refused batch held, for the message (the body is read only to name them).
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        try {
          const list = [JSON.parse(body)].flat() as Record<string, unknown>[];
          if (url.pathname.endsWith("/statements")) refused[index] += ` (${list.map(verbOf).join(", ")})`;
        } catch {
          /* not JSON: the request alone names it */
        }
        res.writeHead(403, { ...CORS, "content-type": "application/json" }).end(JSON.stringify({ error: `${requirement} ${detail}` }));
      });
      return true;
    };
    const launch = issued.find((l) => `Basic ${l.token}` === req.headers.authorization);
    if (!launch || !launch.fetched) return false; // the LRS answers 401
    const ended = lrs.statements.some((s) => verbOf(s) === "terminated" && (s.context as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[SESSION_ID] === launch.sessionId);
    if (ended) return refuse("8.1.2.0-2", "the token of a session that has ended");
    const stateId = url.searchParams.get("stateId");
    if (url.pathname.endsWith("/activities/state") && stateId === "LMS.LaunchData") {
      if (req.method !== "GET") return refuse("10.2.1.0-5", "LMS.LaunchData changed");
      launch.readLaunchData = true;
    }
    if (url.pathname.endsWith("/agents/profile") && url.searchParams.get("profileId") === "cmi5LearnerPreferences") {
      if (req.method === "GET") launch.readPreferences = true;
    }
    if (url.pathname.endsWith("/statements") && (req.method === "POST" || req.method === "PUT")) {
      if (!launch.readLaunchData) return refuse("10.2.1.0-4", "a statement before LMS.LaunchData was read");
      if (!launch.readPreferences) return refuse("11.0.0.0-3", "a statement before the learner preferences were read");
    }
    req.headers.authorization = lrs.auth;
    return false;
  };

  lrs = await startLrs((req, res) => fetchRoute(req, res) || proxyRoute(req, res));
  const origin = new URL(lrs.endpoint).origin;
  const sessions: Cmi5Session[] = [];

  return {
    lrs,
    fetches,
    sessions,
    refused,
    launch(auUrl, opts = {}) {
      const n = issued.length;
      const registration = opts.registration ?? REGISTRATION;
      const sessionId = randomUUID();
      // A token of this session only (8.1.2.0-2), never the LRS's own credentials.
      const token = Buffer.from(`session-${n}:${randomUUID()}`).toString("base64");
      issued.push({ token, fetched: false, sessionId, readLaunchData: false, readPreferences: false });
      const session: Cmi5Session = {
        sessionId,
        registration,
        activityId: ACTIVITY_ID,
        launchMode: opts.launchMode ?? "Normal",
        ...(opts.masteryScore !== undefined ? { masteryScore: opts.masteryScore } : {}),
        // As an LMS writes it (§10): the publisher id as grouping, the session id as extension.
        contextTemplate: {
          contextActivities: { grouping: [{ objectType: "Activity", id: cmi5Ids({ id: unitId }).au }] },
          extensions: { [SESSION_ID]: sessionId },
        },
      };
      sessions.push(session);
      const launchData = {
        contextTemplate: session.contextTemplate,
        launchMode: session.launchMode,
        moveOn: opts.moveOn ?? "Completed",
        ...(opts.masteryScore !== undefined ? { masteryScore: opts.masteryScore } : {}),
        ...(opts.returnURL ? { returnURL: opts.returnURL } : {}),
      };
      lrs.states.set(stateKey(ACTIVITY_ID, LEARNER, "LMS.LaunchData", registration), JSON.stringify(launchData));
      const fetchUrl = `${origin}/cmi5/fetch/${n}`;
      const url = `${auUrl}?${new URLSearchParams({ endpoint: lrs.endpoint, fetch: fetchUrl, actor: JSON.stringify(LEARNER), registration, activityId: ACTIVITY_ID })}`;
      return { url, fetchUrl, token, session };
    },
    setPreferences(prefs) {
      lrs.profiles.set(JSON.stringify([agentKey(LEARNER), "cmi5LearnerPreferences"]), JSON.stringify(prefs));
    },
    problems: (open) => [...checkCmi5(lrs.statements, sessions, { open }), ...refused],
    close: () => lrs.close(),
  };
}
