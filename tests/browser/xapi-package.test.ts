/**
 * The built xAPI zip in Chromium, launched the common way (endpoint, auth, actor, registration,
 * activity_id in the query string) against a loopback LRS on another origin.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import validate from "xapi-validation";
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { launchChromium } from "../support/browser";
import { dragAll } from "../support/learner";
import { closedThreeSecondsAfterFlow, lrsDownFlow, noticeWithinOneRetryFlow, placementsStoredIn, verbsIn } from "../support/lrsFlows";
import { watchUnsavedNotice } from "../support/unsavedNotice";
import { startLrs, type TestLrs } from "../support/lrs";
import { serveZip, type TestServer } from "../support/server";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const ZIP = "dist/peer-mentoring-xapi.zip";
let server: TestServer;
let browser: Browser;
let lrs: TestLrs;
let page: Page;
const registration = "7f8b3c2a-1d4e-4f6a-9b8c-0d1e2f3a4b5c";
const actor = { objectType: "Agent", name: "Anna", mbox: "mailto:anna@example.org" };
const activityId = "https://lms.example.org/xapi/activities/peer-mentoring";

beforeAll(async () => {
  server = await serveZip(ZIP);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  lrs = await startLrs();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return () => lrs.close();
});

const launchUrl = () =>
  `${server.url}/pkg/index.html?${new URLSearchParams({
    endpoint: lrs.endpoint,
    auth: lrs.auth,
    actor: JSON.stringify(actor),
    registration,
    activity_id: activityId,
  })}`;
const verbs = () => verbsIn(lrs)();
const right = Object.entries(allRight(unit));

describe("xAPI package", () => {
  it("ships tincan.xml and no SCORM code; the SCORM zip ships no xAPI code", async () => {
    const zip = await JSZip.loadAsync(readFileSync(ZIP));
    expect(Object.keys(zip.files).sort()).toEqual(["assets/app.css", "assets/app.js", "index.html", "tincan.xml"]);
    const tincan = await zip.file("tincan.xml")!.async("string");
    expect(tincan).toContain('<activity id="urn:learning-unit:peer-mentoring"');
    expect(tincan).toContain('<name lang="da">Peer Mentoring</name>');
    expect(tincan).toContain('<launch lang="da">index.html</launch>');
    const xapiJs = await zip.file("assets/app.js")!.async("string");
    expect(xapiJs).not.toContain("pipwerks");
    expect(xapiJs).not.toContain("SCORM.API");
    const scormJs = readFileSync("dist/peer-mentoring/assets/app.js", "utf8");
    expect(scormJs).not.toContain("X-Experience-API-Version");
    expect(scormJs).not.toContain("activities/state");
  });

  it("sends valid statements, restores placements from the State API after a reload, and reports the result; never says 'not saved'", async () => {
    const notice = await watchUnsavedNotice(page);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // The first State API read is a 404 (no state yet), which Chromium logs as a failed resource.
    page.on("console", (m) => m.type() === "error" && !/status of 404/.test(m.text()) && errors.push(m.text()));
    await page.goto(launchUrl());
    await page.waitForSelector("[data-card-id]");
    await dragAll(page, page.mainFrame(), right.slice(0, 5));
    await expect.poll(placementsStoredIn(lrs, unit)).toBe(5);

    await page.reload();
    await page.waitForSelector("[data-card-id]");
    for (const [card, zone] of right.slice(0, 5)) expect(await page.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);

    await dragAll(page, page.mainFrame(), right.slice(5));
    await page.getByRole("button", { name: "Tjek svar" }).click();
    await page.getByRole("button", { name: "Afslut", exact: true }).click();
    await expect
      .poll(verbs)
      .toEqual(["initialized", "experienced", "terminated", "initialized", "answered", "completed", "terminated"]);

    for (const s of lrs.statements) {
      expect(validate(s)).toEqual([]);
      expect(s.actor).toEqual(actor);
      expect((s.context as { registration: string }).registration).toBe(registration);
    }
    const answered = lrs.statements.find((s) => String((s.verb as { id: string }).id).endsWith("answered"))!;
    const def = (answered.object as { definition: { source: unknown[]; target: unknown[] } }).definition;
    expect(def.source).toHaveLength(15);
    expect(def.target).toHaveLength(3);
    expect((answered.result as { score: { scaled: number } }).score.scaled).toBe(1);
    expect(JSON.stringify(lrs.statements)).not.toContain(lrs.auth);
    expect(errors).toEqual([]);
    // Every request was answered: the notice never appeared, before or after the reload.
    expect(notice()).toEqual([]);
  });

  it("says 'not saved' when a state write is refused, before any retry, and no longer once the LRS is back", async () => {
    const notice = await watchUnsavedNotice(page);
    await page.clock.install();
    await page.goto(launchUrl());
    await page.waitForSelector("[data-card-id]");
    await dragAll(page, page.mainFrame(), right.slice(0, 2));
    await expect.poll(placementsStoredIn(lrs, unit)).toBe(2);
    await expect.poll(verbs).toEqual(["initialized", "experienced"]);
    await noticeWithinOneRetryFlow(page, lrs, right[2]!, notice);
    await expect.poll(placementsStoredIn(lrs, unit)).toBe(3);
  });

  it("5 cards, the tab closed 3 s after the last one while the LRS drops everything: a new browser shows all 5 from the State API", async () => {
    await page.clock.install();
    await page.goto(launchUrl());
    await page.waitForSelector("[data-card-id]");
    await closedThreeSecondsAfterFlow(page, lrs, unit, right.slice(0, 5));
    const elsewhere = await browser.newContext({ viewport: { width: 1280, height: 900 } }); // nothing local
    try {
      page = await elsewhere.newPage();
      await page.goto(launchUrl());
      await page.waitForSelector("[data-card-id]");
      for (const [card, zone] of right.slice(0, 5)) await expect.poll(() => page.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
      expect(await page.locator('[data-drop-target]:not([data-drop-target=""]) [data-card]').count()).toBe(5);
    } finally {
      await elsewhere.close();
    }
  });

  it("a card placed and the tab closed at once: the state waiting for its quiet time and terminated both go as the page closes", async () => {
    await page.goto(launchUrl());
    await page.waitForSelector("[data-card-id]");
    await dragAll(page, page.mainFrame(), right.slice(0, 2));
    await expect.poll(placementsStoredIn(lrs, unit)).toBe(2);
    await dragAll(page, page.mainFrame(), right.slice(2, 3));
    await page.close({ runBeforeUnload: true });
    await expect.poll(placementsStoredIn(lrs, unit)).toBe(3);
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
  });

  it("with the LRS down for a while, every statement arrives once it is back, none twice", async () => {
    await lrsDownFlow(page, lrs, {
      url: launchUrl(),
      placements: right,
      beforeFinish: ["initialized", "experienced", "answered", "completed"],
      all: ["initialized", "experienced", "answered", "completed", "terminated"],
    });
  });
});
