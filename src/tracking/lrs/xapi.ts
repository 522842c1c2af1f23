/**
 * xAPI 1.0.3 through the shared LRS client (lrsClient.ts). Statements go through a persistent queue
 * (statementQueue.ts); the saved state goes to the LRS's State API (stateWriter.ts: the same string
 * SCORM keeps in cmi.suspend_data) and to this browser's copy (stateDocument.ts). As with SCORM
 * (localCopy.ts), the copy is dropped only when a later launch reads back from the State API a
 * document whose sequence number is at least the copy's; a newer copy is restored and written to
 * the LRS again. When the launch cannot read the state, nothing is written until a read succeeds,
 * and then only if this page's work is newer. Checks kept by a cmi5 page whose session had ended
 * (cmi5Ended.ts) are reported by the next graded launch. Credentials from the launch are used only
 * as the Authorization header: never logged, never in a statement, never stored.
 *
 * The tracker is four steps over one session: launch (read what the LRS and this browser hold),
 * write (a change or a check), flush (the page is hidden) and leave (the page closes).
 */
import type { Unit } from "../../content/types";
import { lrsStrings } from "../../i18n/lrs";
import { sequenceOf, withSequence } from "../../state/resume";
import { browserClock, type Clock } from "../clock";
import { openLocalStore, type LocalStore } from "../localStore";
import type { Check } from "../progress";
import { createLrsClient, LrsError, lrsFailure } from "./lrsClient";
import { createStatementQueue, type StatementQueue } from "./statementQueue";
import {
  documentCopy,
  emptyDocument,
  learnerKey,
  restoreCopy,
  STATE_ID,
  unreportedChecks,
  validDocument,
  verdictOn,
  type DocumentCopy,
  type StateDocument,
  type UnreportedChecks,
} from "./stateDocument";
import { createStateWriter, type StateApi, type StateWriter } from "./stateWriter";
import type { Launch, Snapshot, Tracker } from "../tracker";
import type { XapiLaunch } from "./xapiLaunch";
import { xapiPolicy, type StatementPolicy } from "./statementPolicy";
import type * as build from "./xapiStatements";

