/**
 * xAPI 1.0.3 through the shared LRS client (lrsClient.ts). Statements go through a persistent queue
 * (statementQueue.ts); the saved state goes to the LRS's State API (the same string SCORM keeps in
 * cmi.suspend_data) and to this browser's copy. As with SCORM (localCopy.ts), the copy is dropped
 * only when a later launch reads back from the State API a document whose sequence number (inside
 * its state string) is at least the copy's; a newer copy is restored and written to the LRS again.
 * When the launch cannot read the state, nothing is written until a read succeeds, and then only
 * if this page's work is newer: a write in the dark could replace the learner's saved progress
 * with less. Copy and queue are keyed by the learner (learnerOf), never shared with another one in
 * the same browser. Credentials from the launch are used only as
 * the Authorization header: never logged, never in a statement, never stored.
 */
import type { Unit } from "../../content/types";
import { lrsStrings } from "../../i18n/lrs";
import { sequenceOf, withSequence } from "../../state/resume";
import { browserClock, type Clock } from "../clock";
import { reconcile, type Verdict } from "../localCopy";
import { openLocalStore, type LocalStore } from "../localStore";
import type { Check, Recorded } from "../progress";
import { createLrsClient, LrsError, lrsFailure } from "./lrsClient";
import { createStatementQueue } from "./statementQueue";
import type { Launch, Snapshot, Tracker } from "../tracker";
import { learnerOf, type XapiLaunch } from "./xapiLaunch";
import { xapiPolicy, type StatementPolicy } from "./statementPolicy";
import type * as build from "./xapiStatements";

const STATE_ID = "progress";

/** What the State API document holds. */
interface StateDocument extends Snapshot {
  recorded: Recorded;
  experienced: boolean;
}

export interface XapiOptions {
  /** Where the statement queue and the state copy live (openLocalStore); memory if not given. */
  store?: LocalStore;
  clock?: Clock;
  log?: (message: string) => void;
  /** Makes statement ids; crypto.randomUUID where the browser has it. */
  uuid?: () => string;
  now?: () => Date;
  fetch?: typeof fetch;
  /** How long the state write waits for more placements. */
  stateDebounceMs?: number;
  /** Which statements to send (default: the xAPI package's). */
  policy?: StatementPolicy;
  /** Read the state, write nothing graded and no state (cmi5 Browse/Review mode). */
  readOnly?: boolean;
  /** Which unsent statements of earlier pages may still go (statementQueue.ts `keeps`). */
  keepsLeftover?: (statement: build.Statement) => boolean;
}

