/**
 * The cmi5 AU: the launch steps of cmi5Launch.ts, then the xAPI tracker (xapi.ts: statement queue,
 * State API document, page life cycle) with the cmi5 statement policy. What a learner can act on
 * (no token, LMS unreachable, launched without the cmi5 parameters) becomes one sentence, and the
 * unit keeps working in this browser. A reload after `terminated` keeps the learner's work for the
 * next launch (cmi5Ended.ts), and says so.
 */
import type { Unit } from "../../content/types";
import { lrsStrings } from "../../i18n/lrs";
import { createEndedSessionTracker } from "./cmi5Ended";
import { openCmi5Session, parseCmi5Launch, readSession, sessionIdOf, sessionOfStatement, writeSession, type Cmi5Launch, type Cmi5Problem, type SessionRecord } from "./cmi5Launch";
import { openLocalStore } from "../localStore";
import { createLocalTracker } from "../local";
import { createLrsClient } from "./lrsClient";
import { cmi5Policy } from "./statementPolicy";
import type { Launch, LaunchNotice, Snapshot, Tracker } from "../tracker";
import { createXapiTracker, type XapiOptions } from "./xapi";
import type { Check } from "../progress";

export interface Cmi5Options extends XapiOptions {
  /** This tab's sessionStorage: where the auth token waits for a reload. */
  session?: Storage | null;
  /** localStorage, for the local tracker a launch falls back to. */
  storage?: Storage | null;
}

const NOTICE: Record<Cmi5Problem, LaunchNotice> = {
  noLaunch: "cmi5NoLaunch",
  noToken: "cmi5NoToken",
  unreachable: "cmi5Unreachable",
  finished: "cmi5Finished",
};

/**
 * Statements of another session must not go with this session's token, after its `initialized`
 * (cmi5 §9.3.1, §9.3.8): an earlier session's leftovers are dropped. null: the session is unknown (a
 * record from before sessions were kept), so nothing is dropped.
 */
const ofSession = (sessionId: string | null) => (sessionId === null ? undefined : (s: { context?: unknown }) => sessionOfStatement(s) === sessionId);

/** The tracker of a launch that carries cmi5 parameters (complete or not: the entry decides it is one). */
export function createCmi5Tracker(search: string, unit: Unit, opts: Cmi5Options = {}): Tracker {
  const log = opts.log ?? ((m: string) => console.warn(`[cmi5] ${m}`));
  const session = opts.session ?? null;
  const launch = parseCmi5Launch(search);
  const store = opts.store ?? openLocalStore("pm-xapi", { noIndexedDb: true, log });
  let inner: Tracker | null = null;
  /** The inner tracker has started: `initialized` is queued, so `terminated` may follow. */
  let ready = false;
  const listeners: ((unsaved: boolean) => void)[] = [];
  let finishedEarly = false;

  const xapiLaunch = (l: Cmi5Launch, auth: string) => ({ endpoint: l.endpoint, auth, actor: l.actor, registration: l.registration, activityId: l.activityId });
  const local = () => createLocalTracker(opts.storage ?? null, `local:${unit.id}:${unit.lang}`);

  /** The launch steps, then the tracker they lead to: the LRS's, an ended session's, or this browser's. */
  async function open(): Promise<{ tracker: Tracker; notice?: LaunchNotice; exitUrl?: string }> {
    if (!launch) return { tracker: local(), notice: NOTICE.noLaunch };
    const opening = await openCmi5Session(launch, {
      session,
      fetch: opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a)),
      documents: (auth) => createLrsClient({ endpoint: launch.endpoint, auth, fetch: opts.fetch }),
      log,
      lang: unit.lang,
    });
    if (!opening.ok) {
      if (opening.problem === "finished") return ended(launch);
      return { tracker: local(), notice: NOTICE[opening.problem] };
    }
    const { launchData } = opening;
    const sessionId = sessionIdOf(launchData);
    // What a reload after `terminated` needs, as it does not read LMS.LaunchData again.
    remember({ ...(sessionId ? { sessionId } : {}), ...(launchData.returnURL ? { returnURL: launchData.returnURL } : {}) });
    const mastery = launchData.masteryScore ?? (unit.masteryScore === undefined ? null : unit.masteryScore / 100);
    const scope = { launch, unit, t: lrsStrings(unit.lang), template: launchData.contextTemplate };
    const tracker = createXapiTracker(xapiLaunch(launch, opening.auth), unit, {
      ...opts,
      store,
      log,
      policy: cmi5Policy(scope, launchData.launchMode, mastery),
      readOnly: launchData.launchMode !== "Normal",
      keepsLeftover: ofSession(sessionId),
    });
    return { tracker, exitUrl: launchData.returnURL };
  }

  /** A reload after `terminated`: nothing more for that session; the learner's work waits here for the next launch. */
  function ended(l: Cmi5Launch): { tracker: Tracker; notice: LaunchNotice; exitUrl?: string } {
    const kept = readSession(session, l);
    const launched = kept?.launched ?? null;
    return {
      tracker: createEndedSessionTracker(l, store, launched),
      notice: launched?.graded === false ? "cmi5FinishedNotGraded" : NOTICE.finished,
      exitUrl: kept?.returnURL,
    };
  }

  /** Adds to this tab's record of the launch (cmi5Launch.ts). */
  function remember(facts: Partial<SessionRecord>): void {
    const kept = launch ? readSession(session, launch) : null;
    if (launch && kept) writeSession(session, launch, { ...kept, ...facts });
  }

  const self: Tracker = {
    get kind() {
      return inner?.kind === "local" ? "local" : "cmi5";
    },

    onSyncChange(listener) {
      listeners.push(listener);
      if (inner) inner.onSyncChange(listener);
      else listener(false);
    },

    async start(): Promise<Launch> {
      const { tracker, notice, exitUrl } = await open();
      inner = tracker;
      listeners.forEach((l) => tracker.onSyncChange(l));
      const started = await tracker.start();
      if (!notice) remember({ launched: { state: started.savedState, location: started.location, graded: started.graded } });
      ready = true;
      if (finishedEarly) self.finish();
      return { ...started, ...(notice ? { notice: { id: notice, text: lrsStrings(unit.lang)[notice] } } : {}), ...(exitUrl ? { exitUrl } : {}) };
    },

    save: (snapshot: Snapshot) => inner?.save(snapshot),
    record: (check: Check) => inner?.record(check),
    suspend: () => inner?.suspend(),

    finish(): void {
      if (!inner || !ready) {
        finishedEarly = true; // the page closes before the launch steps are done: terminated must follow initialized
        return;
      }
      inner.finish();
      // The session has ended: a reload of this tab must not start another with the same token.
      remember({ terminated: true });
    },
  };
  return self;
}
