/**
 * Learner flows the xAPI and cmi5 browser tests share: the packages differ in how they are
 * launched and in the statements they send, not in what the learner does.
 */
import { expect } from "vitest";
import type { Page } from "playwright-core";
import type { Unit } from "../../src/content/types";
import { decodeState } from "../../src/state/resume";
import type { TestLrs } from "./lrs";
import { clickPlace, dragAll } from "./learner";
import type { Sighting } from "./unsavedNotice";

export const verbsIn = (lrs: TestLrs) => () => lrs.statements.map((s) => String((s.verb as { id: string }).id).split("/").pop());

/** How many placements the State API holds: the most any stored state document decodes to. */
export const placementsStoredIn = (lrs: TestLrs, unit: Unit) => () =>
  Math.max(0, ...[...lrs.states.values()].map((d) => Object.keys(decodeState(unit, JSON.parse(d).state ?? "").attempt.placements).length));

/** Places every card (pointer drags, as a learner does) and checks. */
export async function placeAllAndCheck(page: Page, placements: [string, string][]): Promise<void> {
  await dragAll(page, page.mainFrame(), placements);
  await page.getByRole("button", { name: "Tjek svar" }).click();
}

/** "Afslut" once checked, "Gem og afslut" before. */
export const finishButton = (page: Page) => page.getByRole("button", { name: /^(Gem og afslut|Afslut)$/ });

export interface LrsDownFlow {
  url: string;
  placements: [string, string][];
  /**
   * Down only once `initialized` is stored (a cmi5 AU cannot start without reading LMS.LaunchData);
   * otherwise down from the first request.
   */
  afterLaunch?: boolean;
  /** The verbs the package sends before the finish button, and all of them after it. */
  beforeFinish: string[];
  all: string[];
}

/**
 * The LRS down for a while: the learner sees "not saved", works on, and every statement arrives
 * once the LRS is back, none twice. The page's clock runs as usual, but the test jumps it to the
 * next retry once the LRS is back: how many requests failed does not decide how long it waits.
 */
export async function lrsDownFlow(page: Page, lrs: TestLrs, o: LrsDownFlow): Promise<void> {
  const verbs = verbsIn(lrs);
  const saving = () => page.locator(".saving").count();
  await page.clock.install();
  if (!o.afterLaunch) lrs.failNext(1e9);
  await page.goto(o.url);
  await page.waitForSelector("[data-card-id]");
  const storedBefore = o.afterLaunch ? ["initialized"] : [];
  if (o.afterLaunch) {
    await expect.poll(verbs).toEqual(storedBefore);
    lrs.failNext(1e9);
  } else await expect.poll(saving).toBe(1);
  await placeAllAndCheck(page, o.placements);
  await expect.poll(() => page.locator("#result").textContent()).toBe(`Du fik ${o.placements.length} af ${o.placements.length} rigtige`);
  await expect.poll(saving).toBe(1);
  expect(verbs()).toEqual(storedBefore);

  lrs.failNext(0);
  // Each poll jumps the clock past the longest backoff: the retries due run, until every statement
  // is in and the notice is gone, however many rounds a busy machine needs.
  await expect
    .poll(async () => {
      await page.clock.fastForward(60_000);
      return [verbs(), await saving()];
    })
    .toEqual([o.beforeFinish, 0]);
  await finishButton(page).click();
  await expect.poll(verbs).toEqual(o.all);
  expect(lrs.posts.some((p) => p.status === 503)).toBe(true);
}

/** The page's clock paused `ms` after its present time: timers due meanwhile have run, no later one will. */
export async function pauseClockAfter(page: Page, ms: number): Promise<void> {
  const now = await page.evaluate(() => Date.now());
  await page.clock.pauseAt(now + ms);
}

/** State API writes that reached the LRS. */
const stateWrites = (lrs: TestLrs) => lrs.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/activities/state")).length;

/**
 * The LRS stops answering once the learner is working: the notice appears when the first state
 * write is refused, before any retry (the page's clock is paused, so no retry can run), and goes
 * once the LRS is back and the retry went through. The page must have been opened with
 * `page.clock.install()` and `watchUnsavedNotice` before it.
 */
export async function noticeWithinOneRetryFlow(page: Page, lrs: TestLrs, card: [string, string], notice: () => Sighting[]): Promise<void> {
  const saving = () => page.locator(".saving").count();
  // Paused a little ahead of the page's present (pauseAt cannot go back), with nothing due meanwhile.
  await pauseClockAfter(page, 5_000);
  lrs.failNext(1e9);
  const before = stateWrites(lrs);
  await clickPlace(page.mainFrame(), card[0], card[1]);
  await page.clock.runFor(1_500); // the quiet time after the placement: the write goes, and is refused
  await expect.poll(saving).toBe(1);
  expect(stateWrites(lrs) - before).toBe(1);
  lrs.failNext(0);
  await page.clock.runFor(3_000); // the first retry
  await expect.poll(saving).toBe(0);
  expect(stateWrites(lrs) - before).toBe(2);
  expect(notice().map((s) => s.shown)).toEqual([true, false]);
}

/**
 * Issue 18: 5 cards placed, the tab closed 3 s after the last one, with an LRS that drops everything
 * sent while the page closes. The page's clock is paused 3 s after the last card: only what the
 * unit wrote in those 3 s can be in the LRS. Returns once the tab is closed and the LRS is back.
 */
export async function closedThreeSecondsAfterFlow(page: Page, lrs: TestLrs, unit: Unit, placements: [string, string][]): Promise<void> {
  await dragAll(page, page.mainFrame(), placements);
  await pauseClockAfter(page, 3_000);
  await expect.poll(placementsStoredIn(lrs, unit)).toBe(placements.length);
  lrs.failNext(1e9);
  const closed = new Promise((done) => page.once("close", done));
  await page.close({ runBeforeUnload: true });
  await closed;
  lrs.failNext(0);
}
