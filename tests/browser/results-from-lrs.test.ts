/**
 * `npm run results -- --lrs`: three learners play the real xAPI and cmi5 packages in Chromium
 * against the loopback LRS (the cmi5 LMS's), with known answers; the command reads their
 * `answered` statements page by page through `more` and gives exactly the figures those answers
 * imply. An LRS that refuses or cannot be reached gets one line and nothing written.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { xapiActivityId } from "../../src/packaging/tincan";
import type { Figures } from "../../src/results/analyse";
import { launchChromium } from "../support/browser";
import { LEARNER, startCmi5Lms, type Cmi5Lms } from "../support/cmi5Lms";
import { clickPlace, LIVE_CARD } from "../support/learner";
import { finishButton } from "../support/lrsFlows";
import { serveZip, type TestServer } from "../support/server";
import { allRight, allWrong, peerMentoring } from "../support/unit";
import { expectedFor, observed, type PlayedLearner } from "../results/groundTruth";

const unit = peerMentoring();
type Board = Record<string, string>;
const right: Board = allRight(unit);
const wrong: Board = allWrong(unit);
/** The class's usual mistake: two mentor benefits taken for the mentee's, one shared one for the mentor's. */
const mixedUp: Board = { ...right, selvtillid: "mentee", empati: "mentee", "personlig-vaekst": "mentor" };
const rightIn = (board: Board) => unit.cards.filter((c) => c.accept.includes(board[c.id]!)).length;

const BO = { objectType: "Agent", name: "Bo Holm", mbox: "mailto:bo@example.org" };
const CAI = { objectType: "Agent", name: "Cai Berg", mbox: "mailto:cai@example.org" };
/** Who plays what: each attempt (registration) is a list of checks; "Prøv igen" between two checks. */
const plays: { learner: string; package: "cmi5" | "xapi"; actor?: object; registration: string; checks: Board[] }[] = [
  { learner: LEARNER.name, package: "cmi5", registration: "0d6c1a52-1c1e-4c36-9a53-3b8e4b0f7a01", checks: [right] },
  { learner: BO.name, package: "xapi", actor: BO, registration: "0d6c1a52-1c1e-4c36-9a53-3b8e4b0f7a02", checks: [mixedUp, right] },
  { learner: CAI.name, package: "xapi", actor: CAI, registration: "0d6c1a52-1c1e-4c36-9a53-3b8e4b0f7a03", checks: [mixedUp] },
  { learner: CAI.name, package: "xapi", actor: CAI, registration: "0d6c1a52-1c1e-4c36-9a53-3b8e4b0f7a04", checks: [wrong] },
];
const played: PlayedLearner[] = [LEARNER.name, BO.name, CAI.name].map((name) => ({
  name,
  attempts: plays.filter((p) => p.learner === name).map((p, i) => ({ number: i + 1, checks: p.checks })),
}));
const key = unit.cards.map((c) => ({ card_id: c.id, text: c.text, right_zones: c.accept }));

let xapi: TestServer;
let cmi5: TestServer;
let browser: Browser;
let lms: Cmi5Lms;
let out: string;
/** Stored time after the first learner's statements: `--since` it leaves that learner out. */
let afterFirst = "";

/** The command in its own process, without blocking this one (the LRS answers from here). */
const results = (...args: string[]) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/results/cli.ts", ...args, "--out", join(out, "page")], { encoding: "utf8" }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
const credentials = () => Buffer.from(lms.lrs.auth.replace(/^Basic /, ""), "base64").toString("utf8");
const answeredBy = (mbox: string | undefined, registration: string) => () =>
  lms.lrs.statements.filter(
    (s) =>
      String((s.verb as { id: string }).id).endsWith("/answered") &&
      (s.context as { registration?: string }).registration === registration &&
      (mbox === undefined || (s.actor as { mbox?: string }).mbox === mbox),
  ).length;

