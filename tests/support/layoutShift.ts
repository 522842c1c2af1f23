/**
 * The page's layout shift, as Chromium reports it ("layout-shift" entries): the sum of every shift
 * not caused by the learner's input, in each frame. CLS takes the worst window of shifts; the sum of
 * all of them is at least that, so a sum within a limit keeps CLS within it.
 */
import type { Frame, Page } from "playwright-core";
import type { Unit } from "../../src/content/types";
import { freshAttempt } from "../../src/sorting/attempt";
import { encodeState } from "../../src/state/resume";
import type { LmsConfig } from "./lms";

/** Init script (every frame, before the page's own script). A string: tsx would wrap a function's inner arrows in a helper the page lacks. */
export const RECORD_LAYOUT_SHIFT = `(() => {
  window.__layoutShift = 0;
  const add = (entries) => {
    for (const e of entries) if (!e.hadRecentInput) window.__layoutShift += e.value;
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ type: "layout-shift", buffered: true });
  // Entries reported but not yet handed to the callback (it runs as an idle task) count too.
  window.__readLayoutShift = () => (add(observer.takeRecords()), window.__layoutShift);
})();`;

/** The shift recorded so far in the frame, after two more frames have been drawn (a shift is reported after its frame). */
export const layoutShift = (frame: Frame): Promise<number> =>
  frame.evaluate(`new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(window.__readLayoutShift())))))`);

/**
 * A returning learner's launch: `placed` cards in their zones and the exercise where they left
 * off, as the LMS hands it back (entry "resume", lesson_location, suspend_data).
 */
export function resumedLaunch(unit: Unit, placed: [string, string][]): LmsConfig {
  const attempt = { ...freshAttempt(), placements: Object.fromEntries(placed) };
  return {
    cmi: { core: { entry: "resume", lesson_status: "incomplete", lesson_location: "exercise" }, suspend_data: encodeState(unit, attempt) },
  };
}

/**
 * Holds the package's script until the launch page's own HTML is on screen in the SCO's frame
 * (first contentful paint), as on a slow connection: what the script then changes is a visible
 * change, and counts as a shift. Call before opening the page; `painted` returns the unit's frame
 * (the SCO's in the LMS page, or the one given) once painted, and lets the script come.
 */
export async function scriptAfterFirstPaint(page: Page): Promise<{ painted: (unitFrame?: Frame) => Promise<Frame> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/pkg/assets/app.js", async (route) => {
    await held;
    await route.continue();
  });
  return {
    painted: async (unitFrame) => {
      const frame = unitFrame ?? (await (await page.waitForSelector("#sco")).contentFrame())!;
      await frame.waitForFunction(() => performance.getEntriesByType("paint").some((e) => e.name === "first-contentful-paint"));
      release();
      return frame;
    },
  };
}
