/**
 * xAPI 1.0.3 through @xapi/xapi: the only importer of it. Statements go through a persistent queue
 * (statementQueue.ts); the saved state goes to the LRS's State API (the same string SCORM keeps in
 * cmi.suspend_data) and to this browser as a fallback. Credentials from the launch are used only as
 * the Authorization header: never logged, never in a statement, never stored.
 */
import XAPI from "@xapi/xapi";
import type { Unit } from "../content/types";
import { strings } from "../i18n";
import { browserClock, type Clock } from "./commitPolicy";
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
  storage?: Storage | null;
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
  const storage = opts.storage ?? null;
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
    storage,
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
  /** This browser's copy of the state; `unsynced` while the LRS has not confirmed it. */
  const keepLocal = (unsynced: boolean) => {
    try {
      storage?.setItem(`${storeKey}:state`, JSON.stringify({ doc, unsynced }));
    } catch {
      /* storage refused */
    }
  };
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
      if (!statePending) keepLocal(false);
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
      let local: { doc: StateDocument; unsynced: boolean } | null = null;
      try {
        local = JSON.parse(storage?.getItem(`${storeKey}:state`) ?? "null");
        if (typeof local?.doc?.state !== "string") local = null;
      } catch {
        local = null;
      }
      if (local?.unsynced) {
        // The last page changed the state and the LRS never confirmed it: this copy is the newest.
        doc = { ...doc, ...local.doc };
        scheduleState();
      } else {
        try {
          const { data } = await lrs.getState(agentParams);
          const remote = (typeof data === "string" ? JSON.parse(data) : data) as StateDocument;
          if (remote && typeof remote.state === "string") doc = { ...doc, ...remote };
        } catch (e) {
          if (!(e instanceof LrsError && e.status === 404)) log(`reading the state failed (${e instanceof LrsError ? e.status || "no answer" : "error"})`);
          if (local) doc = { ...doc, ...local.doc }; // the LRS cannot be read now: the last confirmed copy
        }
      }
      queue.add(build.initialized(scope, stamp()));
      void queue.flush();
      return { graded: true, resumed: doc.state !== "", savedState: doc.state, location: doc.location };
    },

    save(snapshot: Snapshot): void {
      if (finished) return;
      doc = { ...doc, ...snapshot };
      if (snapshot.location === "exercise" && !doc.experienced) {
        doc.experienced = true;
        queue.add(build.experienced(scope, stamp()));
        void queue.flush();
      }
      keepLocal(true);
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
      keepLocal(true);
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
