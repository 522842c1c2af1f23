/**
 * One SCORM session through pipwerks-scorm-api-wrapper (its only importer), whatever the version:
 * the order of calls, this browser's copy of the attempt and the rule that reconciles it with the
 * LMS (localCopy.ts), the commit policy, the session time (sessionTime.ts), and the rules of
 * progress.ts. What differs between SCORM 1.2 and 2004 (element names, vocabularies,
 * formats) is a `ScormDialect`: scorm12.ts and scorm2004.ts each hold only theirs.
 *
 * Nothing is lost: every change goes first into this browser's copy (in IndexedDB), then to the LMS.
 * An LMS's "true" is not a receipt (Moodle during page exit, Chamilo always), so the copy is kept
 * until a later launch reads back a saved state at least as new; a copy newer than what the LMS
 * gives back is restored and sent again.
 */
import { SCORM, debug, type Scorm12Api, type Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { CardResult } from "../../sorting/score";
import type { Clock } from "../clock";
import { createCommitPolicy } from "./commitPolicy";
import { copyKeeper, copyKey, openAttemptCopy, type AttemptCopy, type IndexedInteraction, type InteractionFields } from "../localCopy";
import { openLocalStore, type LocalStore } from "../localStore";
import { mergeRecord, nextRecord, type Check, type LessonStatus, type Recorded } from "../progress";
import { addsAtEveryStore, sessionTimeReporter } from "./sessionTime";
import type { Launch, Snapshot, Tracker, TrackerKind } from "../tracker";

export type ScormApi = Scorm12Api | Scorm2004Api;
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

const DONE: LessonStatus[] = ["completed", "passed", "failed"];

/**
 * pipwerks keeps its state in a module-level object; each tracker starts it afresh and hands it the
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

export function createScormSession(api: ScormApi, dialect: ScormDialect, opts: ScormOptions = {}): Tracker {
  const clock = opts.clock;
  const now = () => (clock ? clock.now() : Date.now());
  const log = opts.log ?? ((m: string) => console.warn(`[${dialect.kind}] ${m}`));
  const unitKey = opts.unitKey ?? "unit";
  const store = opts.store ?? openLocalStore(`pm:${unitKey}`, { noIndexedDb: true, log });
  const startedAt = now();
  let sessionSeconds = sessionTimeReporter(startedAt, false);
  const listeners: ((unsaved: boolean) => void)[] = [];
  let active = false;
  let finished = false;
  let graded = true;
  const recorded: Recorded = { status: "", raw: null };
  /** The attempt as this browser knows it (localCopy.ts); mirrored in the store, never dropped on a "true". */
  let attempt: AttemptCopy | null = null;
  /** Parts of the copy that SetValue has not accepted yet. */
  const unsent = { state: false, record: false, interactions: [] as IndexedInteraction[] };

  let pendingNow = false;
  const notify = (pending: boolean) => {
    pendingNow = pending;
    listeners.forEach((l) => l(pending));
  };
  const guard = <T>(what: string, call: () => T, fallback: T): T => {
    try {
      return call();
    } catch (e) {
      log(`${what} threw: ${String(e)}`);
      return fallback;
    }
  };
  const errorText = () => guard("GetLastError", () => `error ${dialect.lastError(api)}`, "no answer");
  const get = (element: string) => guard(`get ${element}`, () => String(SCORM.get(element) ?? ""), "");
  const set = ([element, value]: Write): boolean => {
    if (!active) return false;
    const ok = guard(`set ${element}`, () => SCORM.set(element, value), false);
    if (!ok) log(`${dialect.calls.setValue}(${element}, ${JSON.stringify(value)}) failed: ${errorText()}`);
    return ok;
  };
  /** In order, stopping at the first the LMS refuses (what follows depends on it). */
  const setInOrder = (writes: Write[]) => writes.every(set);
  /** Every one tried; true when all were taken. */
  const setEach = (writes: Write[]) => writes.map(set).every(Boolean);

  /** Hands the LMS what it has not accepted yet; what it refuses stays unsent for the next try. */
  const push = () => {
    if (!active || !graded || !attempt) return;
    const copy = attempt.copy;
    if (unsent.state) unsent.state = !setEach(dialect.state(copy.state, copy.location));
    while (unsent.interactions.length > 0) {
      const { index, fields } = unsent.interactions[0]!;
      // Arrays grow only at index _count (§5.13): a refused id is tried again later at the same index.
      if (!set([`cmi.interactions.${index}.id`, fields[0]![1]])) break;
      unsent.interactions.shift();
      // A refused field of an interaction already opened cannot be written again at this index: set()
      // logs it, and the rest of the record still goes.
      for (const [suffix, value] of fields.slice(1)) set([`cmi.interactions.${index}.${suffix}`, value]);
    }
    if (unsent.record && copy.record) {
      const next = mergeRecord(recorded, copy.record);
      let ok = true;
      if (next.raw !== null) {
        ok = setInOrder(dialect.score(next.raw));
        if (ok) recorded.raw = next.raw;
      }
      if (ok && next.status !== null) {
        ok = setInOrder(dialect.status(next.status));
        if (ok) recorded.status = next.status;
      }
      unsent.record = !ok;
    }
  };

  const allSent = () => !unsent.state && !unsent.record && unsent.interactions.length === 0;
  const writeTime = () => set(dialect.sessionTime(sessionSeconds(now())));

  const commit = (): boolean => {
    if (!active) return false;
    push();
    writeTime();
    const ok = guard("commit", () => SCORM.save(), false);
    if (!ok) log(`${dialect.calls.commit} failed: ${errorText()}`);
    // A "true" only means the LMS took the values: the copy stays until a launch reads them back.
    return ok && allSent();
  };

  const policy = createCommitPolicy({ clock, onPending: notify, commit });

  return {
    kind: dialect.kind,

    onSyncChange(listener) {
      listeners.push(listener);
      listener(pendingNow);
    },

    async start(): Promise<Launch> {
      resetPipwerks(api, dialect.version);
      active = guard("initialize", () => SCORM.init(), false);
      if (!active) {
        // Keep working for this page only: with the learner unknown, a kept copy may be anyone's.
        log(`${dialect.calls.initialize} failed: ${errorText()}`);
        attempt = await openAttemptCopy({ load: async () => null, write() {}, drop() {} }, { state: "", location: "", interactionCount: 0, freshAttempt: false });
        const { state, location } = attempt.copy;
        notify(true);
        return { graded: true, resumed: state !== "", savedState: state, location, restoredFromCopy: false };
      }
      const facts = dialect.readLaunch(get);
      graded = facts.graded;
      Object.assign(recorded, facts.recorded);
      sessionSeconds = sessionTimeReporter(startedAt, addsAtEveryStore(facts.totalTime, dialect.timespan));
      const launch: Launch = {
        graded,
        resumed: facts.entry === "resume",
        savedState: facts.savedState,
        location: facts.location,
        restoredFromCopy: false,
      };
      // Review, browse and no-credit never read or write a copy: it may be another attempt's work.
      if (!graded) return launch;
      attempt = await openAttemptCopy(copyKeeper(store, copyKey(dialect.kind, unitKey, facts.learnerId)), {
        state: launch.savedState,
        location: launch.location,
        interactionCount: facts.interactionCount,
        freshAttempt: facts.entry === "ab-initio" || recorded.status === "not attempted" || recorded.status === "",
      });
      const { verdict, copy } = attempt;
      if (verdict.use === "copy") {
        // The last session ended before the LMS held everything: the learner and the LMS get it now.
        log("restoring the newer local copy");
        unsent.state = true;
        unsent.record = copy.record !== null;
        unsent.interactions = [...verdict.replay];
        Object.assign(launch, { savedState: copy.state, location: copy.location, resumed: true, restoredFromCopy: true });
      }
      if (recorded.status === "not attempted" || recorded.status === "") {
        if (setInOrder(dialect.started)) recorded.status = "incomplete";
      }
      policy.milestone();
      return launch;
    },

    save({ state, location }: Snapshot): void {
      if (finished || !graded || !attempt) return;
      // One more than anything given out so far: the LMS's state, or the copy restored at launch.
      // (A check always comes with a change of state, so the sequence covers the record too.)
      attempt.change(state, location);
      unsent.state = true;
      push();
      policy.changed();
    },

    record(raw: Check): void {
      if (finished || !graded || !attempt) return;
      const check = dialect.judge(raw);
      const prev = attempt.copy.record ?? recorded;
      const next = nextRecord(prev, check);
      const answers = attempt.answered(
        { raw: next.raw ?? prev.raw, status: next.status ?? prev.status },
        check.result.cards.map((r) => dialect.interaction(r, check.at, check.latencySeconds)),
      );
      unsent.record = true;
      unsent.interactions.push(...answers);
      policy.milestone();
    },

    suspend(): void {
      if (!finished) policy.flush();
    },

    finish(): void {
      if (finished) return;
      finished = true;
      policy.stop();
      if (!active) return;
      push();
      writeTime();
      set(dialect.exit(DONE.includes(recorded.status)));
      // The closing call alone stores everything (Moodle, Chamilo, scorm-again): a commit right
      // before it would make Chamilo add the session time twice. Called directly rather than through
      // pipwerks' quit(), which would commit first.
      const ok = guard("terminate", () => dialect.terminate(api), "false");
      if (ok !== "true") log(`${dialect.calls.terminate} failed: ${errorText()}`);
      notify(!(ok === "true" && allSent()));
      active = false;
      SCORM.connection.isActive = false;
    },
  };
}
