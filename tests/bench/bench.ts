/**
 * `npm run bench`: figures, not assertions (tests/packaging/budget.test.ts holds the sizes to their budgets).
 * Builds the unit, then prints and writes to dist/bench.json:
 *   - sizes: each package's zip, and its script and stylesheet raw and gzipped (sizes.ts); the
 *     studio's first load (its page, script and styles) and each part it loads later;
 *   - load timings under a slow phone's conditions, against a static page with the same text and no
 *     script, median of BENCH_RUNS (default 7) runs (timing.ts, staticPage.ts);
 *   - what a scripted full session costs the LMS, SCORM 1.2 and 2004 (session.ts).
 * Runs in about a minute on 2 cores.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { launchChromium } from "../support/browser";
import { serveZip } from "../support/server";
import { peerMentoring } from "../support/unit";
import { fullSession, type Session } from "./session";
import { isBuilt, packageSizes, PACKAGES, studioSizes, type Sizes } from "./sizes";
import { staticPage } from "./staticPage";
import { FIGURES, median, resumedShifts, timeLoads, type Figure, type Timing } from "./timing";

const RUNS = Math.max(7, Number(process.env.BENCH_RUNS) || 7);

// The whole build: the studio is written only with every unit.
execFileSync(process.execPath, ["--import", "tsx", "build.ts"], { stdio: "inherit" });

const sizes: Record<string, Sizes | "not built"> = {};
for (const pkg of PACKAGES) {
  if (!isBuilt(pkg) && pkg.required) throw new Error(`${pkg.dir} is missing after the build`);
  sizes[pkg.name] = isBuilt(pkg) ? packageSizes(pkg) : "not built";
}

const studio = studioSizes();
if (!studio) throw new Error("dist/studio/ is missing after the build");

const STATIC = "/static.html";
const STATIC_TEXT = "the unit's text (reading part, exercise, zones, cards) in the same markup with the same app.css, no script";
const server = await serveZip(PACKAGES[0]!.zip, { [STATIC]: staticPage(peerMentoring(), "/pkg/assets/app.css") });
const gzipServer = await serveZip(PACKAGES[0]!.zip, { [STATIC]: staticPage(peerMentoring(), "/pkg/assets/app.css") }, { compress: true });
const browser = await launchChromium();
const chromium = browser.version();
const server2004 = await serveZip(PACKAGES.find((p) => p.name === "SCORM 2004")!.zip);
let session: Session;
let session2004: Session;
let timing: Timing;
let timingGzip: Timing;
let shifts: number[];
try {
  session = await fullSession(browser, server.url);
  session2004 = await fullSession(browser, server2004.url, "2004");
  process.stdout.write(`timing ${RUNS} loads of the unit and of the static page `);
  timing = await timeLoads(browser, { unit: `${server.url}/pkg/index.html`, static: `${server.url}${STATIC}` }, RUNS, () => process.stdout.write("."));
  process.stdout.write("\ntiming the same, served gzipped ");
  timingGzip = await timeLoads(browser, { unit: `${gzipServer.url}/pkg/index.html`, static: `${gzipServer.url}${STATIC}` }, RUNS, () => process.stdout.write("."));
  process.stdout.write("\ntiming resumed launches ");
  shifts = await resumedShifts(browser, server.url, peerMentoring(), RUNS);
  process.stdout.write("\n\n");
} finally {
  await browser.close();
  await server.close();
  await server2004.close();
  await gzipServer.close();
}

// ---- the table ----
const n = (v: number) => Math.round(v).toLocaleString("en");
const rows: string[][] = [];
const section = (title: string, ...head: string[]) => rows.push([], [title, ...head]);
const row = (label: string, ...cells: string[]) => rows.push([`  ${label}`, ...cells]);

section("Size, bytes", "raw", "gzipped");
for (const [name, s] of Object.entries(sizes)) {
  if (s === "not built") {
    row(`${name} package`, "not built", "");
    continue;
  }
  row(`${name} zip`, s.zip === null ? "not built" : n(s.zip), "");
  row(`${name} app.js`, s.js ? n(s.js.raw) : "not built", s.js ? n(s.js.gzip) : "");
  row(`${name} app.css`, s.css ? n(s.css.raw) : "not built", s.css ? n(s.css.gzip) : "");
}
section("The studio (dist/studio/), bytes", "raw", "gzipped");
row("first load: index.html + studio.js + studio.css", n(studio.firstLoad.raw), n(studio.firstLoad.gzip));
for (const [name, size] of Object.entries(studio.files)) row(`  ${name}`, n(size.raw), n(size.gzip));
// Issue 13's targets: text on screen within 1.1x the static page, a card draggable within 1.5x.
for (const [t, how] of [[timing, "files uncompressed (worst case)"], [timingGzip, "served gzipped, as a compressing web server does"]] as const) {
  section(`Load, ms, median of ${t.runs}, ${how}`, "unit", "static page", "unit/static");
  for (const [key, label] of Object.entries(FIGURES) as [Figure, string][]) {
    // A page without script runs almost none: that ratio means nothing.
    const ratio = key === "scriptMs" ? "-" : `${t.ratio[key].toFixed(2)}x`;
    row(label, n(t.unit[key]), n(t.static[key]), ratio);
  }
}
section(`Layout shift of a resumed launch in Moodle's 650x660 frame, ${RUNS} runs`, "median", "worst");
row("sum of layout shifts (at least the CLS; issue 13: at most 0.05)", median(shifts).toFixed(3), Math.max(...shifts).toFixed(3));
for (const [title, s] of [["SCORM 1.2", session], ["SCORM 2004", session2004]] as const) {
  section(`Full session under scorm-again ${title} (15 drags, check, finish)`, "calls");
  for (const [name, count] of Object.entries(s.calls)) row(name, n(count));
  row("suspend_data with every card placed, characters", n(s.suspendDataChars));
}

const widths: number[] = [];
for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
console.log(`Chromium ${chromium}`);
console.log(`Load conditions: ${timing.profile}`);
console.log(`Static page: ${STATIC_TEXT}`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join("  ").trimEnd());

writeFileSync(
  "dist/bench.json",
  JSON.stringify({ chromium, sizes, studio, gzip: "level 9", timing: { ...timing, staticPage: STATIC_TEXT }, timingGzip, resumedLayoutShift: shifts, session, session2004 }, null, 2) + "\n",
);
console.log("\nwritten to dist/bench.json");
