/**
 * The built cmi5 zip in Chromium, launched as a cmi5 LMS launches an AU (its own window, the five
 * parameters) against the loopback cmi5 LMS on another origin. Every scenario ends with the rule
 * checker over all stored statements.
 */
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../support/browser";
import { startCmi5Lms, type Cmi5Lms, type LaunchOptions } from "../support/cmi5Lms";
import { clickPlace, dragAll } from "../support/learner";
import { closedThreeSecondsAfterFlow, finishButton, lrsDownFlow, noticeWithinOneRetryFlow, placeAllAndCheck, placementsStoredIn, verbsIn } from "../support/lrsFlows";
import { watchUnsavedNotice } from "../support/unsavedNotice";
import { serveZip, type TestServer } from "../support/server";
import { allRight, allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const ZIP = "dist/peer-mentoring-cmi5.zip";
const RETURN_PAGE = "/lms/course.html";
let server: TestServer;
let browser: Browser;
let lms: Cmi5Lms;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  server = await serveZip(ZIP, { [RETURN_PAGE]: "<!doctype html><title>Course</title><p>Back in the course</p>" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  lms = await startCmi5Lms();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return async () => {
    await context.close();
    await lms.close();
  };
});

const launch = (opts?: LaunchOptions) => lms.launch(`${server.url}/pkg/index.html`, opts);
const verbs = () => verbsIn(lms.lrs)();
const storedPlacements = () => placementsStoredIn(lms.lrs, unit)();
const right = Object.entries(allRight(unit));
const wrong = Object.entries(allWrong(unit));
const open = async (url: string) => {
  await page.goto(url);
  await page.waitForSelector("[data-card-id]");
};
const placedCount = () => page.locator('[data-drop-target]:not([data-drop-target=""]) [data-card]').count();
const notice = () => page.locator(".notice").allInnerTexts();

describe("cmi5 package", () => {
  it("ships cmi5.xml at its root, its own script (no SCORM code) and a CSP that lets it reach the LMS", async () => {
    const zip = await JSZip.loadAsync(readFileSync(ZIP));
    expect(Object.keys(zip.files).sort()).toEqual(["assets/app.css", "assets/app.js", "cmi5.xml", "index.html"]);
    expect(await zip.file("cmi5.xml")!.async("string")).toContain('<au id="urn:learning-unit:peer-mentoring" moveOn="Completed"');
    const js = await zip.file("assets/app.js")!.async("string");
    expect(js).not.toContain("pipwerks");
    expect(js).toContain("LMS.LaunchData");
    expect(await zip.file("index.html")!.async("string")).toContain("connect-src https: http:");
  });

  it("all right with the LMS's mastery score: the exact statements, scaled 1, success true; Afslut goes to returnURL; never says 'not saved'", async () => {
    const notice = await watchUnsavedNotice(page);
    const { url, token } = launch({ masteryScore: 0.8, returnURL: `${server.url}${RETURN_PAGE}` });
    await open(url);
    await placeAllAndCheck(page, right);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "passed"]);
    await finishButton(page).click();
    await page.waitForURL(`${server.url}${RETURN_PAGE}`);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "passed", "terminated"]);
    const passed = lms.lrs.statements[4]!;
    expect(passed.result).toMatchObject({ score: { scaled: 1, raw: 15, min: 0, max: 15 }, success: true });
    expect(lms.problems()).toEqual([]);
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }]);
    expect(JSON.stringify(lms.lrs.statements)).not.toContain(token);
    expect(errors).toEqual([]);
    // Every request was answered: the notice never appeared.
    expect(notice()).toEqual([]);
  });

  it("says 'not saved' when a state write is refused, before any retry, and no longer once the LMS is back", async () => {
    const notice = await watchUnsavedNotice(page);
    await page.clock.install();
    await open(launch().url);
    await dragAll(page, page.mainFrame(), right.slice(0, 2));
    await expect.poll(storedPlacements).toBe(2);
    await expect.poll(verbs).toEqual(["initialized", "experienced"]);
    await noticeWithinOneRetryFlow(page, lms.lrs, right[2]!, notice);
    await expect.poll(storedPlacements).toBe(3);
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("5 cards, the tab closed 3 s after the last one while the LMS drops everything: the next launch in a new browser shows all 5 from the State API", async () => {
    await page.clock.install();
    await open(launch().url);
    await closedThreeSecondsAfterFlow(page, lms.lrs, unit, right.slice(0, 5));
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // nothing local
    try {
      page = await elsewhere.newPage();
      await open(launch().url);
      expect(await placedCount()).toBe(5);
      for (const [card, zone] of right.slice(0, 5)) expect(await page.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    } finally {
      await elsewhere.close();
    }
    // The first session's terminated was dropped with the closing page: the LMS abandons that session.
    expect(lms.problems([lms.sessions[0]!.sessionId])).toEqual([]);
  });

  it("all wrong: failed with scaled 0 when the learner leaves, before terminated", async () => {
    await open(launch({ masteryScore: 0.8 }).url);
    await placeAllAndCheck(page, wrong);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed"]);
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "failed", "terminated"]);
    expect(lms.lrs.statements[4]!.result).toMatchObject({ score: { scaled: 0 }, success: false });
    expect(lms.problems()).toEqual([]);
  });

  it("leave half-way (tab closed), relaunch (new fetch URL, same registration): the placements come back from the State API", async () => {
    await open(launch().url);
    await dragAll(page, page.mainFrame(), right.slice(0, 5));
    await expect.poll(storedPlacements).toBe(5);
    await page.close({ runBeforeUnload: true }); // the learner closes the tab: pagehide sends terminated
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);

    page = await context.newPage();
    await open(launch().url);
    expect(await placedCount()).toBe(5);
    for (const [card, zone] of right.slice(5)) await clickPlace(page.mainFrame(), card, zone);
    await page.getByRole("button", { name: "Tjek svar" }).click();
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated", "initialized", "answered", "completed", "terminated"]);
    expect(lms.fetches.map((f) => f.launch)).toEqual([0, 1]);
    expect(lms.problems()).toEqual([]);
  });

  it.each(["Browse", "Review"] as const)("%s mode: the work shows, a note says nothing is recorded, no completed/passed/failed", async (launchMode) => {
    await open(launch().url);
    await dragAll(page, page.mainFrame(), right.slice(0, 3));
    await expect.poll(storedPlacements).toBe(3);
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);

    page = await context.newPage();
    await open(launch({ launchMode, masteryScore: 0.8 }).url);
    expect(await placedCount()).toBe(3);
    expect(await notice()).toEqual(["Gennemsyn: du kan se og prøve øvelsen, men intet registreres som resultat."]);
    for (const [card, zone] of right.slice(3)) await clickPlace(page.mainFrame(), card, zone);
    await page.getByRole("button", { name: "Tjek svar" }).click();
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated", "initialized", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("with the LRS down for a while after the launch, every statement arrives once it is back, none twice", async () => {
    await lrsDownFlow(page, lms.lrs, {
      url: launch().url,
      placements: right,
      afterLaunch: true,
      beforeFinish: ["initialized", "experienced", "answered", "completed"],
      all: ["initialized", "experienced", "answered", "completed", "terminated"],
    });
    expect(lms.problems()).toEqual([]);
  });

  it("a reload mid-session: no second fetch, no request with the ended session's token; the work goes on in this browser, told once, and the next launch restores and reports it", async () => {
    const notice = await watchUnsavedNotice(page);
    const { url } = launch({ masteryScore: 0.8 });
    await open(url);
    await dragAll(page, page.mainFrame(), right.slice(0, 1));
    await expect.poll(storedPlacements).toBe(1);
    // Every request of the reloaded page, from its first (the old page's own pagehide requests come before) until it is closed.
    const reloaded: string[] = [];
    page.once("framenavigated", () => page.on("request", (r) => reloaded.push(`${r.method()} ${r.url()}`)));
    await page.reload();
    await page.waitForSelector("[data-card-id]");
    expect(await placedCount()).toBe(1);
    expect(await page.locator(".notice").allInnerTexts()).toEqual([
      "Siden blev genindlæst, og LMS’et har allerede afsluttet denne session. Du kan bare fortsætte: dit arbejde gemmes i denne browser og afleveres til LMS’et, næste gang du åbner enheden fra kurset.",
    ]);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
    for (const [card, zone] of right.slice(1)) await clickPlace(page.mainFrame(), card, zone);
    await page.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => page.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    await finishButton(page).click();
    await expect.poll(() => page.locator(".finished").textContent()).toBe("Dine svar er gemt i denne browser. Du kan lukke vinduet nu.");
    const closed = new Promise((done) => page.once("close", done));
    await page.close({ runBeforeUnload: true });
    await closed;
    // Nothing went to the LMS from the reloaded page: not even a read with the ended session's token.
    expect(reloaded.filter((r) => r.includes(new URL(lms.lrs.endpoint).origin))).toEqual([]);
    expect(verbs()).toEqual(["initialized", "experienced", "terminated"]);
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }]);

    // The next launch from the course: new fetch URL, same registration, the same browser.
    page = await context.newPage();
    await page.goto(launch({ masteryScore: 0.8 }).url);
    // Checked: the cards are locked in their zones, with the result.
    await expect.poll(() => page.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    expect(await placedCount()).toBe(15);
    expect(await page.locator(".notice").allInnerTexts()).toEqual([
      "Dit seneste arbejde nåede ikke frem til LMS’et sidste gang; det var gemt i denne browser, er hentet frem her og sendes nu.",
    ]);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated", "initialized", "answered", "completed", "passed"]);
    await expect.poll(storedPlacements).toBe(15);
    await finishButton(page).click();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated", "initialized", "answered", "completed", "passed", "terminated"]);
    const [, second] = lms.sessions.map((x) => x.sessionId);
    const sessionOf = (s: Record<string, unknown>) => (s.context as { extensions: Record<string, unknown> }).extensions["https://w3id.org/xapi/cmi5/context/extensions/sessionid"];
    expect(lms.lrs.statements.slice(3).map(sessionOf)).toEqual([second, second, second, second, second]);
    expect(lms.lrs.statements[4]!.result).toMatchObject({ score: { scaled: 1 } });
    expect(lms.fetches.map((f) => f.launch)).toEqual([0, 1]);
    expect(lms.problems()).toEqual([]);
    expect(notice()).toEqual([]);
  });

  it("opened with the fetch URL already used (e.g. the address copied to another tab): one calm sentence, the unit works in this browser", async () => {
    const { url } = launch();
    await open(url);
    const other = await context.newPage(); // a new tab has its own sessionStorage
    await other.goto(url);
    await other.waitForSelector("[data-card-id]");
    expect(await other.locator(".notice").allInnerTexts()).toEqual([
      "LMS’et gav ikke enheden adgang, så dine svar gemmes kun i denne browser: åbn den igen fra LMS’et.",
    ]);
    await clickPlace(other.mainFrame(), right[0]![0], right[0]![1]);
    const kept = await other.evaluate(() => JSON.parse(localStorage.getItem("local:peer-mentoring:da") ?? "{}").state ?? "");
    expect(kept.length).toBeGreaterThan(5);
    expect(lms.fetches.map((f) => f.answered)).toEqual(["token", "error"]);
  });
});
