/**
 * The cmi5 AU: the launch steps of cmi5Launch.ts, then the xAPI tracker (xapi.ts: statement queue,
 * State API document, page life cycle) with the cmi5 statement policy. What a learner can act on
 * (no token, LMS unreachable, launched without the cmi5 parameters, a finished session) becomes one
 * sentence, and the unit keeps working in this browser.
 */
import type { Unit } from "../../content/types";
import { lrsStrings } from "../../i18n/lrs";
import { openCmi5Session, parseCmi5Launch, readSession, sessionIdOf, sessionOfStatement, writeSession, type Cmi5Launch, type Cmi5Problem } from "./cmi5Launch";
import { createLocalTracker } from "../local";
import { createLrsClient } from "./lrsClient";
import { cmi5Policy, silentPolicy } from "./statementPolicy";
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
  let inner: Tracker | null = null;
  /** The inner tracker has started: `initialized` is queued, so `terminated` may follow. */
  let ready = false;
  const listeners: ((unsaved: boolean) => void)[] = [];
  let finishedEarly = false;

  const xapiLaunch = (l: Cmi5Launch, auth: string) => ({ endpoint: l.endpoint, auth, actor: l.actor, registration: l.registration, activityId: l.activityId });
  const local = () => createLocalTracker(opts.storage ?? null, `local:${unit.id}:${unit.lang}`);

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
      // A reload after `terminated`: this session may not send again, but the learner sees their work.
      if (opening.problem === "finished" && opening.auth) {
        const kept = readSession(session, launch);
        const tracker = createXapiTracker(xapiLaunch(launch, opening.auth), unit, { ...opts, log, policy: silentPolicy, readOnly: true, keepsLeftover: ofSession(kept?.sessionId ?? null) });
        return { tracker, notice: NOTICE.finished, exitUrl: kept?.returnURL };
      }
      return { tracker: local(), notice: NOTICE[opening.problem] };
    }
    const { launchData } = opening;
    const sessionId = sessionIdOf(launchData);
    // What a reload after `terminated` needs, as it does not read LMS.LaunchData again.
    const kept = readSession(session, launch);
    if (kept) writeSession(session, launch, { ...kept, ...(sessionId ? { sessionId } : {}), ...(launchData.returnURL ? { returnURL: launchData.returnURL } : {}) });
    const mastery = launchData.masteryScore ?? (unit.masteryScore === undefined ? null : unit.masteryScore / 100);
    const scope = { launch, unit, t: lrsStrings(unit.lang), template: launchData.contextTemplate };
    const tracker = createXapiTracker(xapiLaunch(launch, opening.auth), unit, {
      ...opts,
      log,
      policy: cmi5Policy(scope, launchData.launchMode, mastery),
      readOnly: launchData.launchMode !== "Normal",
      keepsLeftover: ofSession(sessionId),
    });
    return { tracker, exitUrl: launchData.returnURL };
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
      const kept = launch ? readSession(session, launch) : null;
      if (launch && kept && !kept.terminated) writeSession(session, launch, { ...kept, terminated: true });
    },
  };
  return self;
}