/** Waits for a state outside a test (expect.poll works only inside one), as long as expect.poll would. */
async function until(state: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 30_000;
  while (!state()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  xapi = await serveZip("dist/peer-mentoring-xapi.zip");
  cmi5 = await serveZip("dist/peer-mentoring-cmi5.zip");
  browser = await launchChromium();
  lms = await startCmi5Lms();
  for (const [n, play] of plays.entries()) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const url =
      play.package === "cmi5"
        ? lms.launch(`${cmi5.url}/pkg/index.html`, { registration: play.registration }).url
        : `${xapi.url}/pkg/index.html?${new URLSearchParams({
            endpoint: lms.lrs.endpoint,
            auth: lms.lrs.auth,
            actor: JSON.stringify(play.actor),
            registration: play.registration,
            // What an LMS that imported tincan.xml passes.
            activity_id: xapiActivityId(unit),
          })}`;
    await page.goto(url);
    await page.waitForSelector(LIVE_CARD);
    for (const [i, board] of play.checks.entries()) {
      if (i > 0) {
        await page.getByRole("button", { name: "Prøv igen" }).click();
        await page.locator('[data-drop-target=""] [data-card]:enabled').nth(unit.cards.length - 1).waitFor();
      }
      // Card, then zone: the way to place a card that needs no drag (the drags are the other tests' subject).
      for (const [card, zone] of Object.entries(board)) await clickPlace(page.mainFrame(), card, zone);
      await page.getByRole("button", { name: "Tjek svar" }).click();
      await page.locator("#result", { hasText: `Du fik ${rightIn(board)} af 15 rigtige` }).waitFor();
    }
    await finishButton(page).click();
    const stored = answeredBy((play.actor as { mbox?: string } | undefined)?.mbox, play.registration);
    await until(() => stored() === play.checks.length, `${play.learner}'s answered statements`);
    await context.close();
    if (n === 0) {
      // Stored times are to the millisecond: wait (on the clock, not a sleep) until the next one differs.
      afterFirst = new Date().toISOString();
      await until(() => new Date().toISOString() > afterFirst, "the next millisecond");
    }
  }
});
afterAll(async () => {
  await browser?.close();
  await lms?.close();
  await xapi?.close();
  await cmi5?.close();
});

describe("results from an LRS", () => {
  const fresh = () => {
    if (out) rmSync(out, { recursive: true, force: true });
    out = mkdtempSync(join(tmpdir(), "results-lrs-"));
  };
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(["highest", "last"] as const)("gives the figures of what the three learners did (%s attempt), reading every page", async (rule) => {
    fresh();
    lms.lrs.setPageSize(2);
    const before = lms.lrs.requests.filter((r) => r.method === "GET" && r.path.endsWith("/statements")).length;
    const r = await results("--lrs", lms.lrs.endpoint, "--auth", credentials(), "--json", "--attempt", rule);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const figures = JSON.parse(r.stdout) as Figures;
    expect(observed(figures)).toEqual(expectedFor(key, unit.zones, played, [], rule));
    expect(figures.source).toBe("lrs");
    expect(figures.unit.lang).toBe("da");
    // Five answered statements, two to a page: three pages, the last one without `more`.
    expect(lms.lrs.requests.filter((q) => q.method === "GET" && q.path.endsWith("/statements")).length - before).toBe(3);
    // Bo was right at his second check only; Cai's counted attempt is the mixed-up one, or the all-wrong last one.
    const selvtillid = figures.cards.find((c) => c.id === "selvtillid")!;
    expect([selvtillid.rightFirst, selvtillid.rightLast]).toEqual([1, 2]);
    expect(figures.distribution[rule === "highest" ? 12 : 0]).toBe(1);
    const html = readFileSync(join(out, "page", readdirSync(join(out, "page"))[0]!), "utf8");
    expect(html).toContain("ud fra LRS’ets besvarelser");
    expect(html).not.toContain("Cai Berg"); // everyone has checked: the page names only those who have not
  });

  it("--since leaves out what was stored before", async () => {
    fresh();
    const r = await results("--lrs", lms.lrs.endpoint, "--auth", credentials(), "--json", "--since", afterFirst);
    expect(r.status).toBe(0);
    const figures = JSON.parse(r.stdout) as Figures;
    expect(observed(figures)).toEqual(expectedFor(key, unit.zones, played.slice(1), [], "highest"));
  });

  const oneLine = async (message: RegExp, ...args: string[]) => {
    fresh();
    const r = await results(...args);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(existsSync(join(out, "page"))).toBe(false);
  };

  it("an LRS that refuses the credentials, one that cannot be reached, or holds nothing yet: one line, nothing written", async () => {
    await oneLine(/^The LRS at http:\/\/127\.0\.0\.1:\d+\/xapi\/ refused the credentials \(401\): check --auth$/, "--lrs", lms.lrs.endpoint, "--auth", "teacher:wrong");
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    await oneLine(
      new RegExp(`^Cannot reach the LRS at http://127\\.0\\.0\\.1:${port}/xapi/ \\(ECONNREFUSED\\): check the address and your connection$`),
      "--lrs",
      `http://127.0.0.1:${port}/xapi/`,
      "--auth",
      credentials(),
    );
    await oneLine(/holds no answered statements for urn:learning-unit:peer-mentoring since 2999-01-01T00:00:00\.000Z: nothing to show yet$/, "--lrs", lms.lrs.endpoint, "--auth", credentials(), "--since", "2999-01-01");
  });
});
