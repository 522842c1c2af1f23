/**
 * Load timings in Debian's Chromium under a slow phone's conditions, the unit against a static page
 * with the same text and no script (staticPage.ts). Absolute times depend on the machine; the
 * ratio unit/static is the figure to quote. Each run gets a fresh browser context (empty cache).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Unit } from "../../src/content/types";
import { LIVE_CARD } from "../support/learner";
import { openLms } from "../support/lms";
import { layoutShift, RECORD_LAYOUT_SHIFT, resumedLaunch } from "../support/layoutShift";
import { allRight } from "../support/unit";

/** Lighthouse's mobile figures ("slow 4G", 4x CPU), applied by DevTools to every request. */
export const PROFILE = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downloadBytesPerSecond: 200_000, // 1.6 Mbps
  uploadBytesPerSecond: 93_750, // 750 kbps
  viewport: { width: 1280, height: 800 },
};
export const PROFILE_TEXT =
  `${PROFILE.cpuSlowdown}x CPU slowdown; ${PROFILE.latencyMs} ms latency, 1.6 Mbps down, 750 kbps up ` +
  `(Lighthouse's mobile profile); files served from 127.0.0.1, uncompressed (and, in a second table, gzipped); fresh context per run`;

/** One page load, in milliseconds from navigation start. */
export interface Sample {
  /** HTML fully received: proves the network profile took effect (at least one round trip). */
  htmlReceived: number;
  firstPaint: number;
  firstContentfulPaint: number;
  /** First `[data-card-id]` in the DOM (the build's HTML has none: hydration gives the cards theirs). */
  firstCardInDom: number;
  /** ... plus the frame it is painted in and the task after it: when the unit's effects have bound interact.js. */
  firstCardDraggable: number;
  /** Main-thread time spent running script and running tasks (CDP Performance.getMetrics). */
  scriptMs: number;
  taskMs: number;
}

export type Figure = Exclude<keyof Sample, "htmlReceived" | "firstCardInDom">;
export const FIGURES: Record<Figure, string> = {
  firstPaint: "first paint",
  firstContentfulPaint: "first contentful paint (text on screen)",
  firstCardDraggable: "first card draggable (static page: card shown)",
  scriptMs: "main-thread script time",
  taskMs: "main-thread task time",
};

/**
 * Runs in the page before any of its own script (and despite its CSP: DevTools injects it). The
 * unit binds interact.js before its cards get data-card-id (UnitView: the commit after hydration);
 * the mark is taken a frame and a task later, so the card is then draggable and drawn so. The
 * static page gets the same mark when its first card is parsed.
 * A string, not a function: tsx would wrap the function's inner arrows in a helper the page lacks.
 */
const MARKS = `(() => {
  const out = {};
  let resolve;
  window.__bench = new Promise((r) => (resolve = r));
  const done = () => {
    if (out.firstCardDraggable !== undefined && out.firstContentfulPaint !== undefined) resolve(out);
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) out[e.name === "first-paint" ? "firstPaint" : "firstContentfulPaint"] = e.startTime;
    done();
  }).observe({ type: "paint", buffered: true });
  const seen = new MutationObserver(() => {
    if (!document.querySelector("[data-card-id]")) return;
    seen.disconnect();
    out.firstCardInDom = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        out.firstCardDraggable = performance.now();
        done();
      }),
    );
  });
  seen.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-card-id"] });
})();`;

/** A page in the context under PROFILE's CPU and network, cache off (same-origin frames included). */
async function throttledPage(context: BrowserContext): Promise<{ page: Page; cdp: Awaited<ReturnType<BrowserContext["newCDPSession"]>> }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PROFILE.latencyMs,
    downloadThroughput: PROFILE.downloadBytesPerSecond,
    uploadThroughput: PROFILE.uploadBytesPerSecond,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PROFILE.cpuSlowdown });
  return { page, cdp };
}

