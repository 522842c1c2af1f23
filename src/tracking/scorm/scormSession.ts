/**
 * One SCORM session, whatever the version, in four steps: launch (read what the LMS and this
 * browser's copy hold, and decide which the learner gets), write (scormOutbox.ts: hand the LMS what
 * it lacks), commit (when: commitPolicy.ts) and leave (the closing call). The calls themselves go
 * through scormConnection.ts (pipwerks); the session time through sessionTime.ts; the rules of
 * progress.ts and localCopy.ts apply. What differs between SCORM 1.2 and 2004 (element names,
 * vocabularies, formats) is a `ScormDialect`: scorm12.ts and scorm2004.ts each hold only theirs.
 *
 * Nothing is lost: every change goes first into this browser's copy (in IndexedDB), then to the LMS,
 * which is asked to store it within a few seconds and holds a resumable attempt (exit "suspend")
 * from the first commit on. An LMS's "true" is not a receipt (Moodle during page exit, Chamilo
 * always), so the copy is kept until a later launch reads back a saved state at least as new; a
 * copy newer than what the LMS gives back is restored and sent again.
 */
import type { CardResult } from "../../sorting/score";
import type { Clock } from "../clock";
import { createCommitPolicy } from "./commitPolicy";
import { copyKeeper, copyKey, openAttemptCopy, type AttemptCopy, type InteractionFields } from "../localCopy";
import { openLocalStore, type LocalStore } from "../localStore";
import { nextRecord, type Check, type LessonStatus, type Recorded } from "../progress";
import { connectScorm, type ScormApi, type ScormConnection } from "./scormConnection";
import { createOutbox, type Outbox } from "./scormOutbox";
import { addsAtEveryStore, sessionTimeReporter } from "./sessionTime";
import type { Launch, Snapshot, Tracker, TrackerKind } from "../tracker";

export type { ScormApi } from "./scormConnection";
export type Write = [element: string, value: string];

/** What the LMS tells the SCO at launch, in the shared vocabulary. */
export interface LaunchFacts {
  /** Normal mode with credit: false in review or browse mode or without credit. */
  graded: boolean;
  /** cmi.core.entry / cmi.entry: "ab-initio", "resume" or "". */
  entry: string;
  savedState: string;
  location: string;
  recorded: Recorded;
  /** How many interactions the LMS holds (`_count`). */
  interactionCount: number;
  learnerId: string;
  /** The total time the LMS gives back, in the version's format (or Chamilo's own, see sessionTime.ts). */
  totalTime: string;
}

/** Everything version-specific: names, formats and the few version rules. */
export interface ScormDialect {
  readonly kind: TrackerKind;
  readonly version: "1.2" | "2004";
  /** The API's names for its calls, as log messages name them. */
  readonly calls: { initialize: string; setValue: string; commit: string; terminate: string };
  /** The closing call (LMSFinish / Terminate) and the error code, called directly on the API. */
  terminate(api: ScormApi): string;
  lastError(api: ScormApi): string;
  readLaunch(get: (element: string) => string): LaunchFacts;
  /** A valid total_time in this version (an LMS giving back anything else adds at every store). */
  timespan: RegExp;
  /** Marks a fresh attempt as started (the recorded status is "" or "not attempted"). */
  started: Write[];
  /** The saved state and where the learner is; each write is tried. */
  state(state: string, location: string): Write[];
  /** The score, written before the status (Moodle grades from raw; some LMSs judge a status by the score). */
  score(raw: number): Write[];
  status(status: LessonStatus): Write[];
  /** A check as this LMS judges it (2004: against the LMS's passing score, when it gives one). */
  judge(check: Check): Check;
  interaction(r: CardResult, at: Date, latencySeconds: number): InteractionFields;
  sessionTime(seconds: number): Write;
  /** `done`: the attempt is finished (completed, passed or failed). */
  exit(done: boolean): Write;
}

export interface ScormOptions {
  /** Where the local copy lives (openLocalStore: IndexedDB in the browser); memory if not given. */
  store?: LocalStore;
  /** Identifies the unit in the store, e.g. `peer-mentoring:da`. */
  unitKey?: string;
  clock?: Clock;
  log?: (message: string) => void;
}

const notStarted = (status: LessonStatus) => status === "not attempted" || status === "";

/**
 * The launch step: what the LMS gives (facts), the copy this browser keeps for this learner, and
 * which of the two the learner gets. Review, browse and no-credit never read or write a copy: it
 * may be another attempt's work.
 */
