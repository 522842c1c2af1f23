/**
 * SCORM 1.2 through pipwerks-scorm-api-wrapper: the only importer of pipwerks.
 * Call order and value formats follow scorm12.md §3.1 and Moodle 4.5's validation (§4.1).
 *
 * Nothing is lost: every change goes first into a local copy (outbox.ts), then to the LMS; the copy
 * is dropped only when an LMSCommit confirmed everything, and is offered again at the next launch.
 *
 * LMS calls of a full session (launch, 15 placements, check, leave), counted by `npm run bench`:
 * LMSInitialize 1; LMSGetValue 9, all at launch; LMSSetValue about 160 (2 per change of the saved
 * state, 8-9 per card and check, 4 for score and status, 2 at leaving): these stay in the LMS's
 * memory; LMSCommit 3 (launch, check, leaving), plus one per 30 s of placing cards; LMSFinish 1.
 */
import { SCORM, debug, type Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { cmiScore, cmiTimespan } from "./cmi";
import { createCommitPolicy, type Clock } from "./commitPolicy";
import { cardInteraction } from "./interactions";
import { createOutbox, emptyUnsaved, type InteractionFields, type Unsaved } from "./outbox";
import { mergeRecord, nextRecord, type Check, type LessonStatus, type Recorded } from "./progress";
import type { Launch, Snapshot, Tracker } from "./tracker";

export interface Scorm12Options {
  /** Where the local copy lives (localStorage in the browser). */
  storage?: Storage | null;
  /** Identifies the unit in local storage, e.g. `peer-mentoring:da`. */
  unitKey?: string;
  clock?: Clock;
  log?: (message: string) => void;
}

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
  const startedAt = now();
  const listeners: ((unsaved: boolean) => void)[] = [];
  let active = false;
  let finished = false;
  let graded = true;
  let interactionCount = 0;
  const recorded: Recorded = { status: "", raw: null };
  /** Everything the LMS has not confirmed by a commit; mirrored in the outbox. */
  let unsaved: Unsaved = emptyUnsaved();
  /** Parts of `unsaved` that LMSSetValue has not accepted yet. */
  const unsent = { state: false, record: false, interactions: 0 };
  let outbox = createOutbox(opts.storage ?? null, `scorm12-unsaved:${opts.unitKey ?? "unit"}:?`);

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
    if (!active || !graded) return;
    if (unsent.state) {
      const a = unsaved.state === null || set("cmi.suspend_data", unsaved.state);
      const b = unsaved.location === null || set("cmi.core.lesson_location", unsaved.location);
      unsent.state = !(a && b);
    }
    const queue = unsaved.interactions;
    while (unsent.interactions > 0) {
      const fields = queue[queue.length - unsent.interactions]!;
      const n = interactionCount;
      // Arrays grow only at index _count (§5.13): a refused id is tried again later at the same index.
      if (!set(`cmi.interactions.${n}.id`, fields[0]![1])) break;
      interactionCount++;
      unsent.interactions--;
      // A refused field of an interaction already opened cannot be written again at this index: set()
      // logs it, and the rest of the record still goes.
      for (const [suffix, value] of fields.slice(1)) set(`cmi.interactions.${n}.${suffix}`, value);
    }
    if (unsent.record && unsaved.record) {
      const next = mergeRecord(recorded, unsaved.record);
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

  const allSent = () => !unsent.state && !unsent.record && unsent.interactions === 0;

  const commit = (): boolean => {
    if (!active) return false;
    push();
    const ok = guard("commit", () => SCORM.save(), false);
    if (!ok) log(`LMSCommit failed: ${errorText()}`);
    if (!ok || !allSent()) return false;
    unsaved = emptyUnsaved();
    outbox.clear();
    return true;
  };

  const policy = createCommitPolicy({ clock, onPending: notify, commit });

  const keep = () => outbox.save(unsaved);

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
        const local = outbox.load();
        if (local) unsaved = { ...local, record: null, interactions: [] };
        notify(true);
        return { graded: true, resumed: !!local?.state, savedState: local?.state ?? "", location: local?.location ?? "" };
      }
      const mode = get("cmi.core.lesson_mode") || "normal";
      // Moodle gives no-credit in review mode; writes then would change a finished attempt (§4.4).
      graded = mode === "normal" && get("cmi.core.credit") !== "no-credit";
      recorded.status = get("cmi.core.lesson_status") as LessonStatus;
      const raw = get("cmi.core.score.raw");
      recorded.raw = raw === "" || Number.isNaN(Number(raw)) ? null : Number(raw);
      interactionCount = Number(get("cmi.interactions._count")) || 0;
      const launch: Launch = {
        graded,
        resumed: get("cmi.core.entry") === "resume",
        savedState: get("cmi.suspend_data"),
        location: get("cmi.core.lesson_location"),
      };
      outbox = createOutbox(opts.storage ?? null, `scorm12-unsaved:${opts.unitKey ?? "unit"}:${get("cmi.core.student_id")}`);
      const kept = graded ? outbox.load() : null;
      if (kept) {
        // The last session ended before the LMS confirmed everything: offer it again now.
        log("offering the LMS what the last session could not save");
        unsaved = kept;
        unsent.state = kept.state !== null || kept.location !== null;
        unsent.record = kept.record !== null;
        unsent.interactions = kept.interactions.length;
        if (kept.state !== null) Object.assign(launch, { savedState: kept.state, resumed: true });
        if (kept.location !== null) launch.location = kept.location;
      }
      if (graded) {
        if (recorded.status === "not attempted" || recorded.status === "") {
          if (set("cmi.core.lesson_status", "incomplete")) recorded.status = "incomplete";
        }
        policy.milestone();
      }
      return launch;
    },

    save({ state, location }: Snapshot): void {
      if (finished || !graded) return;
      unsaved.state = state;
      unsaved.location = location;
      keep();
      unsent.state = true;
      push();
      policy.changed();
    },

    record(check: Check): void {
      if (finished || !graded) return;
      const prev = unsaved.record ?? recorded;
      const next = nextRecord(prev, check);
      unsaved.record = { raw: next.raw ?? prev.raw, status: next.status ?? prev.status };
      unsaved.interactions.push(...check.result.cards.map((r): InteractionFields => cardInteraction(r, check.at, check.latencySeconds)));
      unsent.record = true;
      unsent.interactions += check.result.cards.length;
      keep();
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
      set("cmi.core.session_time", cmiTimespan((now() - startedAt) / 1000));
      const done = recorded.status === "completed" || recorded.status === "passed" || recorded.status === "failed";
      set("cmi.core.exit", done ? "" : "suspend");
      if (!commit()) log("the last commit was not confirmed; the local copy is kept for the next launch");
      // Called directly rather than through pipwerks' quit(), which skips LMSFinish when the commit
      // failed: the LMS must hear LMSFinish exactly once whatever happened before.
      const ok = guard("finish", () => api.LMSFinish(""), "false");
      if (ok !== "true") log(`LMSFinish failed: ${errorText()}`);
      // LMSFinish stores what the LMS holds (Moodle, scorm-again): if it holds everything, the copy
      // must not be offered again next time (it would add the answers twice).
      else if (allSent()) outbox.clear();
      notify(!(ok === "true" && allSent()));
      active = false;
      SCORM.connection.isActive = false;
    },
  };
}