async function loadOnce(browser: Browser, url: string): Promise<Sample> {
  const context = await browser.newContext({ viewport: PROFILE.viewport });
  try {
    const { page, cdp } = await throttledPage(context);
    await cdp.send("Performance.enable");
    await page.addInitScript({ content: MARKS });
    await page.goto(url, { waitUntil: "load" });
    const m = await Promise.race([
      page.evaluate(() => (window as unknown as { __bench: Promise<Record<string, number>> }).__bench),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${url}: no card or no first contentful paint within 30 s`)), 30_000)),
    ]);
    const nav = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseEnd);
    const { metrics } = await cdp.send("Performance.getMetrics");
    const metric = (name: string) => (metrics.find((x) => x.name === name)?.value ?? NaN) * 1000;
    if (nav < PROFILE.latencyMs) throw new Error(`${url}: HTML arrived after ${nav.toFixed(0)} ms, faster than the ${PROFILE.latencyMs} ms latency: network throttling did not take effect`);
    return {
      htmlReceived: nav,
      firstPaint: m.firstPaint ?? m.firstContentfulPaint!,
      firstContentfulPaint: m.firstContentfulPaint!,
      firstCardInDom: m.firstCardInDom!,
      firstCardDraggable: m.firstCardDraggable!,
      scriptMs: metric("ScriptDuration"),
      taskMs: metric("TaskDuration"),
    };
  } finally {
    await context.close();
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export interface Timing {
  profile: string;
  runs: number;
  unit: Record<Figure, number>;
  static: Record<Figure, number>;
  /** unit / static for each figure. */
  ratio: Record<Figure, number>;
  samples: { unit: Sample[]; static: Sample[] };
}

/**
 * `runs` loads of each page, alternating (so a slow spell of the machine hits both), after one
 * load of each that is not counted (the browser's first page pays for starting its processes).
 */
export async function timeLoads(browser: Browser, urls: { unit: string; static: string }, runs: number, progress: (done: number) => void): Promise<Timing> {
  const samples: Timing["samples"] = { unit: [], static: [] };
  for (let i = -1; i < runs; i++) {
    for (const which of ["unit", "static"] as const) {
      const s = await loadOnce(browser, urls[which]);
      if (i >= 0) samples[which].push(s);
    }
    if (i >= 0) progress(i + 1);
  }
  const medians = (list: Sample[]) =>
    Object.fromEntries(Object.keys(FIGURES).map((k) => [k, median(list.map((s) => s[k as Figure]))])) as Record<Figure, number>;
  const unit = medians(samples.unit);
  const stat = medians(samples.static);
  const ratio = Object.fromEntries(Object.keys(FIGURES).map((k) => [k, unit[k as Figure] / stat[k as Figure]])) as Record<Figure, number>;
  return { profile: PROFILE_TEXT, runs, unit, static: stat, ratio, samples };
}

/**
 * A returning learner's launch in the LMS page (Moodle's 650x660 frame) under the same conditions:
 * six cards placed, back at the exercise. The build's HTML is on screen before the script arrives,
 * so restoring the cards could move what the learner sees. Returns the layout shift of each run
 * (the sum of all shifts, at least the CLS), once the exercise has been scrolled into view.
 */
export async function resumedShifts(browser: Browser, lmsUrl: string, unit: Unit, runs: number): Promise<number[]> {
  const launch = resumedLaunch(unit, Object.entries(allRight(unit)).slice(0, 6));
  const shifts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: PROFILE.viewport });
    try {
      const { page } = await throttledPage(context);
      await page.addInitScript({ content: RECORD_LAYOUT_SHIFT });
      await openLms(page, lmsUrl, launch);
      const frame = (await (await page.waitForSelector("#sco")).contentFrame())!;
      await frame.waitForSelector(LIVE_CARD, { timeout: 30_000 });
      await frame.waitForFunction(() => document.getElementById("exercise")!.getBoundingClientRect().top < 200);
      shifts.push(await layoutShift(frame));
    } finally {
      await context.close();
    }
  }
  return shifts;
}