function randomUuid(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function createXapiTracker(launch: XapiLaunch, unit: Unit, opts: XapiOptions = {}): Tracker {
  const clock = opts.clock ?? browserClock;
  const log = opts.log ?? ((m: string) => console.warn(`[xapi] ${m}`));
  const uuid = opts.uuid ?? randomUuid;
  const now = opts.now ?? (() => new Date());
  const store = opts.store ?? openLocalStore("pm-xapi", { noIndexedDb: true, log });
  const startedAt = now().getTime();
  const policy = opts.policy ?? xapiPolicy({ launch, unit, t: lrsStrings(unit.lang) });
  const readOnly = opts.readOnly ?? false;
  const sessionSeconds = () => (now().getTime() - startedAt) / 1000;
  const stamp = (): build.Stamp => ({ id: uuid(), timestamp: now().toISOString() });
  const listeners: ((unsaved: boolean) => void)[] = [];
  let queuePending = false;
  let statePending = false;
  const notify = () => listeners.forEach((l) => l(queuePending || statePending));
  /** During page close the requests must outlive the page (fetch keepalive). */
  let closing = false;
  let finished = false;

  const lrs = createLrsClient({ endpoint: launch.endpoint, auth: launch.auth, fetch: opts.fetch, closing: () => closing });

  // Per learner: with no registration, every learner in this browser would otherwise share one copy.
  const storeKey = `xapi:${launch.activityId}:${learnerOf(launch.actor)}:${launch.registration || "-"}`;
  const queue = createStatementQueue({
    store,
    key: `${storeKey}:statements`,
    keeps: opts.keepsLeftover,
    clock,
    log,
    onPending: (p) => {
      queuePending = p;
      notify();
    },
    send: async (statements) => {
      await lrs.sendStatements({ statements: statements as never });
    },
  });

  let doc: StateDocument = { state: "", location: "", recorded: { status: "", raw: null }, experienced: false };
  /** This browser's copy of the document, kept until a later launch reads back one at least as new. */
  const copyKey = `${storeKey}:state`;
  const keepLocal = () => void store.set(copyKey, { doc });
  const agentParams = { agent: launch.actor as never, activityId: launch.activityId, stateId: STATE_ID, ...(launch.registration ? { registration: launch.registration } : {}) };

  /** What the State API holds, or null when it holds nothing (404). Rejects when it cannot be read. */
  const readRemote = async (): Promise<StateDocument | null> => {
    try {
      const { data } = await lrs.getState(agentParams);
      const parsed = (typeof data === "string" ? JSON.parse(data) : data) as StateDocument;
      return parsed && typeof parsed.state === "string" ? parsed : null;
    } catch (e) {
      if (e instanceof LrsError && e.status === 404) return null;
      throw e;
    }
  };
  /** A document as the shared copy rule (localCopy.ts) sees it. */
  const asCopy = (d: StateDocument) => ({ seq: sequenceOf(d.state), state: d.state, location: d.location, record: d.recorded, interactions: [] });
  const verdictOn = (ours: StateDocument | null, remote: StateDocument | null): Verdict =>
    reconcile(ours && asCopy(ours), { state: remote?.state ?? "", interactionCount: 0, freshAttempt: false });

  /**
   * False while the LRS's state is unknown (the launch read failed): a write then could replace
   * the learner's saved work with less, so the first write reads it again before anything else.
   */
  let remoteKnown = true;
  /** That read found newer work in the LRS: it stays there, this page's work stays in the copy. */
  let remoteNewer = false;

  let stateTimer: unknown = null;
  let stateFailures = 0;
  const writeState = async (): Promise<void> => {
    if (stateTimer !== null) clock.clearTimeout(stateTimer);
    stateTimer = null;
    if (remoteNewer) return;
    try {
      if (!remoteKnown) {
        const remote = await readRemote();
        remoteKnown = true;
        if (remote && verdictOn(doc, remote).use !== "copy") {
          remoteNewer = true;
          log("the LRS holds newer work than this page: it is not overwritten; this page's work stays in this browser");
          notify();
          return;
        }
      }
      const sent = doc;
      await lrs.setState({ ...agentParams, state: sent as never, contentType: "application/json" });
      stateFailures = 0;
      statePending = doc !== sent; // changed while the write was on its way
    } catch (e) {
      stateFailures++;
      statePending = true;
      log(`saving the state failed (${lrsFailure(e)}); retry ${stateFailures}`);
      if (!finished) stateTimer = clock.setTimeout(() => void writeState(), Math.min(60_000, 1_000 * 3 ** Math.min(stateFailures, 4)));
    }
    notify();
  };
  const scheduleState = () => {
    statePending = true;
    if (stateTimer !== null) clock.clearTimeout(stateTimer);
    stateTimer = clock.setTimeout(() => void writeState(), opts.stateDebounceMs ?? 1_500);
  };

  return {
    kind: "xapi",

    onSyncChange(listener) {
      listeners.push(listener);
      listener(queuePending || statePending);
    },

    async start(): Promise<Launch> {
      const kept = await store.get<{ doc: StateDocument }>(copyKey);
      const local = typeof kept?.doc?.state === "string" ? kept.doc : null;
      await queue.load();
      let restoredFromCopy = false;
      try {
        const remote = await readRemote();
        if (remote) doc = { ...doc, ...remote };
        // The same rule as SCORM's: the copy wins only when it is newer than what the LRS gives back.
        // Browse and Review never read a copy (localCopy.ts): they show what the LRS holds.
        const verdict: Verdict = readOnly ? { use: "lms", drop: false } : verdictOn(local, remote);
        if (verdict.use === "copy" && local) {
          log("restoring the newer local copy");
          doc = { ...doc, ...local };
          restoredFromCopy = true;
          scheduleState();
        } else if (verdict.drop) {
          void store.del(copyKey);
        }
      } catch (e) {
        remoteKnown = false;
        log(`reading the state failed (${lrsFailure(e)}); it is read again before anything is written`);
        // The LRS cannot be read now: this browser's copy (never in Browse or Review).
        if (local && !readOnly) doc = { ...doc, ...local };
      }
      const first = policy.initialized(stamp());
      if (first) queue.add(first);
      void queue.flush();
      return { graded: !readOnly, resumed: doc.state !== "", savedState: doc.state, location: doc.location, restoredFromCopy };
    },

    save(snapshot: Snapshot): void {
      if (finished || readOnly) return;
      const seq = sequenceOf(doc.state) + 1;
      doc = { ...doc, ...snapshot, state: withSequence(snapshot.state, seq) };
      if (snapshot.location === "exercise" && !doc.experienced) {
        doc.experienced = true;
        const s = policy.experienced(stamp());
        if (s) queue.add(s);
        void queue.flush();
      }
      keepLocal();
      scheduleState();
    },

    record(check: Check): void {
      if (finished || readOnly) return;
      const { statements, recorded } = policy.checked(check, doc.recorded, stamp, sessionSeconds());
      statements.forEach((s) => queue.add(s));
      doc = { ...doc, recorded };
      keepLocal();
      scheduleState();
      void queue.flush();
    },

    suspend(): void {
      if (finished) return;
      void queue.flush();
      if (statePending) void writeState();
    },

    finish(): void {
      if (finished) return;
      finished = true;
      closing = true;
      policy.finished(stamp, sessionSeconds()).forEach((s) => queue.add(s));
      queue.stop();
      queue.flushNow();
      if (statePending) void writeState();
    },
  };
}
