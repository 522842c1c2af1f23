/**
 * What a check may write to the LMS, as a pure rule shared by every adapter:
 * keep the best score, never let a status fall back (passed -> failed, completed -> incomplete),
 * and do not let a score reached after the solution was shown raise the record.
 */
import type { Result } from "../sorting/score";

export type LessonStatus = "passed" | "completed" | "failed" | "incomplete" | "browsed" | "not attempted" | "";

export interface Recorded {
  status: LessonStatus;
  /** Best raw score recorded so far, or null. */
  raw: number | null;
}

export interface Check {
  result: Result;
  /** The learner saw the solution before this check. */
  solutionSeen: boolean;
  /** When the learner pressed "Tjek svar". */
  at: Date;
  /** Seconds from the start of this attempt (launch or "Prøv igen") to the check. */
  latencySeconds: number;
}

/** Status a result earns: passed/failed against a mastery score, completed without one. */
export const earnedStatus = (r: Result): LessonStatus => (r.passed === null ? "completed" : r.passed ? "passed" : "failed");

const rank: Record<LessonStatus, number> = {
  "": 0,
  "not attempted": 0,
  browsed: 1,
  incomplete: 1,
  failed: 2,
  completed: 3,
  passed: 3,
};

/** The attempt is finished: completed, passed or failed. */
export const isFinished = (status: LessonStatus) => rank[status] >= 2;

/** The values to write (null = leave as is). */
export function nextRecord(prev: Recorded, check: Check): { raw: number | null; status: LessonStatus | null } {
  const { result } = check;
  // After the solution was seen only a first-ever score counts: there is nothing to raise yet.
  const counts = !check.solutionSeen || prev.raw === null;
  const raw = counts && (prev.raw === null || result.raw > prev.raw) ? result.raw : null;
  const earned = counts ? earnedStatus(result) : null;
  const status = earned !== null && rank[earned] > rank[prev.status] ? earned : null;
  return { raw, status };
}

/** A record kept aside (the local copy) offered to an LMS holding `prev`: only what raises it is written. */
export function mergeRecord(prev: Recorded, wanted: Recorded): { raw: number | null; status: LessonStatus | null } {
  return {
    raw: wanted.raw !== null && (prev.raw === null || wanted.raw > prev.raw) ? wanted.raw : null,
    status: rank[wanted.status] > rank[prev.status] ? wanted.status : null,
  };
}
