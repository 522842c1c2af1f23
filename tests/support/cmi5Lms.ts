/**
 * A loopback cmi5 LMS for the tests, on top of the tests' LRS (src/preview/lrs.ts): it prepares
 * each launch as cmi5 §8 and §10 ask (a session id, LMS.LaunchData in the State API, a single-use
 * fetch URL), keeps the learner's preferences as an agent profile, and knows what it set up, so
 * `checkCmi5` can hold the stored statements to the rules.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { cmi5Ids } from "../../src/packaging/cmi5";
import { agentKey, CORS, startLrs, stateKey, type TestLrs } from "../../src/preview/lrs";
import { checkCmi5, SESSION_ID, type Cmi5Session } from "./cmi5Rules";

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
  /** The rule checker over everything stored so far. */
  problems(open?: string[]): string[];
  close(): Promise<void>;
}

export async function startCmi5Lms(unitId = "peer-mentoring"): Promise<Cmi5Lms> {
  const issued: boolean[] = [];
  const fetches: Cmi5Lms["fetches"] = [];
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
    if (req.method !== "POST" || !(n in issued)) {
      res.writeHead(req.method !== "POST" ? 405 : 404, CORS).end();
      return true;
    }
    if (issued[n]) {
      fetches.push({ launch: n, answered: "error" });
      // cmi5 §8.2.3: the second call answers 200 with an error object.
      send({ "error-code": "1", "error-text": "The authorization token has already been returned." });
    } else {
      issued[n] = true;
      fetches.push({ launch: n, answered: "token" });
      send({ "auth-token": lrs.auth.replace(/^Basic /, "") });
    }
    return true;
  };
  lrs = await startLrs(fetchRoute);
  const origin = new URL(lrs.endpoint).origin;
  const sessions: Cmi5Session[] = [];

  return {
    lrs,
    fetches,
    sessions,
    launch(auUrl, opts = {}) {
      const n = issued.length;
      issued.push(false);
      const registration = opts.registration ?? REGISTRATION;
      const sessionId = randomUUID();
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
      return { url, fetchUrl, session };
    },
    setPreferences(prefs) {
      lrs.profiles.set(JSON.stringify([agentKey(LEARNER), "cmi5LearnerPreferences"]), JSON.stringify(prefs));
    },
    problems: (open) => checkCmi5(lrs.statements, sessions, { open }),
    close: () => lrs.close(),
  };
}
