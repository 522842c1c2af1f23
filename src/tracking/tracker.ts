/**
 * The one interface every LMS adapter implements. Components never talk to an LMS; the app calls
 * these four methods and the adapter decides what its LMS needs.
 */
import type { Check } from "./progress";

export type TrackerKind = "scorm12" | "scorm2004" | "local" | "xapi" | "cmi5";

/** A launch problem the learner can act on, as the key of its sentence in src/i18n. */
export type LaunchNotice = "cmi5NoLaunch" | "cmi5NoToken" | "cmi5Unreachable" | "cmi5Finished" | "cmi5FinishedNotGraded";

/** What the LMS told us at launch. */
export interface Launch {
  /** False in review or browse mode or without credit: show everything, write nothing graded. */
  graded: boolean;
  /** The learner comes back to an attempt left unfinished. */
  resumed: boolean;
  /** The saved state (src/state/resume.ts) or "" for none. */
  savedState: string;
  /** Where the learner was: "reading", "exercise" or "". */
  location: string;
  /**
   * The LMS gave back older work than this browser's copy (its session ended before it stored the
   * last changes): the learner got the copy, and the LMS is being sent it. The UI says so, calmly.
   */
  restoredFromCopy: boolean;
  /** Shown instead of the usual notices: why this launch is not tracked as the LMS meant. */
  notice?: { id: LaunchNotice; text: string };
  /** Where the finish button takes the learner once the session is closed (cmi5 returnURL). */
  exitUrl?: string;
}

export interface Snapshot {
  state: string;
  location: string;
}

export interface Tracker {
  readonly kind: TrackerKind;
  /** Opens the session. Never rejects: a failing LMS gives an ungraded, fresh launch. */
  start(): Promise<Launch>;
  /** The learner moved something: keep the state (adapters decide when to persist it). */
  save(snapshot: Snapshot): void;
  /** The learner checked: report score and status (and, later, per-card answers). */
  record(check: Check): void;
  /** The page is hidden (another tab, a locked phone): save what waits, but keep the session open. */
  suspend(): void;
  /** Leaving: close the session. Safe to call more than once; only the first call acts. */
  finish(): void;
  /** Told `true` while something the learner did is not yet saved by the LMS, `false` once it is. */
  onSyncChange(listener: (unsaved: boolean) => void): void;
}
