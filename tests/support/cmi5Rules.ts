/**
 * The cmi5 statement rules (cmi5 spec §7.1, §9; scorm12.md §7) as one pure check over what an LRS
 * stored: a list of problems, empty when every rule holds. Each statement is also checked with
 * xapi-validation (Learning Locker's xAPI 1.0.3 rules).
 */
import validate from "xapi-validation";

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
    for (const w of validate(s)) say(`xapi-validation: ${JSON.stringify(w)}`);

    const sid = s.context?.extensions?.[SESSION_ID];
    const session = sessions.find((x) => x.sessionId === sid);
    if (!session) {
      say(`no known session id (${JSON.stringify(sid)})`);
      return;
    }
    if (!bySession.has(sid)) bySession.set(sid, []);
    bySession.get(sid)!.push(s);
    if (s.context?.registration !== session.registration) say(`registration ${s.context?.registration} is not the launch's ${session.registration}`);
    else {
      if (!byRegistration.has(session.registration)) byRegistration.set(session.registration, []);
      byRegistration.get(session.registration)!.push(s);
    }

    // The context template merged in: every activity it lists, every extension it sets, unchanged.
    for (const [kind, list] of Object.entries(session.contextTemplate.contextActivities ?? {})) {
      const have = (s.context?.contextActivities?.[kind] ?? []).map((a: { id: string }) => a.id);
      for (const a of list) if (!have.includes(a.id)) say(`context template's ${kind} ${a.id} is missing`);
    }
    for (const [k, v] of Object.entries(session.contextTemplate.extensions ?? {})) {
      if (JSON.stringify(s.context?.extensions?.[k]) !== JSON.stringify(v)) say(`context template's extension ${k} is missing or changed`);
    }

    const defined = DEFINED.includes(verb);
    const cats = categories(s);
    if (defined && !cats.includes(CMI5)) say("cmi5 defined statement without the cmi5 category");
    if (!defined && cats.includes(CMI5)) say("cmi5 allowed statement with the cmi5 category");
    const judges = defined && (s.result?.success !== undefined || s.result?.completion !== undefined);
    if (JUDGING.includes(verb) && !cats.includes(MOVEON)) say("without the moveon category");
    if (!judges && cats.includes(MOVEON)) say("moveon category on a statement that judges nothing");
    if (defined && s.object?.id !== session.activityId) say(`object ${s.object?.id} is not the launch's activityId`);
    if (defined && !s.actor?.account) say("actor without an account (§9.2)");
    if (WITH_DURATION.includes(verb) && typeof s.result?.duration !== "string") say("no result.duration");

    if (defined) {
      const r = s.result ?? {};
      if (r.score !== undefined && verb !== "passed" && verb !== "failed") say("score on a statement other than passed/failed");
      if (r.success !== undefined && verb !== "passed" && verb !== "failed") say("success on a statement other than passed/failed");
      if (r.completion !== undefined && verb !== "completed") say("completion on a statement other than completed");
      if (verb === "completed" && r.completion !== true) say("completed without completion true");
      if (verb === "passed" || verb === "failed") {
        if (typeof r.score?.scaled !== "number") say("no result.score.scaled");
        if (r.success !== (verb === "passed")) say(`success is ${r.success}`);
        if (session.masteryScore !== undefined) {
          if (s.context?.extensions?.[MASTERY] !== session.masteryScore) say(`masteryscore extension ${s.context?.extensions?.[MASTERY]}, the LMS gave ${session.masteryScore}`);
          if (verb === "passed" && !(r.score?.scaled >= session.masteryScore)) say("passed below the mastery score");
          if (verb === "failed" && !(r.score?.scaled < session.masteryScore)) say("failed at or above the mastery score");
        }
      }
    }
    if (JUDGING.includes(verb) && session.launchMode !== "Normal") say(`${verb} in ${session.launchMode} mode`);
  });

  // Order inside a session is by timestamp (§9.3); equal timestamps keep the order of arrival.
  const ordered = (list: S[]) => list.map((s, i) => ({ s, i })).sort((a, b) => a.s.timestamp.localeCompare(b.s.timestamp) || a.i - b.i).map((x) => x.s);

  for (const [sid, list] of bySession) {
    const verbs = ordered(list).map(verbOf);
    const say = (p: string) => problems.push(`session ${sid}: ${p} (${verbs.join(", ")})`);
    if (verbs[0] !== "initialized") say("does not begin with initialized");
    const terminatedAt = verbs.indexOf("terminated");
    if (terminatedAt === -1 && !(opts.open ?? []).includes(sid)) say("has no terminated");
    if (terminatedAt !== -1 && terminatedAt !== verbs.length - 1) say("has statements after terminated");
    for (const v of DEFINED) if (verbs.filter((x) => x === v).length > 1) say(`has ${v} more than once`);
    if (verbs.includes("passed") && verbs.includes("failed")) say("has both passed and failed");
  }
  for (const [reg, list] of byRegistration) {
    const verbs = ordered(list).map(verbOf);
    const say = (p: string) => problems.push(`registration ${reg}: ${p}`);
    if (verbs.filter((v) => v === "completed").length > 1) say("completed more than once");
    if (verbs.filter((v) => v === "passed").length > 1) say("passed more than once");
    const passedAt = verbs.indexOf("passed");
    if (passedAt !== -1 && verbs.slice(passedAt).includes("failed")) say("failed after passed");
  }
  return problems;
}
