/**
 * The common xAPI launch ("Tin Can launch"): the LMS opens the unit with `endpoint`, `auth`, `actor`
 * (JSON), `registration` and `activity_id` in the query string. Older launchers send the actor in
 * Tin Can 0.9 form (arrays of names, mboxes and accounts); it is normalised to an xAPI 1.0.3 Agent.
 */

export interface Agent {
  objectType: "Agent";
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage: string; name: string };
}

export interface XapiLaunch {
  endpoint: string;
  /** The Authorization header value. Never logged, never put into a statement. */
  auth: string;
  actor: Agent;
  registration: string;
  activityId: string;
}

/**
 * The learner's identifier (the agent's inverse functional identifier), as one stable string: what
 * keys this browser's copy and statement queue, so another learner in the same browser never gets
 * them. Never the auth: that is a credential, and it changes from launch to launch.
 */
export const learnerOf = (actor: Agent): string =>
  actor.account ? `account:${actor.account.homePage}|${actor.account.name}` : actor.mbox ? `mbox:${actor.mbox}` : actor.mbox_sha1sum ? `sha1:${actor.mbox_sha1sum}` : `openid:${actor.openid ?? ""}`;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const first = <T>(v: T | T[] | undefined): T | undefined => (Array.isArray(v) ? v[0] : v);

export function toAgent(raw: unknown): Agent | null {
  if (!raw || typeof raw !== "object") return null;
  const a = raw as Record<string, unknown>;
  const agent: Agent = { objectType: "Agent" };
  const name = first(a.name as string | string[] | undefined);
  if (typeof name === "string") agent.name = name;
  const mbox = first(a.mbox as string | string[] | undefined);
  const account = first(a.account as Record<string, string> | Record<string, string>[] | undefined);
  if (typeof mbox === "string") agent.mbox = mbox.startsWith("mailto:") ? mbox : `mailto:${mbox}`;
  else if (typeof a.mbox_sha1sum === "string") agent.mbox_sha1sum = a.mbox_sha1sum;
  else if (typeof a.openid === "string") agent.openid = a.openid;
  else if (account && typeof account === "object") {
    const homePage = account.homePage ?? account.accountServiceHomePage;
    const accountName = account.name ?? account.accountName;
    if (typeof homePage !== "string" || typeof accountName !== "string") return null;
    agent.account = { homePage, name: accountName };
  } else return null;
  return agent;
}

/** The launch parameters, or null when the page was not launched by an LRS-aware LMS. */
export function parseXapiLaunch(search: string): XapiLaunch | null {
  const q = new URLSearchParams(search);
  const endpoint = q.get("endpoint");
  const auth = q.get("auth");
  const actorText = q.get("actor");
  const activityId = q.get("activity_id");
  if (!endpoint || !auth || !actorText || !activityId || !/^https?:\/\//.test(endpoint)) return null;
  let actor: Agent | null = null;
  try {
    actor = toAgent(JSON.parse(actorText));
  } catch {
    actor = null;
  }
  if (!actor) return null;
  const registration = q.get("registration") ?? "";
  return {
    endpoint: endpoint.endsWith("/") ? endpoint : `${endpoint}/`,
    auth,
    actor,
    registration: UUID.test(registration) ? registration : "",
    activityId,
  };
}
