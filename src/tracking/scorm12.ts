/**
 * SCORM 1.2 through pipwerks-scorm-api-wrapper: the only importer of pipwerks.
 * Call order and value formats follow scorm12.md §3.1 and Moodle 4.5's validation (§4.1).
 */
import { SCORM, debug, type Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { cmiScore, cmiTimespan } from "./cmi";
import { nextRecord, type Check, type LessonStatus, type Recorded } from "./progress";
import type { Launch, Snapshot, Tracker } from "./tracker";

export interface Scorm12Options {
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * pipwerks keeps its state in a module-level object; each tracker starts it afresh and hands it the
 * API we already found (its own search touches parent frames without try/catch, which throws on
 * another origin). We manage status and exit ourselves: pipwerks would set exit "logout".
 */
function resetPipwerks(api: Scorm12Api): void {
  debug.isActive = false;
  SCORM.version = "1.2";
  SCORM.handleCompletionStatus = false;
  SCORM.handleExitMode = false;
  SCORM.API.handle = api;
  SCORM.API.isFound = true;
  SCORM.connection.isActive = false;
  SCORM.data.completionStatus = null;
  SCORM.data.exitStatus = null;
}

export function createScorm12Tracker(api: Scorm12Api, opts: Scorm12Options = {}): Tracker {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((m: string) => console.warn(`[scorm12] ${m}`));
  const startedAt = now();
  let active = false;
  let finished = false;
  let graded = false;
  const recorded: Recorded = { status: "", raw: null };

  const errorText = () => {
    try {
      const code = api.LMSGetLastError();
      return `${code} ${api.LMSGetErrorString(code)}`;
    } catch {
      return "the LMS did not answer";
    }
  };
  const guard = <T>(what: string, call: () => T, fallback: T): T => {
    try {
      return call();
    } catch (e) {
      log(`${what} threw: ${String(e)}`);
      return fallback;
    }
  };
  const get = (element: string) => guard(`get ${element}`, () => String(SCORM.get(element) ?? ""), "");
  const set = (element: string, value: string): boolean => {
    if (!active) return false;
    const ok = guard(`set ${element}`, () => SCORM.set(element, value), false);
    if (!ok) log(`LMSSetValue(${element}, ${JSON.stringify(value)}) failed: ${errorText()}`);
    return ok;
  };
  const commit = (): boolean => {
    const ok = guard("commit", () => SCORM.save(), false);
    if (!ok) log(`LMSCommit failed: ${errorText()}`);
    return ok;
  };

  return {
    kind: "scorm12",

    async start(): Promise<Launch> {
      resetPipwerks(api);
      active = guard("initialize", () => SCORM.init(), false);
      if (!active) {
        log(`LMSInitialize failed: ${errorText()}`);
        return { graded: false, resumed: false, savedState: "", location: "" };
      }
      const mode = get("cmi.core.lesson_mode") || "normal";
      // Moodle gives no-credit in review mode; writes then would overwrite a finished attempt (§4.4).
      graded = mode === "normal" && get("cmi.core.credit") !== "no-credit";
      recorded.status = get("cmi.core.lesson_status") as LessonStatus;
      const raw = get("cmi.core.score.raw");
      recorded.raw = raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw);
      const launch: Launch = {
        graded,
        resumed: get("cmi.core.entry") === "resume",
        savedState: get("cmi.suspend_data"),
        location: get("cmi.core.lesson_location"),
      };
      if (graded && (recorded.status === "not attempted" || recorded.status === "")) {
        if (set("cmi.core.lesson_status", "incomplete")) recorded.status = "incomplete";
        commit();
      }
      return launch;
    },

    save({ state, location }: Snapshot): void {
      if (!active || finished) return;
      set("cmi.suspend_data", state);
      set("cmi.core.lesson_location", location);
    },

    record(check: Check): void {
      if (!active || finished || !graded) return;
      const next = nextRecord(recorded, check);
      if (next.raw !== null) {
        // min and max first, then raw, then status: Moodle grades from raw (§4.5) and some LMSs
        // judge a status against the score already stored.
        set("cmi.core.score.min", "0");
        set("cmi.core.score.max", "100");
        if (set("cmi.core.score.raw", cmiScore(next.raw))) recorded.raw = next.raw;
      }
      if (next.status !== null && set("cmi.core.lesson_status", next.status)) recorded.status = next.status;
      commit();
    },

    finish(): void {
      if (finished) return;
      finished = true;
      if (!active) return;
      set("cmi.core.session_time", cmiTimespan((now() - startedAt) / 1000));
      const done = recorded.status === "completed" || recorded.status === "passed" || recorded.status === "failed";
      set("cmi.core.exit", done ? "" : "suspend");
      commit();
      // Called directly rather than through pipwerks' quit(), which skips LMSFinish when the commit
      // failed: the LMS must hear LMSFinish exactly once whatever happened before.
      const ok = guard("finish", () => api.LMSFinish(""), "false");
      if (ok !== "true") log(`LMSFinish failed: ${errorText()}`);
      active = false;
      SCORM.connection.isActive = false;
    },
  };
}
