/** Reading the test LMS page (tests/support/server.ts): what scorm-again holds and which calls it got. */
import type { Page } from "playwright-core";

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

/** Placement commits closer than this to the commit before them break the 30 s throttle (a little room for two clocks). */
const THROTTLE_MS = 30_000 - 50;

/**
 * The commit policy's rule (commitPolicy.ts), read from the calls as they came: besides the commit at
 * launch, at each check and while the page unloads, commits come only from placements, the first of
 * them soon after it, each later one at least 30 s after the commit before it. A slow machine may
 * make more of them than a fast one, never more often. Returns the commits that broke the rule
 * (their index in calls and the gap to the commit before), so an empty list is a pass.
 */
export async function throttleBreaches(page: Page): Promise<{ index: number; gapMs: number }[]> {
  const [calls, stamps] = await Promise.all([lmsCalls(page), lmsCallStamps(page)]);
  const isCommit = (c: Call) => c.name === "LMSCommit" || c.name === "Commit";
  const checkEvents = new Set(calls.flatMap((c, i) => (c.name.endsWith("SetValue") && c.args[0]!.startsWith("cmi.interactions.") ? [stamps[i]!.event] : [])));
  const commits = calls.flatMap((c, i) => (isCommit(c) ? [i] : []));
  const breaches: { index: number; gapMs: number }[] = [];
  let placementCommits = 0;
  commits.forEach((index, n) => {
    const stamp = stamps[index]!;
    if (n === 0 || stamp.unloading || checkEvents.has(stamp.event)) return;
    // The first placement commit follows the first change by a few seconds, not the throttle.
    if (placementCommits++ === 0) return;
    const gapMs = stamp.t - stamps[commits[n - 1]!]!.t;
    if (gapMs < THROTTLE_MS) breaches.push({ index, gapMs });
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
