/** Reading the test LMS page (tests/support/server.ts): what scorm-again holds and which calls it got. */
import type { Page } from "playwright-core";
import { BACKOFF_MS, DEBOUNCE_MS, MAX_WAIT_MS } from "../../src/tracking/scorm/commitPolicy";

export interface Call {
  name: string;
  args: string[];
  result: string;
  /** SCORM 2004 only: the runtime's error code right after the call ("0" = none). */
  error?: string;
}

export interface LmsConfig {
  /** Which runtime the page offers: scorm-again's Scorm12API as `API` (default) or Scorm2004API as `API_1484_11`. */
  version?: "1.2" | "2004";
  cmi?: Record<string, unknown>;
  failCommits?: number;
  noApi?: boolean;
  frameStyle?: Record<string, string>;
  /** This launch follows a new login: the LMS page empties localStorage first, as Moodle does. */
  clearLocalStorage?: boolean;
  /** ILIAS or Chamilo on a bad day: nothing set or committed while the SCO's page closes is stored (server.ts). */
  dropWhileClosing?: boolean;
}

/** Opens the LMS page with this configuration, as a fresh launch of the SCO. */
export async function openLms(page: Page, baseUrl: string, config: LmsConfig = {}): Promise<void> {
  await page.addInitScript((cfg) => {
    (window as unknown as { __lms: unknown }).__lms = cfg;
  }, config);
  await page.goto(`${baseUrl}/lms.html`);
}

/** The whole CMI data model as the runtime holds it, write-only elements included. */
export const lmsData = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { API?: { cmi: unknown }; API_1484_11?: { cmi: unknown } };
    return JSON.parse(JSON.stringify((w.API_1484_11 ?? w.API)!.cmi));
  });

/** What the LMS's server holds: the data model as of the last store it accepted (server.ts). */
export const lmsStored = (page: Page) => page.evaluate(() => (window as unknown as { __stored: Record<string, unknown> }).__stored);

/** The learner's LMS session ends (logged out in another tab, timed out): see server.ts. */
export const endSession = (page: Page) => page.evaluate(() => (window as unknown as { __endSession: () => void }).__endSession());

export const lmsCalls = (page: Page): Promise<Call[]> => page.evaluate(() => (window as unknown as { __calls: Call[] }).__calls);

/** When each call of lmsCalls came, at the same index (server.ts). */
export interface CallStamp {
  t: number;
  event: number;
  unloading: boolean;
}

export const lmsCallStamps = (page: Page): Promise<CallStamp[]> => page.evaluate(() => (window as unknown as { __callStamps: CallStamp[] }).__callStamps);

/** Room for two clocks (the SCO's timer and the LMS page's stamps) in the commit rule. */
const SLACK_MS = 50;

/**
 * The commit policy's rule (commitPolicy.ts), read from the calls as they came: besides the commit at
 * launch, at each check and while the page unloads, a commit either retries a refused one (not
 * sooner than the first backoff) or carries placements (each one a SetValue of cmi.suspend_data):
 * then it comes once the learner has paused DEBOUNCE_MS since the last of them, or MAX_WAIT_MS after
 * the first of them. So a burst of placements is never committed card by card. A slow machine may
 * make more commits than a fast one, never sooner. Returns the commits that broke the rule (their
 * index in calls and why), so an empty list is a pass.
 */
export async function commitRuleBreaches(page: Page): Promise<{ index: number; why: string }[]> {
  const [calls, stamps] = await Promise.all([lmsCalls(page), lmsCallStamps(page)]);
  const isCommit = (c: Call) => c.name === "LMSCommit" || c.name === "Commit";
  const isChange = (c: Call) => c.name.endsWith("SetValue") && c.args[0] === "cmi.suspend_data";
  const checkEvents = new Set(calls.flatMap((c, i) => (c.name.endsWith("SetValue") && c.args[0]!.startsWith("cmi.interactions.") ? [stamps[i]!.event] : [])));
  const breaches: { index: number; why: string }[] = [];
  let previous = -1;
  calls.forEach((call, index) => {
    if (!isCommit(call)) return;
    const stamp = stamps[index]!;
    const before = previous;
    previous = index;
    if (before < 0 || stamp.unloading || checkEvents.has(stamp.event)) return;
    // The commit's own event (the placement's SetValue and a flush can share one) is not a change before it.
    const changes = calls.flatMap((c, i) => (i > before && i < index && isChange(c) && stamps[i]!.event !== stamp.event ? [stamps[i]!.t] : []));
    if (calls[before]!.result !== "true") {
      const gap = stamp.t - stamps[before]!.t;
      if (gap < BACKOFF_MS[0]! - SLACK_MS) breaches.push({ index, why: `retry ${Math.round(gap)} ms after the refused commit` });
      return;
    }
    if (changes.length === 0) return breaches.push({ index, why: "a commit with nothing to carry" }), undefined;
    const pause = stamp.t - changes.at(-1)!;
    const waited = stamp.t - changes[0]!;
    if (pause < DEBOUNCE_MS - SLACK_MS && waited < MAX_WAIT_MS - SLACK_MS) {
      breaches.push({ index, why: `${Math.round(pause)} ms after the last change, ${Math.round(waited)} ms after the first` });
    }
  });
  return breaches;
}

