/**
 * The cmi5 launch (cmi5 spec §8, §10, §11): the LMS opens the AU with `endpoint`, `fetch`, `actor`,
 * `registration` and `activityId` in the query string. Before its first statement the AU
 * - POSTs to the fetch URL for its auth token, once per launch (the URL is single-use: a second
 *   POST gets an error object). The token is kept in sessionStorage under the fetch URL, so a
 *   reload of the same tab finds it and a new launch (new fetch URL) fetches a new one;
 * - reads the State document `LMS.LaunchData` (launch mode, mastery score, moveOn, returnURL and
 *   the context template every statement must carry);
 * - reads the agent profile `cmi5LearnerPreferences` (the language the learner prefers).
 *
 * Why no @xapi/cmi5 1.4.0: its build bundles its own copy of @xapi/xapi 2.x and of axios (beside
 * the @xapi/xapi 3.x and axios we carry), and it sends statements its own way (no persistent queue,
 * no keepalive at page close). Measured with this project's esbuild settings (gzip level 9), before
 * issues 11 and 13 grew the shared code: the xAPI package's script 51,432 bytes; with @xapi/cmi5
 * added 82,355 (+30,900); with these steps, the cmi5 statements and their policy 53,476 (+2,044).
 */
import { toAgent, UUID, type Agent } from "./xapiLaunch";

export interface Cmi5Launch {
  /** The LRS (the LMS's xAPI listener), ending in "/". */
  endpoint: string;
  /** The single-use URL that hands out the auth token. Never logged, never in a statement. */
  fetchUrl: string;
  actor: Agent;
  registration: string;
  /** The LMS's activity id for this AU: the object of every cmi5 defined statement. */
  activityId: string;
}

export const CMI5_PARAMS = ["endpoint", "fetch", "actor", "registration", "activityId"] as const;

const isHttp = (url: string) => /^https?:\/\//.test(url);

/** The launch parameters, or null when one is missing or unusable. */
export function parseCmi5Launch(search: string): Cmi5Launch | null {
  const q = new URLSearchParams(search);
  const [endpoint, fetchUrl, actorText, registration, activityId] = CMI5_PARAMS.map((p) => q.get(p) ?? "");
  if (!isHttp(endpoint!) || !isHttp(fetchUrl!) || !UUID.test(registration!) || !activityId) return null;
  let actor: Agent | null;
  try {
    actor = toAgent(JSON.parse(actorText!));
  } catch {
    actor = null;
  }
  if (!actor) return null;
  return { endpoint: endpoint!.endsWith("/") ? endpoint! : `${endpoint}/`, fetchUrl: fetchUrl!, actor, registration: registration!, activityId: activityId! };
}

/** True when the address carries any cmi5 parameter: an LMS meant to launch us, and something is wrong. */
export const looksLikeCmi5Launch = (search: string) => CMI5_PARAMS.some((p) => new URLSearchParams(search).has(p));

/**
 * This tab's record of one launch: its token, whether its session has ended, and what a reload
 * after the end still needs of LMS.LaunchData (which it does not read again).
 */
export interface Launched {
  state: string;
  location: string;
  /** Normal mode: the learner's work counts. */
  graded: boolean;
}

export interface SessionRecord {
  token: string;
  terminated: boolean;
  /** The session id of the context template: only this session's unsent statements may still go. */
  sessionId?: string;
  /** Where Finish leads. */
  returnURL?: string;
  /**
   * What the launch read and was (the learner's work from the State API or this browser's newer
   * copy; Normal mode or not): what a reload after `terminated` goes on from, as it may not ask the LMS.
   */
  launched?: Launched;
}

const sessionKey = (launch: Pick<Cmi5Launch, "fetchUrl">) => `cmi5:session:${launch.fetchUrl}`;

export function readSession(store: Storage | null, launch: Pick<Cmi5Launch, "fetchUrl">): SessionRecord | null {
  try {
    const r = JSON.parse(store?.getItem(sessionKey(launch)) ?? "null");
    if (!r || typeof r.token !== "string") return null;
    const record: SessionRecord = { token: r.token, terminated: r.terminated === true };
    for (const k of ["sessionId", "returnURL"] as const) if (typeof r[k] === "string") record[k] = r[k];
    const l = r.launched;
    if (typeof l?.state === "string" && typeof l.location === "string" && typeof l.graded === "boolean") record.launched = { state: l.state, location: l.location, graded: l.graded };
    return record;
  } catch {
    return null;
  }
}

export function writeSession(store: Storage | null, launch: Pick<Cmi5Launch, "fetchUrl">, record: SessionRecord): void {
  try {
    store?.setItem(sessionKey(launch), JSON.stringify(record));
  } catch {
    /* storage refused: a reload will then find no token and say so */
  }
}

export type TokenResult = { token: string } | { problem: "refused" | "unreachable" };

/**
 * The auth token: this tab's copy when the page was reloaded, else one POST to the fetch URL.
 * sessionStorage (not localStorage): it lives as long as the tab, as the token does, and no
 * other tab or later visit sees it.
 */
export async function fetchAuthToken(launch: Cmi5Launch, session: Storage | null, doFetch: typeof fetch): Promise<TokenResult> {
  const kept = readSession(session, launch);
  if (kept) return { token: kept.token };
  let body: unknown;
  try {
    const response = await doFetch(launch.fetchUrl, {
      method: "POST", // cmi5 §8.2.1: GET is not allowed, so that nothing caches the token
      referrerPolicy: "no-referrer",
      ...(typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(10_000) } : {}),
    });
    body = await response.json();
  } catch {
    return { problem: "unreachable" };
  }
  const token = (body as Record<string, unknown> | null)?.["auth-token"];
  // The error object of a second call ({"error-code": "1", ...}) comes with status 200 (§8.2.2).
  if (typeof token !== "string" || token === "") return { problem: "refused" };
  writeSession(session, launch, { token, terminated: false });
  return { token };
}