async function readAttempt(
  facts: LaunchFacts,
  store: LocalStore,
  copyKeyOf: (learner: string) => string,
): Promise<{ launch: Launch; attempt: AttemptCopy | null }> {
  const attempt = facts.graded
    ? await openAttemptCopy(copyKeeper(store, copyKeyOf(facts.learnerId)), {
        state: facts.savedState,
        location: facts.location,
        interactionCount: facts.interactionCount,
        freshAttempt: facts.entry === "ab-initio" || notStarted(facts.recorded.status),
      })
    : null;
  // The copy wins only when it is newer than what the LMS gave (localCopy.ts): then the learner gets it.
  const restored = attempt?.verdict.use === "copy";
  const { state, location } = restored ? attempt!.copy : { state: facts.savedState, location: facts.location };
  return {
    launch: { graded: facts.graded, resumed: restored || facts.entry === "resume", savedState: state, location, restoredFromCopy: restored },
    attempt,
  };
}

export function createScormSession(api: ScormApi, dialect: ScormDialect, opts: ScormOptions = {}): Tracker {
  const clock = opts.clock;
  const now = () => (clock ? clock.now() : Date.now());
  const log = opts.log ?? ((m: string) => console.warn(`[${dialect.kind}] ${m}`));
  const unitKey = opts.unitKey ?? "unit";
  const store = opts.store ?? openLocalStore(`pm:${unitKey}`, { noIndexedDb: true, log });
  const startedAt = now();
  const lms: ScormConnection = connectScorm(api, dialect, log);
  /** Who is told whether something the learner did is not saved yet. */
  const listeners: ((unsaved: boolean) => void)[] = [];
  let unsaved = false;
  const notify = (value: boolean) => {
    unsaved = value;
    listeners.forEach((l) => l(value));
  };
  /** Made at launch, from what the LMS holds (null: Initialize failed, nothing goes to the LMS). */
  let outbox: Outbox | null = null;
  let sessionSeconds = sessionTimeReporter(startedAt, false);
  let finished = false;
  let graded = true;
  /** The attempt as this browser knows it (localCopy.ts); mirrored in the store, never dropped on a "true". */
  let attempt: AttemptCopy | null = null;

  const writeTime = () => lms.set(dialect.sessionTime(sessionSeconds(now())));

  /** The commit step: what waits, the time so far, Commit. True only when the LMS took all of it. */
  const commit = (): boolean => {
    if (!lms.active || !outbox) return false;
    if (graded && attempt) outbox.push(attempt.copy);
    writeTime();
    // A "true" only means the LMS took the values: the copy stays until a launch reads them back.
    return lms.commit() && outbox.allSent(attempt?.copy);
  };
  const policy = createCommitPolicy({ clock, onPending: notify, commit });

  return {
    kind: dialect.kind,
    onSyncChange(listener) {
      listeners.push(listener);
      listener(unsaved);
    },

    async start(): Promise<Launch> {
      if (!lms.initialize()) {
        // The page works on its own and says that nothing reaches the LMS; with the learner unknown,
        // no copy is read or kept (it might be anyone's).
        notify(true);
        return { graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false };
      }
      const facts = dialect.readLaunch(lms.get);
      graded = facts.graded;
      const out = (outbox = createOutbox(lms, dialect, facts));
      sessionSeconds = sessionTimeReporter(startedAt, addsAtEveryStore(facts.totalTime, dialect.timespan));
      const opened = await readAttempt(facts, store, (learner) => copyKey(dialect.kind, unitKey, learner));
      attempt = opened.attempt;
      if (!attempt) return opened.launch;
      if (attempt.verdict.use === "copy") {
        // The last session ended before the LMS held everything: the learner and the LMS get it now.
        log("restoring the newer local copy");
        out.queue(attempt.verdict.replay, attempt.copy.record !== null);
      }
      if (notStarted(out.recorded.status) && dialect.started.every(lms.set)) out.recorded.status = "incomplete";
      // The launch commit: the LMS holds a resumable attempt (exit suspend) from here on.
      policy.milestone();
      return opened.launch;
    },

    save({ state, location }: Snapshot): void {
      if (finished || !graded || !attempt || !outbox) return;
      // One more than anything given out so far: the LMS's state, or the copy restored at launch.
      // (A check always comes with a change of state, so the sequence covers the record too.)
      attempt.change(state, location);
      outbox.push(attempt.copy);
      policy.changed();
    },

    record(raw: Check): void {
      if (finished || !graded || !attempt || !outbox) return;
      const check = dialect.judge(raw);
      const prev = attempt.copy.record ?? outbox.recorded;
      const next = nextRecord(prev, check);
      const answers = attempt.answered(
        { raw: next.raw ?? prev.raw, status: next.status ?? prev.status },
        check.result.cards.map((r) => dialect.interaction(r, check.at, check.latencySeconds)),
      );
      outbox.queue(answers, true);
      policy.milestone();
    },

    suspend(): void {
      if (!finished) policy.flush();
    },

    /** The leave step: what waits, the session time and the exit, then the closing call alone. */
    finish(): void {
      if (finished) return;
      finished = true;
      policy.stop();
      if (!lms.active || !outbox) return;
      if (graded && attempt) outbox.push(attempt.copy);
      writeTime();
      outbox.exit();
      const ok = lms.terminate();
      notify(!(ok && outbox.allSent(attempt?.copy)));
    },
  };
}
