/**
 * cmi5 statements (cmi5 spec §9), as pure functions on top of the xAPI package's builders: the same
 * actor, verbs, objects and language maps, with the LMS's context template merged into every
 * context. "cmi5 defined" statements (initialized, completed, passed, failed, terminated) carry the
 * cmi5 category; those that judge (completed, passed, failed) the moveon category too. answered
 * and experienced are "cmi5 allowed": the template, no cmi5 category.
 */
import type { Result } from "../../sorting/score";
import { isoDuration } from "../isoDuration";
import * as xapi from "./xapiStatements";

export const CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
export const MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
export const MASTERY_SCORE = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";

export interface Cmi5Scope extends xapi.StatementScope {
  /** LMS.LaunchData's contextTemplate. */
  template: Record<string, unknown>;
}

type Activities = Record<string, { id: string; objectType?: string }[]>;

/**
 * The template's values win (cmi5 §10: the AU must not overwrite them); lists of context
 * activities are joined, so our parent activity sits beside the LMS's grouping.
 */
export function mergeContext(template: Record<string, unknown>, own: Record<string, unknown>, categories: string[] = []): Record<string, unknown> {
  const activities: Activities = {};
  const add = (from: unknown) => {
    for (const [kind, list] of Object.entries((from ?? {}) as Activities)) {
      for (const a of Array.isArray(list) ? list : [list]) {
        if (!(activities[kind] ??= []).some((x) => x.id === a.id)) activities[kind].push(a);
      }
    }
  };
  add(template.contextActivities);
  add(own.contextActivities);
  add({ category: categories.map((id) => ({ objectType: "Activity", id })) });
  const extensions = { ...(own.extensions as object | undefined), ...(template.extensions as object | undefined) };
  return {
    ...own,
    ...template,
    contextActivities: activities,
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  };
}

const withContext = (scope: Cmi5Scope, s: xapi.Statement, categories: string[], extra: Record<string, unknown> = {}): xapi.Statement => ({
  ...s,
  context: mergeContext(scope.template, { ...s.context, ...(Object.keys(extra).length ? { extensions: { ...(s.context.extensions as object | undefined), ...extra } } : {}) }, categories),
});

const defined = [CMI5_CATEGORY];
const judging = [CMI5_CATEGORY, MOVEON_CATEGORY];

export const initialized = (scope: Cmi5Scope, stamp: xapi.Stamp) => withContext(scope, xapi.initialized(scope, stamp), defined);

export const terminated = (scope: Cmi5Scope, stamp: xapi.Stamp, sessionSeconds: number) =>
  withContext(scope, xapi.terminated(scope, stamp, sessionSeconds), defined);

export const experienced = (scope: Cmi5Scope, stamp: xapi.Stamp) => withContext(scope, xapi.experienced(scope, stamp), []);

export const answered = (scope: Cmi5Scope, stamp: xapi.Stamp, result: Result, durationSeconds: number, solutionSeen = false) =>
  withContext(scope, xapi.answered(scope, stamp, result, durationSeconds, solutionSeen), []);

/** cmi5 §9.5: completed has completion and duration, and no score or success. */
export function completed(scope: Cmi5Scope, stamp: xapi.Stamp, result: Result, sessionSeconds: number): xapi.Statement {
  const s = xapi.judged(scope, stamp, "completed", result);
  return withContext(scope, { ...s, result: { completion: true, duration: isoDuration(sessionSeconds) } }, judging);
}

/**
 * passed/failed against the mastery score that applies (0–1): the score (raw an integer within
 * min and max, as §9.5.1 asks), success, duration, and the masteryscore extension (§9.6.3.2).
 */
export function judged(scope: Cmi5Scope, stamp: xapi.Stamp, verb: "passed" | "failed", result: Result, sessionSeconds: number, masteryScore: number): xapi.Statement {
  const s = xapi.judged(scope, stamp, verb, result);
  return withContext(
    scope,
    {
      ...s,
      result: {
        score: { scaled: result.scaled, raw: result.correct, min: 0, max: result.total },
        success: verb === "passed",
        duration: isoDuration(sessionSeconds),
      },
    },
    judging,
    { [MASTERY_SCORE]: masteryScore },
  );
}

/** passed or failed for a result against a 0–1 mastery score (§9.3.4: passed when scaled >= it). */
export const verdict = (result: Result, masteryScore: number): "passed" | "failed" => (result.scaled >= masteryScore ? "passed" : "failed");
