/**
 * xAPI 1.0.3 through @xapi/xapi: the only importer of it. Statements go through a persistent queue
 * (statementQueue.ts); the saved state goes to the LRS's State API (the same string SCORM keeps in
 * cmi.suspend_data) and to this browser's copy. As with SCORM (localCopy.ts), the copy is dropped
 * only when a later launch reads back from the State API a document whose sequence number (inside
 * its state string) is at least the copy's; a newer copy is restored and written to the LRS again. Credentials from the launch are used only as
 * the Authorization header: never logged, never in a statement, never stored.
 */
import XAPI from "@xapi/xapi";
import type { Unit } from "../content/types";
import { strings } from "../i18n";
import { sequenceOf, withSequence } from "../state/resume";
import { browserClock, type Clock } from "./commitPolicy";
import { reconcile } from "./localCopy";
import { openLocalStore, type LocalStore } from "./localStore";
import { nextRecord, type Check, type Recorded } from "./progress";
import { createStatementQueue } from "./statementQueue";
import type { Launch, Snapshot, Tracker } from "./tracker";
import type { XapiLaunch } from "./xapiLaunch";
import * as build from "./xapiStatements";

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
}

function randomUuid(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

class LrsError extends Error {
  constructor(readonly status: number) {
    super(`LRS answered ${status || "nothing"}`);
  }
}

export function createXapiTracker(launch: XapiLaunch, unit: Unit, opts: XapiOptions = {}): Tracker {
  const clock = opts.clock ?? browserClock;
  const log = opts.log ?? ((m: string) => console.warn(`[xapi] ${m}`));
  const uuid = opts.uuid ?? randomUuid;
  const now = opts.now ?? (() => new Date());
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const store = opts.store ?? openLocalStore("pm-xapi", { noIndexedDb: true, log });
  const startedAt = now().getTime();
  const scope: build.StatementScope = { launch, unit, t: strings(unit.lang) };
  const stamp = (): build.Stamp => ({ id: uuid(), timestamp: now().toISOString() });
  const listeners: ((unsaved: boolean) => void)[] = [];
  let queuePending = false;
  let statePending = false;
  const notify = () => listeners.forEach((l) => l(queuePending || statePending));
  /** During page close the requests must outlive the page (fetch keepalive). */
  let closing = false;
  let finished = false;

  // @xapi/xapi with a fetch adapter: no credentials in URLs, keepalive when the page is closing.
  const lrs = new XAPI({
    endpoint: launch.endpoint,
    auth: launch.auth,
    version: "1.0.3",
    adapter: async ({ url, method, data, headers }) => {
      let response: Response;
      try {
        response = await doFetch(url, {
          method,
          headers,
          body: data === undefined ? undefined : typeof data === "string" ? data : JSON.stringify(data),
          keepalive: closing,
          // The page address holds the launch credentials: never hand it on as a Referer.
          referrerPolicy: "no-referrer",
          // An LRS that hangs must not keep the unit from starting (start() waits for the state).
          ...(typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(10_000) } : {}),
        });
      } catch {
        throw new LrsError(0);
      }
      if (!response.ok) throw new LrsError(response.status);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { data: body as never, headers: Object.fromEntries(response.headers.entries()), status: response.status };
    },
  });

  const storeKey = `xapi:${launch.activityId}:${launch.registration || "-"}`;
  const queue = createStatementQueue({
    store,
    key: `${storeKey}:statements`,
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

  let stateTimer: unknown = null;
  let stateFailures = 0;
  const writeState = async (): Promise<void> => {
    if (stateTimer !== null) clock.clearTimeout(stateTimer);
    stateTimer = null;
    try {
      const sent = doc;
      await lrs.setState({ ...agentParams, state: sent as never, contentType: "application/json" });
      stateFailures = 0;
      statePending = doc !== sent; // changed while the write was on its way
    } catch (e) {
      stateFailures++;
      statePending = true;
      log(`saving the state failed (${e instanceof LrsError ? e.status || "no answer" : "error"}); retry ${stateFailures}`);
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
        let remote: StateDocument | null = null;
        try {
          const { data } = await lrs.getState(agentParams);
          const parsed = (typeof data === "string" ? JSON.parse(data) : data) as StateDocument;
          if (parsed && typeof parsed.state === "string") remote = parsed;
        } catch (e) {
          if (!(e instanceof LrsError && e.status === 404)) throw e;
        }
        if (remote) doc = { ...doc, ...remote };
        // The same rule as SCORM's: the copy wins only when it is newer than what the LRS gives back.
        const copy = local && { seq: sequenceOf(local.state), state: local.state, location: local.location, record: local.recorded, interactions: [] };
        const verdict = reconcile(copy, { state: remote?.state ?? "", interactionCount: 0, freshAttempt: false });
        if (verdict.use === "copy" && local) {
          log("restoring the newer local copy");
          doc = { ...doc, ...local };
          restoredFromCopy = true;
          scheduleState();
        } else if (verdict.drop) {
          void store.del(copyKey);
        }
      } catch (e) {
        log(`reading the state failed (${e instanceof LrsError ? e.status || "no answer" : "error"})`);
        if (local) doc = { ...doc, ...local }; // the LRS cannot be read now: this browser's copy
      }
      queue.add(build.initialized(scope, stamp()));
      void queue.flush();
      return { graded: true, resumed: doc.state !== "", savedState: doc.state, location: doc.location, restoredFromCopy };
    },

    save(snapshot: Snapshot): void {
      if (finished) return;
      const seq = sequenceOf(doc.state) + 1;
      doc = { ...doc, ...snapshot, state: withSequence(snapshot.state, seq) };
      if (snapshot.location === "exercise" && !doc.experienced) {
        doc.experienced = true;
        queue.add(build.experienced(scope, stamp()));
        void queue.flush();
      }
      keepLocal();
      scheduleState();
    },

    record(check: Check): void {
      if (finished) return;
      queue.add(build.answered(scope, stamp(), check.result, check.latencySeconds, check.solutionSeen));
      const next = nextRecord(doc.recorded, check);
      if (next.status !== null) {
        // `completed` once; then `passed`/`failed` whenever the judgement rises (never passed -> failed).
        if (!["completed", "passed", "failed"].includes(doc.recorded.status)) queue.add(build.judged(scope, stamp(), "completed", check.result));
        if (next.status === "passed" || next.status === "failed") queue.add(build.judged(scope, stamp(), next.status, check.result));
      }
      doc = { ...doc, recorded: { raw: next.raw ?? doc.recorded.raw, status: next.status ?? doc.recorded.status } };
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
      queue.add(build.terminated(scope, stamp(), (now().getTime() - startedAt) / 1000));
      queue.stop();
      queue.flushNow();
      if (statePending) void writeState();
    },
  };
}
