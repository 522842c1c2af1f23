/**
 * The SCORM API as the session calls it, through pipwerks-scorm-api-wrapper (its only importer),
 * whatever the version: every call guarded (an LMS frame that went away throws), every refusal
 * logged with the LMS's error code. What the values mean is the session's business
 * (scormSession.ts); the names of the calls are the dialect's.
 */
import { SCORM, debug, type Scorm12Api, type Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { ScormDialect, Write } from "./scormSession";

export type ScormApi = Scorm12Api | Scorm2004Api;

export interface ScormConnection {
  /** Between a successful Initialize and the closing call. */
  readonly active: boolean;
  initialize(): boolean;
  get(element: string): string;
  /** One SetValue; false (and logged) when refused, or when the session is not open. */
  set(write: Write): boolean;
  /** Commit; only while active (the session checks). */
  commit(): boolean;
  /** LMSFinish / Terminate, only while active; the connection is closed afterwards whatever the LMS answered. */
  terminate(): boolean;
}

/**
 * pipwerks keeps its state in a module-level object; each session starts it afresh and hands it the
 * API we already found (its own search touches parent frames without try/catch, which throws on
 * another origin). Status and exit are ours to manage: pipwerks would set its own.
 */
function resetPipwerks(api: ScormApi, version: "1.2" | "2004"): void {
  debug.isActive = false;
  SCORM.version = version;
  SCORM.handleCompletionStatus = false;
  SCORM.handleExitMode = false;
  SCORM.API.handle = api;
  SCORM.API.isFound = true;
  SCORM.connection.isActive = false;
  SCORM.data.completionStatus = null;
  SCORM.data.exitStatus = null;
}

export function connectScorm(api: ScormApi, dialect: ScormDialect, log: (message: string) => void): ScormConnection {
  let active = false;
  const { calls } = dialect;
  const guard = <T>(what: string, run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (e) {
      log(`${what} threw: ${String(e)}`);
      return fallback;
    }
  };
  /** One call that answers true or false: a false one is logged with the LMS's error code. */
  const call = (what: string, run: () => boolean): boolean => {
    const ok = guard(what, run, false);
    if (!ok) log(`${what} failed: ${guard("GetLastError", () => `error ${dialect.lastError(api)}`, "no answer")}`);
    return ok;
  };
  return {
    get active() {
      return active;
    },
    initialize() {
      resetPipwerks(api, dialect.version);
      return (active = call(calls.initialize, () => SCORM.init()));
    },
    get: (element) => guard(`get ${element}`, () => String(SCORM.get(element) ?? ""), ""),
    set: ([element, value]) => active && call(`${calls.setValue}(${element}, ${JSON.stringify(value)})`, () => SCORM.set(element, value)),
    commit: () => call(calls.commit, () => SCORM.save()),
    terminate() {
      // Called directly rather than through pipwerks' quit(), which would commit first: the closing
      // call alone stores everything (Moodle, Chamilo, scorm-again), and a commit right before it
      // would make Chamilo add the session time twice.
      const ok = call(calls.terminate, () => dialect.terminate(api) === "true");
      active = false;
      SCORM.connection.isActive = false;
      return ok;
    },
  };
}
