/**
 * SCORM 2004 4th Edition: the element names, vocabularies and formats of a SCORM 2004 LMS
 * (`API_1484_11`, scorm12.md §7), on the shared SCORM session (scormSession.ts: the local copy and
 * its reconciliation, commits, session time), through the same pipwerks wrapper as SCORM 1.2.
 *
 * The shared record speaks 1.2's one status; here it becomes two: `completion_status` (incomplete
 * until the learner checks, then completed) and `success_status` (passed/failed only where a passing
 * score exists: the LMS's cmi.scaled_passing_score, else the unit's masteryScore; else left unknown).
 *
 * LMS calls of a full session (launch, 15 placements, check, leave), counted by `npm run bench`:
 * Initialize 1; GetValue 12, all at launch; SetValue about 198 (3 per change of the saved state,
 * 10-11 per card and check, 5-6 for score and status, 1 session_time per commit, the exit at launch
 * and at the check, 1 at leaving); Commit 2 when the cards are placed in one go (launch, check), plus
 * one 2 s after each pause of the learner (at least every 30 s of placing without one); Terminate 1,
 * with no Commit before it.
 */
import type { Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { Unit } from "../../content/types";
import { decodeState } from "../../state/resume";
import { cmiScore } from "./cmi";
import { isoDuration } from "../isoDuration";
import { parsePassingScore, progressMeasure, scaledScore } from "./cmi2004";
import { cardInteraction2004 } from "./interactions";
import type { Check, LessonStatus } from "../progress";
import { createScormSession, type ScormDialect, type ScormOptions, type Write } from "./scormSession";
import type { Tracker } from "../tracker";

/** The two 2004 statuses as the shared record's one (progress.ts ranks them: never back). */
function recordedStatus(completion: string, success: string): LessonStatus {
  if (success === "passed" || success === "failed") return success;
  if (completion === "completed" || completion === "incomplete") return completion;
  return "";
}

/** An ISO 8601 duration, as a SCORM 2004 LMS gives cmi.total_time back (Moodle: `PT0H0M0S`). */
const ISO_DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/;

const STATUS_WRITES: Partial<Record<LessonStatus, Write[]>> = {
  passed: [
    ["cmi.completion_status", "completed"],
    ["cmi.success_status", "passed"],
  ],
  failed: [
    ["cmi.completion_status", "completed"],
    ["cmi.success_status", "failed"],
  ],
  completed: [["cmi.completion_status", "completed"]],
  incomplete: [["cmi.completion_status", "incomplete"]],
};

export function scorm2004Dialect(unit: Unit): ScormDialect {
  /** cmi.scaled_passing_score as the LMS gave it at launch (from the manifest's minNormalizedMeasure). */
  let passingScore: number | null = null;
  return {
    kind: "scorm2004",
    version: "2004",
    calls: { initialize: "Initialize", setValue: "SetValue", commit: "Commit", terminate: "Terminate" },
    terminate: (api) => (api as Scorm2004Api).Terminate(""),
    lastError: (api) => (api as Scorm2004Api).GetLastError(),
    timespan: ISO_DURATION,

    readLaunch(get) {
      const mode = get("cmi.mode") || "normal";
      passingScore = parsePassingScore(get("cmi.scaled_passing_score"));
      const raw = get("cmi.score.raw");
      return {
        // Browse and review modes, and no-credit, write nothing graded (as in 1.2, scorm12.md §4.4).
        graded: mode === "normal" && get("cmi.credit") !== "no-credit",
        entry: get("cmi.entry"),
        totalTime: get("cmi.total_time"),
        savedState: get("cmi.suspend_data"),
        location: get("cmi.location"),
        recorded: {
          status: recordedStatus(get("cmi.completion_status"), get("cmi.success_status")),
          raw: raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw),
        },
        interactionCount: Number(get("cmi.interactions._count")) || 0,
        learnerId: get("cmi.learner_id"),
      };
    },

    started: [["cmi.completion_status", "incomplete"]],

    state(state, location) {
      // Cards placed / cards. Completion stays the SCO's to say (no completion threshold in the
      // manifest), so all cards placed but not checked is still incomplete.
      const placed = Object.keys(decodeState(unit, state).attempt.placements).length;
      return [
        ["cmi.suspend_data", state],
        ["cmi.location", location],
        ["cmi.progress_measure", progressMeasure(placed, unit.cards.length)],
      ];
    },

    score: (raw) => [
      ["cmi.score.min", "0"],
      ["cmi.score.max", "100"],
      ["cmi.score.raw", cmiScore(raw)],
      ["cmi.score.scaled", scaledScore(raw)],
    ],

    status: (status) => STATUS_WRITES[status] ?? [],

    judge(check: Check): Check {
      // The LMS's passing score wins over the unit's mastery score.
      if (passingScore === null) return check;
      return { ...check, result: { ...check.result, passed: check.result.raw / 100 >= passingScore } };
    },

    interaction: (r, at, latencySeconds) => cardInteraction2004(r, at, latencySeconds, unit.lang),

    sessionTime: (seconds) => ["cmi.session_time", isoDuration(seconds)],
    exit: (done) => ["cmi.exit", done ? "normal" : "suspend"],
  };
}

export function createScorm2004Tracker(api: Scorm2004Api, unit: Unit, opts: ScormOptions = {}): Tracker {
  return createScormSession(api, scorm2004Dialect(unit), opts);
}