/** Sets whose return value was not "true": should always be empty. */
export const rejectedSets = (calls: Call[]) => calls.filter((c) => c.name === "LMSSetValue" && c.result !== "true");

/**
 * Leaves the SCO the way a learner closing the player does: the frame navigates away (pagehide).
 * Resolves once the blank page has loaded: the SCO's pagehide handlers, and the synchronous LMS
 * calls they make, have all run by then.
 */
export async function leaveSco(page: Page): Promise<void> {
  await page.evaluate(() => {
    (document.getElementById("sco") as HTMLIFrameElement).src = "about:blank";
  });
  await page.waitForFunction(() => {
    const frame = document.getElementById("sco") as HTMLIFrameElement;
    return frame.contentWindow?.location.href === "about:blank" && frame.contentDocument?.readyState === "complete";
  });
}

/** The values the SCO itself sent for an element (the runtime may store its own rewriting of them). */
export const sentValues = (calls: Call[], element: string) =>
  calls.filter((c) => c.name === "LMSSetValue" && c.args[0] === element).map((c) => c.args[1]!);

/**
 * What the LMS hands the next launch of the same attempt after the learner left with exit
 * "suspend": everything stored, entry "resume" (Moodle's rule, scorm12.md §3), no session values.
 */
export function relaunchData(stored: { core: Record<string, unknown> } & Record<string, unknown>) {
  const { exit: _exit, session_time: _session, ...core } = stored.core;
  return { ...stored, core: { ...core, entry: "resume" } };
}

/** The same for SCORM 2004, whose elements sit directly under cmi (scorm12.md §7: entry resume after exit suspend). */
export function relaunchData2004(stored: Record<string, unknown>) {
  const { exit: _exit, session_time: _session, ...rest } = stored;
  return { ...rest, entry: "resume" };
}

/** All LMSSetValue (1.2) or SetValue (2004) calls as [element, value]. */
export const setCalls = (calls: Call[]) =>
  calls.filter((c) => c.name === "LMSSetValue" || c.name === "SetValue").map((c) => [c.args[0]!, c.args[1]!] as [string, string]);

/** SCORM 2004 SetValue calls that failed or left an error code: should always be empty. */
export const failedSets2004 = (calls: Call[]) => calls.filter((c) => c.name === "SetValue" && (c.result !== "true" || c.error !== "0"));

/** What an LMS's server holds, kept on the test's side: it outlives the tab that stored it. */
export interface LmsServer {
  /** The data model as of the last store the server accepted ({} before any). */
  stored: Record<string, unknown>;
}

/**
 * Opens the LMS page as ILIAS or Chamilo on a bad day (scorm12.md §8, §9): whatever the SCO sets or
 * commits while its page closes is lost. The server's copy lives here, so the test can close the
 * whole tab and launch again elsewhere (`nextLaunch`).
 */
export async function openBadDayLms(page: Page, baseUrl: string, config: LmsConfig = {}): Promise<LmsServer> {
  const server: LmsServer = { stored: {} };
  await page.exposeFunction("__serverStores", (snapshot: Record<string, unknown>) => {
    server.stored = snapshot;
  });
  await openLms(page, baseUrl, { ...config, dropWhileClosing: true });
  return server;
}

/**
 * The next launch after a bad day, by ILIAS's rule (scorm12.md §9, and SCORM 2004 RTE 4.2.8 as
 * Moodle's 2004 player applies it): only an attempt whose server holds exit "suspend" resumes, with
 * everything stored and entry "resume"; any other starts a new attempt (entry ab-initio, no
 * suspend_data), keeping only who the learner is.
 */
export function nextLaunch(stored: Record<string, unknown>, version: "1.2" | "2004"): Record<string, unknown> {
  if (version === "1.2") {
    const core = (stored.core ?? {}) as Record<string, unknown>;
    return core.exit === "suspend" ? relaunchData(stored as never) : { core: { student_id: core.student_id, entry: "ab-initio" } };
  }
  return stored.exit === "suspend" ? relaunchData2004(stored) : { learner_id: stored.learner_id, entry: "ab-initio" };
}