export interface XapiOptions {
  /** Where the statement queue and the state copy live (openLocalStore); memory if not given. */
  store?: LocalStore;
  clock?: Clock;
  log?: (message: string) => void;
  /** Makes statement ids; crypto.randomUUID where the browser has it. */
  uuid?: () => string;
  now?: () => Date;
  fetch?: typeof fetch;
  /** How long the state write waits for more placements after the last one. */
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

/**
 * "Not saved" for the learner: the queue or the state writer reports a refusal or no answer. Each
 * source says when that changes; listeners hear only when the sum changes.
 */
function syncStatus() {
  const listeners: ((unsaved: boolean) => void)[] = [];
  const failing = { queue: false, state: false };
  const unsaved = () => failing.queue || failing.state;
  return {
    listen(listener: (unsaved: boolean) => void) {
      listeners.push(listener);
      listener(unsaved());
    },
    set(source: keyof typeof failing, value: boolean) {
      const before = unsaved();
      failing[source] = value;
      if (unsaved() !== before) listeners.forEach((l) => l(unsaved()));
    },
  };
}

/** One launch of the tracker: what every step reads and changes. */
interface Session {
  readOnly: boolean;
  policy: StatementPolicy;
  log: (message: string) => void;
  stamp: () => build.Stamp;
  sessionSeconds: () => number;
  queue: StatementQueue;
  api: StateApi;
  writer: StateWriter;
  copy: DocumentCopy;
  unreported: UnreportedChecks;
  doc: StateDocument;
  finished: boolean;
  /** The last statements, made at Finish, waiting for the document to be written first. */
  last: build.Statement[];
}

/** The State API of this learner's document, through the LRS client. */
function stateApiOf(lrs: ReturnType<typeof createLrsClient>, launch: XapiLaunch): StateApi {
  const params = { agent: launch.actor as never, activityId: launch.activityId, stateId: STATE_ID, ...(launch.registration ? { registration: launch.registration } : {}) };
  return {
    async read() {
      try {
        const { data } = await lrs.getState(params);
        const parsed: unknown = typeof data === "string" ? JSON.parse(data) : data;
        return validDocument(parsed) ? parsed : null;
      } catch (e) {
        if (e instanceof LrsError && e.status === 404) return null;
        throw e;
      }
    },
    async write(doc) {
      await lrs.setState({ ...params, state: doc as never, contentType: "application/json" });
    },
  };
}

/**
 * Launch: this browser's copy against the LRS's document (the newer wins; Browse and Review never
 * read a copy), `initialized`, then the checks an ended cmi5 session kept for this launch.
 */
async function launchStep(s: Session): Promise<Launch> {
  const local = await s.copy.load();
  await s.queue.load();
  let restoredFromCopy = false;
  try {
    const remote = await s.api.read();
    if (remote) s.doc = { ...s.doc, ...remote };
    const verdict = s.readOnly ? { use: "lms" as const, drop: false } : verdictOn(local, remote);
    if (verdict.use === "copy" && local) {
      s.log("restoring the newer local copy");
      s.doc = restoreCopy(remote, local);
      restoredFromCopy = true;
      s.writer.changed();
    } else if (verdict.drop) s.copy.drop();
  } catch (e) {
    s.writer.readFirst();
    s.log(`reading the state failed (${lrsFailure(e)}); it is read again before anything is written`);
    if (local && !s.readOnly) s.doc = { ...s.doc, ...local };
  }
  const first = s.policy.initialized(s.stamp());
  if (first) s.queue.add(first);
  if (!s.readOnly) await reportUnreported(s);
  void s.queue.flush();
  return { graded: !s.readOnly, resumed: s.doc.state !== "", savedState: s.doc.state, location: s.doc.location, restoredFromCopy };
}

/** The checks a cmi5 page made after its session had ended, reported in this session, in order. */
async function reportUnreported(s: Session): Promise<void> {
  const checks = await s.unreported.load();
  if (checks.length === 0) return;
  s.log(`reporting ${checks.length} check(s) made after an earlier session had ended`);
  checks.forEach((check) => recordStep(s, check));
  // Queued statements are kept in the store: the checks are no longer needed.
  s.unreported.drop();
}

/** Write: a change of the learner's work goes to the copy at once and to the LRS after the quiet time. */
function saveStep(s: Session, snapshot: Snapshot): void {
  s.doc = { ...s.doc, ...snapshot, state: withSequence(snapshot.state, sequenceOf(s.doc.state) + 1) };
  if (snapshot.location === "exercise" && !s.doc.experienced) {
    s.doc.experienced = true;
    const statement = s.policy.experienced(s.stamp());
    if (statement) s.queue.add(statement);
    void s.queue.flush();
  }
  s.copy.keep(s.doc);
  s.writer.changed();
}

/**
 * Write: a check's statements go at once, and so does the document with the record the policy keeps
 * (a later launch must know a verdict was sent, or it would send it again). The record raises the
 * sequence number, so a copy holding it wins over an LRS that never got it.
 */
function recordStep(s: Session, check: Check): void {
  const { statements, recorded } = s.policy.checked(check, s.doc.recorded, s.stamp, s.sessionSeconds());
  statements.forEach((statement) => s.queue.add(statement));
  s.doc = { ...s.doc, recorded, state: withSequence(s.doc.state, sequenceOf(s.doc.state) + 1) };
  s.copy.keep(s.doc);
  s.writer.changed();
  s.writer.flush();
  void s.queue.flush();
}

/** Flush: the page is hidden (another tab, a locked phone), and may never come back: what waits goes now. */
function flushStep(s: Session): void {
  void s.queue.flush();
  s.writer.flush();
}

/**
 * Leave: the last statements (`terminated` last), sent so they outlive the page. A document still
 * to be written goes first: a cmi5 LMS refuses everything after `terminated` (CATAPULT: any request
 * with the ended session's token), so the last statements join the queue only once it is answered.
 * When the page is going (hidden: closed, reloaded, navigated away) nothing can wait for an answer,
 * so both go at once; a later call (the page goes after Finish) sends what still waits.
 */
function leaveStep(s: Session, pageGoing: boolean): void {
  s.last = s.policy.finished(s.stamp, s.sessionSeconds());
  s.queue.stop();
  const written = s.writer.close(pageGoing);
  if (pageGoing) sendLast(s);
  else void written.then(() => sendLast(s));
}

/**
 * The last statements into the queue and everything waiting out at once; later calls do nothing. A
 * page that navigates away rejects the promises of its requests still on their way (keepalive lets
 * the requests themselves go on), so sending again then would repeat `terminated`, which a cmi5 LMS
 * refuses.
 */
function sendLast(s: Session): void {
  if (s.last.length === 0) return;
  s.last.forEach((statement) => s.queue.add(statement));
  s.last = [];
  s.queue.flushNow();
}

/**
 * Tells when the page is on its way out (closed, reloaded, navigated away): pagehide, or hidden.
 * Chromium fires pagehide while the page still counts as visible, and the unit's own pagehide
 * listener (boot.tsx) may run before or after this one: both orders end with everything sent.
 */
function watchPageGoing(s: Session): () => boolean {
  let gone = false;
  if (typeof window !== "undefined") {
    window.addEventListener("pagehide", () => {
      gone = true;
      if (!s.finished) return; // finish() follows, and sees the page going
      void s.writer.close(true);
      sendLast(s);
    });
  }
  return () => gone || (typeof document !== "undefined" && document.visibilityState === "hidden");
}

export function createXapiTracker(launch: XapiLaunch, unit: Unit, opts: XapiOptions = {}): Tracker {
  const clock = opts.clock ?? browserClock;
  const log = opts.log ?? ((m: string) => console.warn(`[xapi] ${m}`));
  const uuid = opts.uuid ?? randomUuid;
  const now = opts.now ?? (() => new Date());
  const store = opts.store ?? openLocalStore("pm-xapi", { noIndexedDb: true, log });
  const startedAt = now().getTime();
  const status = syncStatus();
  // Finish comes as the page closes, or shortly before: from then on requests must outlive the page (fetch keepalive).
  const lrs = createLrsClient({ endpoint: launch.endpoint, auth: launch.auth, fetch: opts.fetch, closing: () => s.finished });
  const key = learnerKey(launch);
  const api = stateApiOf(lrs, launch);

  const s: Session = {
    readOnly: opts.readOnly ?? false,
    policy: opts.policy ?? xapiPolicy({ launch, unit, t: lrsStrings(unit.lang) }),
    log,
    stamp: () => ({ id: uuid(), timestamp: now().toISOString() }),
    sessionSeconds: () => (now().getTime() - startedAt) / 1000,
    queue: createStatementQueue({
      store,
      key: `${key}:statements`,
      keeps: opts.keepsLeftover,
      clock,
      log,
      onPending: (failing) => status.set("queue", failing),
      send: async (statements) => {
        await lrs.sendStatements({ statements: statements as never });
      },
    }),
    api,
    writer: createStateWriter({
      api,
      current: () => s.doc,
      remoteIsNewer: (remote) => verdictOn(s.doc, remote).use !== "copy",
      clock,
      log,
      debounceMs: opts.stateDebounceMs ?? 1_500,
      onFailing: (failing) => status.set("state", failing),
    }),
    copy: documentCopy(store, key),
    unreported: unreportedChecks(store, key),
    doc: emptyDocument(),
    finished: false,
    last: [],
  };
  const live = () => !s.finished && !s.readOnly;
  const pageGoing = watchPageGoing(s);

  return {
    kind: "xapi",
    onSyncChange: (listener) => status.listen(listener),
    start: () => launchStep(s),
    save: (snapshot) => void (live() && saveStep(s, snapshot)),
    record: (check) => void (live() && recordStep(s, check)),
    suspend: () => (s.finished ? sendLast(s) : flushStep(s)), // hidden after Finish: what waits goes now
    finish() {
      if (s.finished) return sendLast(s); // the page goes after Finish: what waits goes now
      s.finished = true;
      leaveStep(s, pageGoing());
    },
  };
}