export type LaunchMode = "Normal" | "Browse" | "Review";

export const SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

/** The parts of LMS.LaunchData the AU uses (cmi5 §10). */
export interface LaunchData {
  /** The context every statement starts from: session id extension, publisher id grouping. */
  contextTemplate: Record<string, unknown>;
  launchMode: LaunchMode;
  /** 0–1; when set, it decides passed/failed (it wins over the unit's own mastery score). */
  masteryScore?: number;
  moveOn?: string;
  /** Where the learner goes when they finish. */
  returnURL?: string;
}

/** LMS.LaunchData checked: null when it lacks what the AU cannot work without. */
export function parseLaunchData(raw: unknown): LaunchData | null {
  const d = (typeof raw === "string" ? safeJson(raw) : raw) as Record<string, unknown> | null;
  if (!d || typeof d !== "object") return null;
  const tpl = d.contextTemplate;
  if (!tpl || typeof tpl !== "object" || Array.isArray(tpl)) return null;
  const mode = d.launchMode;
  if (mode !== "Normal" && mode !== "Browse" && mode !== "Review") return null;
  const out: LaunchData = { contextTemplate: tpl as Record<string, unknown>, launchMode: mode };
  if (typeof d.masteryScore === "number" && d.masteryScore >= 0 && d.masteryScore <= 1) out.masteryScore = d.masteryScore;
  if (typeof d.moveOn === "string") out.moveOn = d.moveOn;
  if (typeof d.returnURL === "string" && isHttp(d.returnURL)) out.returnURL = d.returnURL;
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The session id of a context (the launch data's template, or a statement's context), or null. */
const sessionIn = (context: unknown): string | null => {
  const ext = ((context as { extensions?: unknown } | undefined)?.extensions ?? {}) as Record<string, unknown>;
  return typeof ext[SESSION_ID] === "string" ? (ext[SESSION_ID] as string) : null;
};

/** The session id the LMS gave this launch, from the context template. */
export const sessionIdOf = (data: LaunchData): string | null => sessionIn(data.contextTemplate);

/** The session a statement was made in (cmi5 statements carry the template's session id). */
export const sessionOfStatement = (statement: { context?: unknown }): string | null => sessionIn(statement.context);

/**
 * The learner's first preferred language, when this edition is in another one (cmi5 §11.1).
 * The unit has one language per edition, so this is information for the log, not a switch.
 */
export function otherPreferredLanguage(preferences: unknown, lang: string): string | null {
  const list = (preferences as { languagePreference?: unknown } | null)?.languagePreference;
  if (typeof list !== "string" || list.trim() === "") return null;
  const first = list.split(",")[0]!.trim();
  return first.toLowerCase().split("-")[0] === lang.toLowerCase() ? null : first;
}

/** What the launch steps need of an LRS client (@xapi/xapi's methods of the same names). */
export interface LaunchDocuments {
  getState(params: { agent: never; activityId: string; stateId: string; registration?: string }): Promise<{ data: unknown }>;
  getAgentProfile(params: { agent: never; profileId: string }): Promise<{ data: unknown }>;
}

export type Cmi5Problem = "noLaunch" | "noToken" | "unreachable" | "finished";

export type Cmi5Opening = { ok: true; auth: string; launchData: LaunchData; otherLanguage: string | null } | { ok: false; problem: Cmi5Problem };

/**
 * The steps before the first statement, in the order the spec asks. A reload after `terminated`
 * finds its session ended: it does not fetch again and does not use the old token at all (the LMS
 * rejects statements after `terminated`, and CATAPULT any request: 8.1.2.0-2).
 */
export async function openCmi5Session(
  launch: Cmi5Launch,
  deps: { session: Storage | null; fetch: typeof fetch; documents: (auth: string) => LaunchDocuments; log: (m: string) => void; lang: string },
): Promise<Cmi5Opening> {
  const kept = readSession(deps.session, launch);
  if (kept?.terminated) return { ok: false, problem: "finished" };
  const token = await fetchAuthToken(launch, deps.session, deps.fetch);
  if ("problem" in token) {
    deps.log(token.problem === "refused" ? "the fetch URL gave no auth token (already used or expired)" : "the fetch URL did not answer");
    return { ok: false, problem: token.problem === "refused" ? "noToken" : "unreachable" };
  }
  // cmi5 §8.2.1: the token goes into the Authorization header as Basic credentials.
  const auth = `Basic ${token.token}`;
  const lrs = deps.documents(auth);
  let launchData: LaunchData | null;
  try {
    const { data } = await lrs.getState({ agent: launch.actor as never, activityId: launch.activityId, registration: launch.registration, stateId: "LMS.LaunchData" });
    launchData = parseLaunchData(data);
  } catch {
    deps.log("LMS.LaunchData could not be read");
    return { ok: false, problem: "unreachable" };
  }
  if (!launchData) {
    deps.log("LMS.LaunchData lacks contextTemplate or launchMode");
    return { ok: false, problem: "unreachable" };
  }
  let otherLanguage: string | null = null;
  try {
    const { data } = await lrs.getAgentProfile({ agent: launch.actor as never, profileId: "cmi5LearnerPreferences" });
    otherLanguage = otherPreferredLanguage(typeof data === "string" ? safeJson(data) : data, deps.lang);
  } catch {
    /* none stored (404) or unreadable: the unit's own language, as the spec allows */
  }
  if (otherLanguage) deps.log(`the learner prefers ${otherLanguage}; this edition is in ${deps.lang}`);
  return { ok: true, auth, launchData, otherLanguage };
}
