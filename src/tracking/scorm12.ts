/**
 * SCORM 1.2 through pipwerks-scorm-api-wrapper: the only importer of pipwerks.
 * Call order and value formats follow scorm12.md §3.1 and Moodle 4.5's validation (§4.1).
 *
 * Nothing is lost: every change goes first into this browser's copy (localCopy.ts, in IndexedDB),
 * then to the LMS. An LMS's "true" is not a receipt (Moodle during page exit, Chamilo always), so
 * the copy is kept until a later launch reads back a suspend_data at least as new; a copy newer than
 * what the LMS gives back is restored and sent again. The rule is shared (localCopy.ts); this file
 * holds only what is SCORM 1.2: element names and formats.
 *
 * LMS calls of a full session (launch, 15 placements, check, leave), counted by `npm run bench`:
 * LMSInitialize 1; LMSGetValue 10, all at launch; LMSSetValue about 160 (2 per change of the saved
 * state, 8-9 per card and check, 4 for score and status, 1 session_time per commit, 2 at leaving):
 * these stay in the LMS's memory; LMSCommit 3 (launch, a few seconds after the first placement,
 * check), plus one per 30 s of placing cards after that; LMSFinish 1, with no LMSCommit before it.
 */
import { SCORM, debug, type Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { cmiScore, cmiTimespan } from "./cmi";
import { createCommitPolicy, type Clock } from "./commitPolicy";
import { cardInteraction } from "./interactions";
import { copyKeeper, copyKey, openAttemptCopy, type AttemptCopy, type IndexedInteraction } from "./localCopy";
import { openLocalStore, type LocalStore } from "./localStore";
import { mergeRecord, nextRecord, type Check, type LessonStatus, type Recorded } from "./progress";
import { addsAtEveryStore, sessionTimeReporter } from "./sessionTime";
import type { Launch, Snapshot, Tracker } from "./tracker";

export interface Scorm12Options {
  /** Where the local copy lives (openLocalStore: IndexedDB in the browser); memory if not given. */
  store?: LocalStore;
  /** Identifies the unit in the store, e.g. `peer-mentoring:da`. */
  unitKey?: string;
  clock?: Clock;
  log?: (message: string) => void;
}

/** CMITimespan as SCORM 1.2 defines it (what Moodle and scorm-again give back as total_time). */
const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/;
const DONE: LessonStatus[] = ["completed", "passed", "failed"];

/**
 * pipwerks keeps its state in a module-level object; each tracker starts it afresh and hands it the
 * API we already found (its own search touches parent frames without try/catch, which throws on
 * another origin). Status and exit are ours to manage: pipwerks would set exit "logout".
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
  const clock = opts.clock;
  const now = () => (clock ? clock.now() : Date.now());
  const log = opts.log ?? ((m: string) => console.warn(`[scorm12] ${m}`));
  const unitKey = opts.unitKey ?? "unit";
  const store = opts.store ?? openLocalStore(`pm:${unitKey}`, { noIndexedDb: true, log });
  const startedAt = now();
  let sessionSeconds = sessionTimeReporter(startedAt, false);
  const listeners: ((unsaved: boolean) => void)[] = [];
  let active = false;
  let finished = false;
  let graded = true;
  const recorded: Recorded = { status: "", raw: null };
  /** The attempt as this browser knows it; mirrored in the store, never dropped on a "true". */
  let attempt: AttemptCopy | null = null;
  /** Parts of the copy that LMSSetValue has not accepted yet. */
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
  const errorText = () => guard("LMSGetLastError", () => `error ${api.LMSGetLastError()}`, "no answer");
  const get = (element: string) => guard(`get ${element}`, () => String(SCORM.get(element) ?? ""), "");
  const set = (element: string, value: string): boolean => {
    if (!active) return false;
    const ok = guard(`set ${element}`, () => SCORM.set(element, value), false);
    if (!ok) log(`LMSSetValue(${element}, ${JSON.stringify(value)}) failed: ${errorText()}`);
    return ok;
  };

  /** Hands the LMS what it has not accepted yet; what it refuses stays unsent for the next try. */
  const push = () => {
    if (!active || !graded || !attempt) return;
    const copy = attempt.copy;
    if (unsent.state) {
      const a = set("cmi.suspend_data", copy.state);
      const b = copy.location === "" || set("cmi.core.lesson_location", copy.location);
      unsent.state = !(a && b);
    }
    while (unsent.interactions.length > 0) {
      const { index, fields } = unsent.interactions[0]!;
      // Arrays grow only at index _count (§5.13): a refused id is tried again later at the same index.
      if (!set(`cmi.interactions.${index}.id`, fields[0]![1])) break;
      unsent.interactions.shift();
      // A refused field of an interaction already opened cannot be written again at this index: set()
      // logs it, and the rest of the record still goes.
      for (const [suffix, value] of fields.slice(1)) set(`cmi.interactions.${index}.${suffix}`, value);
    }
    if (unsent.record && copy.record) {
      const next = mergeRecord(recorded, copy.record);
      let ok = true;
      if (next.raw !== null) {
        // min and max first, then raw, then the status: Moodle grades from raw (§4.5) and some LMSs
        // judge a status against the score already stored.
        ok = set("cmi.core.score.min", "0") && set("cmi.core.score.max", "100") && set("cmi.core.score.raw", cmiScore(next.raw));
        if (ok) recorded.raw = next.raw;
      }
      if (ok && next.status !== null) {
        ok = set("cmi.core.lesson_status", next.status);
        if (ok) recorded.status = next.status;
      }
      unsent.record = !ok;
    }
  };

  const allSent = () => !unsent.state && !unsent.record && unsent.interactions.length === 0;
  const writeTime = () => set("cmi.core.session_time", cmiTimespan(sessionSeconds(now())));

  const commit = (): boolean => {
    if (!active) return false;
    push();
    writeTime();
    const ok = guard("commit", () => SCORM.save(), false);
    if (!ok) log(`LMSCommit failed: ${errorText()}`);
    // A "true" only means the LMS took the values: the copy stays until a launch reads them back.
    return ok && allSent();
  };

  const policy = createCommitPolicy({ clock, onPending: notify, commit });

  return {
    kind: "scorm12",

    onSyncChange(listener) {
      listeners.push(listener);
      listener(pendingNow);
    },

    async start(): Promise<Launch> {
      resetPipwerks(api);
      active = guard("initialize", () => SCORM.init(), false);
      if (!active) {
        // Keep working from this browser's copy (learner unknown: nothing graded is replayed from it).
        log(`LMSInitialize failed: ${errorText()}`);
        attempt = await openAttemptCopy(copyKeeper(store, copyKey("scorm12", unitKey, "?")), { state: "", location: "", interactionCount: 0, freshAttempt: false });
        const { state, location } = attempt.copy;
        notify(true);
        return { graded: true, resumed: state !== "", savedState: state, location, restoredFromCopy: false };
      }
      const mode = get("cmi.core.lesson_mode") || "normal";
      // Moodle gives no-credit in review mode; writes then would change a finished attempt (§4.4).
      graded = mode === "normal" && get("cmi.core.credit") !== "no-credit";
      recorded.status = get("cmi.core.lesson_status") as LessonStatus;
      const raw = get("cmi.core.score.raw");
      recorded.raw = raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw);
      const interactionCount = Number(get("cmi.interactions._count")) || 0;
      sessionSeconds = sessionTimeReporter(startedAt, addsAtEveryStore(get("cmi.core.total_time"), CMI_TIMESPAN));
      const entry = get("cmi.core.entry");
      const launch: Launch = {
        graded,
        resumed: entry === "resume",
        savedState: get("cmi.suspend_data"),
        location: get("cmi.core.lesson_location"),
        restoredFromCopy: false,
      };
      // Review, browse and no-credit never read or write a copy: it may be another attempt's work.
      if (!graded) return launch;
      attempt = await openAttemptCopy(copyKeeper(store, copyKey("scorm12", unitKey, get("cmi.core.student_id"))), {
        state: launch.savedState,
        location: launch.location,
        interactionCount,
        freshAttempt: entry === "ab-initio" || recorded.status === "not attempted" || recorded.status === "",
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
        if (set("cmi.core.lesson_status", "incomplete")) recorded.status = "incomplete";
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

    record(check: Check): void {
      if (finished || !graded || !attempt) return;
      const prev = attempt.copy.record ?? recorded;
      const next = nextRecord(prev, check);
      const answers = attempt.answered(
        { raw: next.raw ?? prev.raw, status: next.status ?? prev.status },
        check.result.cards.map((r) => cardInteraction(r, check.at, check.latencySeconds)),
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
      const done = DONE.includes(recorded.status);
      set("cmi.core.exit", done ? "" : "suspend");
      // LMSFinish alone stores everything (Moodle, Chamilo, scorm-again): a commit right before it
      // would make Chamilo add the session time twice. Called directly rather than through pipwerks'
      // quit(), which would commit first.
      const ok = guard("finish", () => api.LMSFinish(""), "false");
      if (ok !== "true") log(`LMSFinish failed: ${errorText()}`);
      notify(!(ok === "true" && allSent()));
      active = false;
      SCORM.connection.isActive = false;
    },
  };
}
