/**
 * xAPI 1.0.3 statements of a unit, as pure functions: the tracker adds ids and timestamps and sends
 * them. Language maps use the unit's language (never a hard-coded en-US).
 */
import type { Unit } from "../../content/types";
import type { LrsStrings } from "../../i18n/lrs";
import type { Result } from "../../sorting/score";
import { isoDuration } from "../isoDuration";
import type { Agent, XapiLaunch } from "./xapiLaunch";

export type VerbKey = "initialized" | "experienced" | "answered" | "completed" | "passed" | "failed" | "terminated";

const ADL = "http://adlnet.gov/expapi/verbs/";
const ACTIVITIES = "http://adlnet.gov/expapi/activities/";

export interface Statement {
  id: string;
  timestamp: string;
  actor: Agent;
  verb: { id: string; display: Record<string, string> };
  object: { objectType: "Activity"; id: string; definition: Record<string, unknown> };
  result?: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** What every statement of one launch shares. Credentials stay out: there is no `auth` here. */
export interface StatementScope {
  launch: Pick<XapiLaunch, "actor" | "registration" | "activityId">;
  unit: Unit;
  t: LrsStrings;
}

const lang = (scope: StatementScope, text: string) => ({ [scope.unit.lang]: text });

export const exerciseId = (scope: StatementScope) => `${scope.launch.activityId}/exercise`;
export const readingId = (scope: StatementScope) => `${scope.launch.activityId}/reading`;

function unitActivity(scope: StatementScope) {
  return {
    objectType: "Activity" as const,
    id: scope.launch.activityId,
    definition: {
      type: `${ACTIVITIES}lesson`,
      name: lang(scope, scope.unit.title),
      description: lang(scope, scope.unit.exercise.instructions),
    },
  };
}

function context(scope: StatementScope, child: boolean) {
  return {
    ...(scope.launch.registration ? { registration: scope.launch.registration } : {}),
    language: scope.unit.lang,
    ...(child ? { contextActivities: { parent: [{ objectType: "Activity", id: scope.launch.activityId }] } } : {}),
  };
}

function statement(scope: StatementScope, stamp: Stamp, verb: VerbKey, object: Statement["object"], child: boolean, result?: Statement["result"]): Statement {
  return {
    id: stamp.id,
    timestamp: stamp.timestamp,
    actor: scope.launch.actor,
    verb: { id: `${ADL}${verb}`, display: lang(scope, scope.t.verbs[verb]) },
    object,
    ...(result ? { result } : {}),
    context: context(scope, child),
  };
}

export interface Stamp {
  id: string;
  timestamp: string;
}

export const initialized = (scope: StatementScope, stamp: Stamp) => statement(scope, stamp, "initialized", unitActivity(scope), false);

export const experienced = (scope: StatementScope, stamp: Stamp) =>
  statement(
    scope,
    stamp,
    "experienced",
    {
      objectType: "Activity",
      id: readingId(scope),
      definition: { type: `${ACTIVITIES}lesson`, name: lang(scope, scope.unit.reading.heading) },
    },
    true,
  );

/**
 * Every way of answering right: one zone per card, each card's accepted zones combined. The number
 * doubles with each card that two zones accept; past `limit` the list is cut (LRSs store the
 * definition of every answered statement, and a unit with many such cards would bloat each one).
 */
export function correctPatterns(unit: Unit, limit = 32): string[] {
  let patterns: string[][] = [[]];
  for (const card of unit.cards) {
    patterns = patterns.flatMap((p) => card.accept.map((zone) => [...p, `${card.id}[.]${zone}`])).slice(0, limit);
  }
  return patterns.map((p) => p.join("[,]"));
}

/** Marks an answer given after the solution was shown: its score says little about the learner. */
export const SOLUTION_SEEN = "urn:learning-unit:extension:solution-seen";

/** One `answered` per check: a matching interaction, cards as source and zones as target. */
export function answered(scope: StatementScope, stamp: Stamp, result: Result, durationSeconds: number, solutionSeen = false): Statement {
  const { unit } = scope;
  const s = statement(
    scope,
    stamp,
    "answered",
    {
      objectType: "Activity",
      id: exerciseId(scope),
      definition: {
        type: `${ACTIVITIES}cmi.interaction`,
        name: lang(scope, unit.exercise.heading),
        description: lang(scope, unit.exercise.instructions),
        interactionType: "matching",
        correctResponsesPattern: correctPatterns(unit),
        source: unit.cards.map((c) => ({ id: c.id, description: lang(scope, c.text) })),
        target: unit.zones.map((z) => ({ id: z.id, description: lang(scope, z.label) })),
      },
    },
    true,
    {
      score: { raw: result.correct, min: 0, max: result.total, scaled: result.scaled },
      success: result.correct === result.total,
      completion: true,
      response: result.cards
        .filter((c) => c.placed !== null)
        .map((c) => `${c.card.id}[.]${c.placed}`)
        .join("[,]"),
      duration: isoDuration(durationSeconds),
    },
  );
  if (solutionSeen) s.context.extensions = { [SOLUTION_SEEN]: true };
  return s;
}

/** `completed`, `passed` or `failed` for the unit, with the score of the check that earned it. */
export function judged(scope: StatementScope, stamp: Stamp, verb: "completed" | "passed" | "failed", result: Result): Statement {
  const success = verb === "completed" ? {} : { success: verb === "passed" };
  return statement(scope, stamp, verb, unitActivity(scope), false, {
    score: { raw: result.raw, min: 0, max: 100, scaled: result.raw / 100 },
    ...success,
    completion: true,
  });
}

export const terminated = (scope: StatementScope, stamp: Stamp, sessionSeconds: number) =>
  statement(scope, stamp, "terminated", unitActivity(scope), false, { duration: isoDuration(sessionSeconds) });
