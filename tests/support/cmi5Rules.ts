/**
 * The cmi5 statement rules (cmi5 spec §7.1, §9; scorm12.md §7, §10) as one pure check over what an
 * LRS stored: a list of problems, empty when every rule holds. Each problem starts with the number
 * of the requirement it breaks, as @cmi5/requirements numbers them and ADL's CATAPULT player cites
 * them when its LRS proxy refuses a request (player/service/plugins/routes/lrs.js); the rules that
 * proxy enforces on requests rather than statements (a token used after terminated, statements
 * before the learner preferences were read) are in the loopback LMS (cmi5Lms.ts). Each statement
 * is also checked with xapi-validation (Learning Locker's xAPI 1.0.3 rules).
 */
import { createRequire } from "node:module";
import validate from "xapi-validation";

const REQUIREMENTS = createRequire(import.meta.url)("@cmi5/requirements") as Record<string, { txt: string }>;

/** A problem under the requirement it breaks: "9.3.0.0-4 (The "Initialized" verb MUST be the first …): detail". */
export function breaks(id: string, detail: string): string {
  const requirement = REQUIREMENTS[id];
  if (!requirement) throw new Error(`no cmi5 requirement ${id}`);
  return `${id} ${detail}`;
}

export const CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
export const MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

/** What the LMS set up for one launch (it wrote the same into LMS.LaunchData). */
export interface Cmi5Session {
  sessionId: string;
  registration: string;
  activityId: string;
  launchMode: "Normal" | "Browse" | "Review";
  masteryScore?: number;
  contextTemplate: { contextActivities?: Record<string, { id: string; objectType?: string }[]>; extensions?: Record<string, unknown> };
}

type S = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ADL = "http://adlnet.gov/expapi/verbs/";
const DEFINED = ["initialized", "completed", "passed", "failed", "terminated"];
const JUDGING = ["completed", "passed", "failed"];
const WITH_DURATION = ["completed", "passed", "failed", "terminated"];
const DURATION: Record<string, string> = { terminated: "9.5.4.1-1", completed: "9.5.4.1-2", passed: "9.5.4.1-3", failed: "9.5.4.1-4" };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export const verbOf = (s: S) => String(s.verb?.id ?? "").replace(ADL, "");
const categories = (s: S): string[] => (s.context?.contextActivities?.category ?? []).map((a: { id: string }) => a.id);

export interface CheckOptions {
  /** Sessions that must have ended with `terminated` (default: every session seen). */
  open?: string[];
}

