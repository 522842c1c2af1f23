/**
 * One SCORM session through pipwerks-scorm-api-wrapper, whatever the version: the order of calls,
 * the local copy of what the LMS has not confirmed (outbox.ts), the commit policy, and the rules of
 * progress.ts. What differs between SCORM 1.2 and 2004 (element names, vocabularies, formats) is a
 * `ScormDialect`: scorm2004.ts is one.
 *
 * Nothing is lost: every change goes first into the local copy, then to the LMS; the copy is
 * dropped only when a commit confirmed everything (or the final call stored it), and is offered
 * again at the next launch.
 */
import { SCORM, debug, type Scorm12Api, type Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import { createCommitPolicy, type Clock } from "./commitPolicy";
import { createOutbox, emptyUnsaved, type InteractionFields, type Unsaved } from "./outbox";
import { mergeRecord, nextRecord, type Check, type LessonStatus, type Recorded } from "./progress";
import type { CardResult } from "../sorting/score";
import type { Launch, Snapshot, Tracker, TrackerKind } from "./tracker";

export type Write = [element: string, value: string];

/** What the LMS tells the SCO at launch, in the shared vocabulary. */
export interface LaunchFacts {
  /** Normal mode with credit: false in review/browse mode or without credit. */
  graded: boolean;
  resumed: boolean;
  savedState: string;
  location: string;
  recorded: Recorded;
  interactionCount: number;
  learnerId: string;
}

/** Everything version-specific: names, formats and the few version rules. */
export interface ScormDialect {
  readonly kind: TrackerKind;
  readonly version: "1.2" | "2004";
  /** The closing call (LMSFinish / Terminate) and the error code, called directly on the API. */
  terminate(api: Scorm12Api | Scorm2004Api): string;
  lastError(api: Scorm12Api | Scorm2004Api): string;
  readLaunch(get: (element: string) => string): LaunchFacts;
  /** Marks a fresh attempt as started (the recorded status is "" or "not attempted"). */
  started: Write[];
  /** The saved state and where the learner is. */
  state(state: string, location: string): Write[];
  /** The score (written before the status: Moodle grades from raw, some LMSs judge a status by the score). */
  score(raw: number): Write[];
  status(status: LessonStatus): Write[];
  /** A check as this LMS judges it (2004: against the LMS's passing score, when it gives one). */
  judge(check: Check): Check;
  interaction(r: CardResult, at: Date, latencySeconds: number): InteractionFields;
  /** Written just before the closing call. `done`: the attempt is finished (completed, passed or failed). */
  leaving(sessionSeconds: number, done: boolean): Write[];
}

export interface ScormOptions {
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
 * another origin). Status and exit are ours to manage: pipwerks would set its own.
 */
function resetPipwerks(api: Scorm12Api | Scorm2004Api, version: "1.2" | "2004"): void {
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

const DONE: LessonStatus[] = ["completed", "passed", "failed"];

export function createScormSession(api: Scorm12Api | Scorm2004Api, dialect: ScormDialect, opts: ScormOptions = {}): Tracker {
  const clock = opts.clock;
  const now = () => (clock ? clock.now() : Date.now());
  const tag = dialect.kind;
  const log = opts.log ?? ((m: string) => console.warn(`[${tag}] ${m}`));
  const startedAt = now();
  const listeners: ((unsaved: boolean) => void)[] = [];
  let active = false;
  let finished = false;
  let graded = true;
  let interactionCount = 0;
  const recorded: Recorded = { status: "", raw: null };
  /** Everything the LMS has not confirmed by a commit; mirrored in the outbox. */
  let unsaved: Unsaved = emptyUnsaved();
  /** Parts of `unsaved` that SetValue has not accepted yet. */
  const unsent = { state: false, record: false, interactions: 0 };
  const outboxKey = (learner: string) => `${tag}-unsaved:${opts.unitKey ?? "unit"}:${learner}`;
  let outbox = createOutbox(opts.storage ?? null, outboxKey("?"));

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
  const set = (element: string, value: string): boolean => {
    if (!active) return false;
    const ok = guard(`set ${element}`, () => SCORM.set(element, value), false);
    if (!ok) log(`SetValue(${element}, ${JSON.stringify(value)}) failed: ${errorText()}`);
    return ok;
  };
  /** Every write, in order, stopping at the first the LMS refuses. */
  const setAll = (writes: Write[]) => writes.every(([element, value]) => set(element, value));

  /** Hands the LMS what it has not accepted yet; what it refuses stays unsent for the next try. */
  const push = () => {
    if (!active || !graded) return;
    if (unsent.state && unsaved.state !== null) {
      unsent.state = !setAll(dialect.state(unsaved.state, unsaved.location ?? ""));
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
        ok = setAll(dialect.score(next.raw));
        if (ok) recorded.raw = next.raw;
      }
      if (ok && next.status !== null) {
        ok = setAll(dialect.status(next.status));
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
    if (!ok) log(`Commit failed: ${errorText()}`);
    if (!ok || !allSent()) return false;
    unsaved = emptyUnsaved();
    outbox.clear();
    return true;
  };

  const policy = createCommitPolicy({ clock, onPending: notify, commit });

  const keep = () => outbox.save(unsaved);

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
        // Keep working from this browser's copy (learner unknown: nothing graded is replayed from it).
        log(`Initialize failed: ${errorText()}`);
        const local = outbox.load();
        if (local) unsaved = { ...local, record: null, interactions: [] };
        notify(true);
        return { graded: true, resumed: !!local?.state, savedState: local?.state ?? "", location: local?.location ?? "" };
      }
      const facts = dialect.readLaunch(get);
      graded = facts.graded;
      Object.assign(recorded, facts.recorded);
      interactionCount = facts.interactionCount;
      const launch: Launch = { graded, resumed: facts.resumed, savedState: facts.savedState, location: facts.location };
      outbox = createOutbox(opts.storage ?? null, outboxKey(facts.learnerId));
      const kept = graded ? outbox.load() : null;
      if (kept) {
        // The last session ended before the LMS confirmed everything: offer it again now.
        log("offering the LMS what the last session could not save");
        unsaved = kept;
        unsent.state = kept.state !== null;
        unsent.record = kept.record !== null;
        unsent.interactions = kept.interactions.length;
        if (kept.state !== null) Object.assign(launch, { savedState: kept.state, resumed: true });
        if (kept.location !== null) launch.location = kept.location;
      }
      if (graded) {
        if (recorded.status === "not attempted" || recorded.status === "") {
          if (setAll(dialect.started)) recorded.status = "incomplete";
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

    record(raw: Check): void {
      if (finished || !graded) return;
      const check = dialect.judge(raw);
      const prev = unsaved.record ?? recorded;
      const next = nextRecord(prev, check);
      unsaved.record = { raw: next.raw ?? prev.raw, status: next.status ?? prev.status };
      unsaved.interactions.push(...check.result.cards.map((r) => dialect.interaction(r, check.at, check.latencySeconds)));
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
      for (const [element, value] of dialect.leaving((now() - startedAt) / 1000, DONE.includes(recorded.status))) set(element, value);
      if (!commit()) log("the last commit was not confirmed; the local copy is kept for the next launch");
      // Called directly rather than through pipwerks' quit(), which skips the closing call when the
      // commit failed: the LMS must hear it exactly once whatever happened before.
      const ok = guard("terminate", () => dialect.terminate(api), "false");
      if (ok !== "true") log(`terminate failed: ${errorText()}`);
      // The closing call stores what the LMS holds (Moodle, scorm-again): if it holds everything, the
      // copy must not be offered again next time (it would add the answers twice).
      else if (allSent()) outbox.clear();
      notify(!(ok === "true" && allSent()));
      active = false;
      SCORM.connection.isActive = false;
    },
  };
}
