/**
 * The LMS a preview plays (the preview server's page and the studio's frame): scorm-again's SCORM 1.2
 * runtime, as in Moodle's player, with every API call logged for the CMI panel. The runtime class
 * comes from scorm-again's browser build, loaded by the page as a classic script (window.Scorm12API).
 */
import type Scorm12API from "scorm-again/scorm12";

declare global {
  interface Window {
    Scorm12API?: typeof Scorm12API;
    API?: Scorm12API;
  }
}

export const API_METHODS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"] as const;

/** A line of the call log: an API call with what the runtime answered, or a launch of the unit. */
export type CallEntry = { launch: string } | { name: string; args: unknown[]; result: string; error: string };

/** What the runtime holds (scorm-again's cmi as JSON): only the parts the panel reads are typed. */
export interface CmiData {
  core?: {
    lesson_status?: string;
    score?: { raw?: string; min?: string; max?: string };
    entry?: string;
    exit?: string;
    lesson_location?: string;
    session_time?: string;
    [key: string]: unknown;
  };
  student_data?: { mastery_score?: string };
  suspend_data?: string;
  interactions?: unknown;
  [key: string]: unknown;
}

/** What the LMS hands a first launch: a fresh attempt, and the manifest's mastery score if any. */
export function firstLaunchData(masteryScore: number | null | undefined): CmiData {
  const data: CmiData = { core: { student_id: "preview", student_name: "Learner, Preview", entry: "ab-initio", credit: "credit", lesson_mode: "normal" } };
  if (masteryScore !== null && masteryScore !== undefined) data.student_data = { mastery_score: String(masteryScore) };
  return data;
}

/** What the LMS hands the next launch of the same attempt: everything stored, entry "resume", no session values. */
export function returningData(cmi: CmiData): CmiData {
  const { exit: _exit, session_time: _session, ...core } = cmi.core ?? {};
  return { ...cmi, core: { ...core, entry: "resume" } };
}

export interface LoggedLms {
  api: Scorm12API;
  /** A copy of everything the runtime holds. */
  stored(): CmiData;
}

/** A new runtime (loaded with `data`), each of its API methods wrapped to log the call and its answer. */
export function createLms(data: CmiData | null, log: (entry: CallEntry) => void): LoggedLms {
  const Runtime = window.Scorm12API;
  if (!Runtime) throw new Error("scorm-again's runtime (Scorm12API) is not loaded");
  // No commit URL: the data stays in this page.
  const runtime = new Runtime({ lmsCommitUrl: false, autocommit: false, logLevel: 5 });
  if (data) runtime.loadFromJSON(data as Record<string, unknown>);
  const calls = runtime as unknown as Record<string, (...args: unknown[]) => unknown>;
  const real: Record<string, (...args: unknown[]) => unknown> = {};
  for (const name of API_METHODS) {
    real[name] = calls[name]!.bind(runtime);
    calls[name] = (...args: unknown[]) => {
      const result = real[name]!(...args);
      const failed = name !== "LMSGetValue" && !name.includes("Error") && name !== "LMSGetDiagnostic" && String(result) !== "true";
      log({ name, args, result: String(result), error: failed ? String(real.LMSGetLastError!()) : "" });
      return result;
    };
  }
  return { api: runtime, stored: () => JSON.parse(JSON.stringify(runtime.cmi)) as CmiData };
}
