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
  commit(): boolean;
  /** LMSFinish / Terminate; the connection is closed afterwards whatever the LMS answered. */
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
  const guard = <T>(what: string, call: () => T, fallback: T): T => {
    try {
      return call();
    } catch (e) {
      log(`${what} threw: ${String(e)}`);
      return fallback;
    }
  };
  const errorText = () => guard("GetLastError", () => `error ${dialect.lastError(api)}`, "no answer");
  return {
    get active() {
      return active;
    },
    initialize() {
      resetPipwerks(api, dialect.version);
      active = guard("initialize", () => SCORM.init(), false);
      if (!active) log(`${dialect.calls.initialize} failed: ${errorText()}`);
      return active;
    },
    get: (element) => guard(`get ${element}`, () => String(SCORM.get(element) ?? ""), ""),
    set([element, value]) {
      if (!active) return false;
      const ok = guard(`set ${element}`, () => SCORM.set(element, value), false);
      if (!ok) log(`${dialect.calls.setValue}(${element}, ${JSON.stringify(value)}) failed: ${errorText()}`);
      return ok;
    },
    commit() {
      if (!active) return false;
      const ok = guard("commit", () => SCORM.save(), false);
      if (!ok) log(`${dialect.calls.commit} failed: ${errorText()}`);
      return ok;
    },
    terminate() {
      if (!active) return false;
      // Called directly rather than through pipwerks' quit(), which would commit first: the closing
      // call alone stores everything (Moodle, Chamilo, scorm-again), and a commit right before it
      // would make Chamilo add the session time twice.
      const ok = guard("terminate", () => dialect.terminate(api), "false") === "true";
      if (!ok) log(`${dialect.calls.terminate} failed: ${errorText()}`);
      active = false;
      SCORM.connection.isActive = false;
      return ok;
    },
  };
}