export function checkCmi5(statements: S[], sessions: Cmi5Session[], opts: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const bySession = new Map<string, S[]>();
  const byRegistration = new Map<string, S[]>();

  statements.forEach((s, i) => {
    const verb = verbOf(s);
    const name = `#${i} ${verb}`;
    const say = (p: string) => problems.push(`${name}: ${p}`);
    for (const w of validate(s)) say(breaks("4.1.0.0-1", `xapi-validation: ${JSON.stringify(w)}`));
    if (!UUID.test(String(s.id))) say(breaks("9.1.0.0-1", `id ${s.id} is not a UUID`));
    if (typeof s.timestamp !== "string") say(breaks("9.7.0.0-1", "no timestamp"));
    else if (!/(Z|\+00:?(00)?)$/.test(s.timestamp)) say(breaks("9.7.0.0-2", `timestamp ${s.timestamp} is not UTC`));

    const sid = s.context?.extensions?.[SESSION_ID];
    const session = sessions.find((x) => x.sessionId === sid);
    if (!session) {
      say(breaks("9.6.3.1-4", `no known session id (${JSON.stringify(sid)})`));
      return;
    }
    if (!bySession.has(sid)) bySession.set(sid, []);
    bySession.get(sid)!.push(s);
    if (s.context?.registration !== session.registration) say(breaks("9.6.1.0-1", `registration ${s.context?.registration} is not the launch's ${session.registration}`));
    else {
      if (!byRegistration.has(session.registration)) byRegistration.set(session.registration, []);
      byRegistration.get(session.registration)!.push(s);
    }

    // The context template merged in: every activity it lists, every extension it sets, unchanged.
    for (const [kind, list] of Object.entries(session.contextTemplate.contextActivities ?? {})) {
      const have = (s.context?.contextActivities?.[kind] ?? []).map((a: { id: string }) => a.id);
      for (const a of list) if (!have.includes(a.id)) say(breaks("10.2.1.0-6", `context template's ${kind} ${a.id} is missing`));
    }
    for (const [k, v] of Object.entries(session.contextTemplate.extensions ?? {})) {
      if (JSON.stringify(s.context?.extensions?.[k]) !== JSON.stringify(v)) say(breaks("10.2.1.0-6", `context template's extension ${k} is missing or changed`));
    }

    const defined = DEFINED.includes(verb);
    const cats = categories(s);
    if (defined && !cats.includes(CMI5)) say(breaks("9.6.2.1-1", "cmi5 defined statement without the cmi5 category"));
    if (!defined && cats.includes(CMI5)) say(breaks("4.1.0.0-1", "cmi5 allowed statement with the cmi5 category (§9.6.2.1)"));
    const judges = defined && (s.result?.success !== undefined || s.result?.completion !== undefined);
    if (JUDGING.includes(verb) && !cats.includes(MOVEON)) say(breaks("9.6.2.2-1", "without the moveon category"));
    if (!judges && cats.includes(MOVEON)) say(breaks("9.6.2.2-2", "moveon category on a statement that judges nothing"));
    if (defined && s.object?.id !== session.activityId) say(breaks("8.1.5.0-6", `object ${s.object?.id} is not the launch's activityId`));
    if (defined && !s.actor?.account) say(breaks("9.2.0.0-3", "actor without an account"));
    if (defined && s.actor?.objectType !== undefined && s.actor.objectType !== "Agent") say(breaks("9.2.0.0-2", `actor of objectType ${s.actor.objectType}`));
    if (WITH_DURATION.includes(verb) && typeof s.result?.duration !== "string") say(breaks(DURATION[verb]!, "no result.duration"));

    if (defined) {
      const r = s.result ?? {};
      if (r.score !== undefined && verb !== "passed" && verb !== "failed") say(breaks("9.5.1.0-2", "score on a statement other than passed/failed"));
      if (r.success !== undefined && verb !== "passed" && verb !== "failed") say(breaks("9.5.2.0-3", "success on a statement other than passed/failed"));
      if (r.completion !== undefined && verb !== "completed") say(breaks("9.5.3.0-2", "completion on a statement other than completed"));
      if (verb === "completed" && r.completion !== true) say(breaks("9.5.3.0-1", "completed without completion true"));
      if (verb === "passed" || verb === "failed") {
        if (typeof r.score?.scaled !== "number") say(breaks("9.5.1.0-1", "no result.score.scaled"));
        if (r.score?.raw !== undefined && (r.score.min === undefined || r.score.max === undefined)) say(breaks("9.5.1.0-3", "raw score without min and max"));
        if (r.success !== (verb === "passed")) say(breaks(verb === "passed" ? "9.5.2.0-1" : "9.5.2.0-2", `success is ${r.success}`));
        if (session.masteryScore !== undefined) {
          if (s.context?.extensions?.[MASTERY] !== session.masteryScore) say(breaks("9.6.3.2-2", `masteryscore extension ${s.context?.extensions?.[MASTERY]}, the LMS gave ${session.masteryScore}`));
          if (verb === "passed" && !(r.score?.scaled >= session.masteryScore)) say(breaks("9.3.4.0-2", "passed below the mastery score"));
          if (verb === "failed" && !(r.score?.scaled < session.masteryScore)) say(breaks("9.3.5.0-2", "failed at or above the mastery score"));
        }
      }
    }
    if (JUDGING.includes(verb) && session.launchMode !== "Normal") say(breaks(session.launchMode === "Browse" ? "10.2.2.0-2" : "10.2.2.0-3", `${verb} in ${session.launchMode} mode`));
  });

  // Order inside a session is by timestamp (§9.3); equal timestamps keep the order of arrival.
  const ordered = (list: S[]) => list.map((s, i) => ({ s, i })).sort((a, b) => a.s.timestamp.localeCompare(b.s.timestamp) || a.i - b.i).map((x) => x.s);

  for (const [sid, list] of bySession) {
    const verbs = ordered(list).map(verbOf);
    const say = (p: string) => problems.push(`session ${sid}: ${p} (${verbs.join(", ")})`);
    if (verbs[0] !== "initialized") say(breaks("9.3.0.0-4", "does not begin with initialized"));
    const terminatedAt = verbs.indexOf("terminated");
    if (terminatedAt === -1 && !(opts.open ?? []).includes(sid)) say(breaks("7.1.2.0-1", "has no terminated"));
    if (terminatedAt !== -1 && terminatedAt !== verbs.length - 1) say(breaks("9.3.0.0-5", "has statements after terminated"));
    for (const v of DEFINED) if (verbs.filter((x) => x === v).length > 1) say(breaks("9.3.0.0-2", `has ${v} more than once`));
    if (verbs.includes("passed") && verbs.includes("failed")) say(breaks("9.3.0.0-3", "has both passed and failed"));
  }
  for (const [reg, list] of byRegistration) {
    const verbs = ordered(list).map(verbOf);
    const say = (p: string) => problems.push(`registration ${reg}: ${p}`);
    if (verbs.filter((v) => v === "completed").length > 1) say(breaks("9.3.0.0-6", "completed more than once"));
    if (verbs.filter((v) => v === "passed").length > 1) say(breaks("9.3.0.0-7", "passed more than once"));
    const passedAt = verbs.indexOf("passed");
    if (passedAt !== -1 && verbs.slice(passedAt).includes("failed")) say(breaks("9.3.0.0-8", "failed after passed"));
  }
  return problems;
}
