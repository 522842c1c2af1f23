/**
 * Which statements a session sends, and when: the one thing the xAPI and cmi5 packages do
 * differently. The tracker (xapi.ts) keeps the queue, the State API document and the page's
 * life cycle; a policy only turns launch, reading, checks and leaving into statements.
 */
import type { Result } from "../../sorting/score";
import * as cmi5 from "./cmi5Statements";
import type { LaunchMode } from "./cmi5Launch";
import { nextRecord, type Check, type Recorded } from "../progress";
import * as build from "./xapiStatements";

export interface StatementPolicy {
  /** The first statement; null: none (a session that only reads). */
  initialized(stamp: build.Stamp): build.Statement | null;
  /** The learner reached the exercise (the reading is done); null: nothing to send. */
  experienced(stamp: build.Stamp): build.Statement | null;
  /** One check: what to send, and the record the State API document keeps. */
  checked(check: Check, recorded: Recorded, stamp: () => build.Stamp, sessionSeconds: number): { statements: build.Statement[]; recorded: Recorded };
  /** Leaving: the last statements, `terminated` last. */
  finished(stamp: () => build.Stamp, sessionSeconds: number): build.Statement[];
}

/** The xAPI package: `completed` once, then `passed`/`failed` whenever the judgement rises (never passed -> failed). */
export function xapiPolicy(scope: build.StatementScope): StatementPolicy {
  return {
    initialized: (stamp) => build.initialized(scope, stamp),
    experienced: (stamp) => build.experienced(scope, stamp),
    checked(check, recorded, stamp) {
      const statements = [build.answered(scope, stamp(), check.result, check.latencySeconds, check.solutionSeen)];
      const next = nextRecord(recorded, check);
      if (next.status !== null) {
        if (!["completed", "passed", "failed"].includes(recorded.status)) statements.push(build.judged(scope, stamp(), "completed", check.result));
        if (next.status === "passed" || next.status === "failed") statements.push(build.judged(scope, stamp(), next.status, check.result));
      }
      return { statements, recorded: { raw: next.raw ?? recorded.raw, status: next.status ?? recorded.status } };
    },
    finished: (stamp, sessionSeconds) => [build.terminated(scope, stamp(), sessionSeconds)],
  };
}

const JUDGED = ["completed", "passed", "failed"];

/**
 * The cmi5 AU (cmi5 §9.3): `completed` once per registration, at the first check; with a mastery
 * score (0–1, the LMS's when it gave one), `passed` once per registration as soon as a check reaches
 * it. At most one of passed/failed may go in a session and `failed` must not follow `passed`, so a
 * session that has not passed sends `failed` only when it ends, with its best score: a learner who
 * fails first and passes after "Prøv igen" gets `passed`, not both. Browse and Review send only
 * initialized and terminated (§10 launchMode). answered and experienced are "cmi5 allowed".
 */
export function cmi5Policy(scope: cmi5.Cmi5Scope, mode: LaunchMode, masteryScore: number | null): StatementPolicy {
  const normal = mode === "Normal";
  /** The best failing result of this session, sent as `failed` at its end. */
  let failing: Result | null = null;
  return {
    initialized: (stamp) => cmi5.initialized(scope, stamp),
    experienced: (stamp) => (normal ? cmi5.experienced(scope, stamp) : null),
    checked(check, recorded, stamp, sessionSeconds) {
      if (!normal) return { statements: [], recorded };
      const statements = [cmi5.answered(scope, stamp(), check.result, check.latencySeconds, check.solutionSeen)];
      // The best score, by the rule every adapter keeps (progress.ts).
      const raw = nextRecord(recorded, check).raw ?? recorded.raw;
      // A score reached after the solution was shown raises nothing, a verdict neither.
      const counts = !check.solutionSeen || recorded.raw === null;
      let status = recorded.status;
      if (!JUDGED.includes(status)) {
        statements.push(cmi5.completed(scope, stamp(), check.result, sessionSeconds));
        status = "completed";
      }
      if (masteryScore !== null && status !== "passed" && counts) {
        if (cmi5.verdict(check.result, masteryScore) === "passed") {
          statements.push(cmi5.judged(scope, stamp(), "passed", check.result, sessionSeconds, masteryScore));
          status = "passed";
          failing = null;
        } else if (failing === null || check.result.scaled > failing.scaled) failing = check.result;
      }
      return { statements, recorded: { raw, status } };
    },
    finished(stamp, sessionSeconds) {
      const last = failing && masteryScore !== null ? [cmi5.judged(scope, stamp(), "failed", failing, sessionSeconds, masteryScore)] : [];
      return [...last, cmi5.terminated(scope, stamp(), sessionSeconds)];
    },
  };
}
