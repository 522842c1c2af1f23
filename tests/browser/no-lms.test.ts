/**
 * The unit with no LMS at all: opened straight from the unzipped folder (file://) and served
 * without an API. It shows everything, works, keeps the learner's state in the browser, and makes
 * no request outside the package.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame } from "playwright-core";
import { launchChromium } from "../support/browser";
import { dragAll } from "../support/learner";
import { allRight, peerMentoring } from "../support/unit";
import { unzipToTemp } from "../support/unzip";

const unit = peerMentoring();
// Soft hyphens (U+00AD, where the build lets long words break) are not part of the words.
const norm = (s: string) => s.replace(/\u00ad/g, "").replace(/\u00a0/g, " ").replace(/\s+/g, " ").trim().replace(/;$/, "").toLowerCase();

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = await unzipToTemp("dist/peer-mentoring-scorm12.zip");
});
afterAll(async () => {
  await browser?.close();
});

describe("no LMS: opened from the unzipped folder", () => {
  it("shows the whole seed text, 15 cards, three labelled zones, in Danish, and works end to end", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    const outside: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("request", (r) => !r.url().startsWith(pathToFileURL(dir).href) && !r.url().startsWith("data:") && outside.push(r.url()));
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    await page.waitForSelector("[data-card-id]");

    expect(await page.getAttribute("html", "lang")).toBe("da");
    expect(await page.locator("h1").textContent()).toBe("Peer Mentoring");
    expect(await page.locator("[data-card-id]").count()).toBe(15);
    for (const zone of unit.zones) {
      const group = page.getByRole("group", { name: new RegExp(`^${zone.label}`) });
      expect(await group.count()).toBe(1);
    }
    expect(await page.locator("button[data-card-id]").count()).toBe(15);
    expect(await page.locator(".notice").textContent()).toContain("Ingen forbindelse til et LMS");

    // Faithful to the seed: every paragraph and list line of the seed text appears on the page.
    const seed = readFileSync("tests/fixtures/peer-mentoring.da.txt", "utf8");
    const shown = norm((await page.locator("main").innerText()).replace(/\n/g, " "));
    const lines = seed.split(/\r?\n/).map((l) => l.replace(/^\s*•\s*/, "")).map(norm);
    const missing = lines.filter((l) => l && !["emne", "bibliografi:"].includes(l) && !shown.includes(l));
    expect(missing).toEqual([]);
    expect(await page.locator(".reading > ul.benefits > li > ul").count()).toBe(3);

    const frame = page.mainFrame() as Frame;
    await dragAll(page, frame, Object.entries(allRight(unit)));
    await page.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => page.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");

    // "Vis løsning" shows every card in its right zone; "Prøv igen" puts every card back in the pool.
    await page.getByRole("button", { name: "Vis løsning" }).click();
    expect(await page.locator(".card.is-solution").count()).toBe(15);
    await page.getByRole("button", { name: "Prøv igen" }).click();
    expect(await page.locator('[data-drop-target=""] [data-card-id]').count()).toBe(15);

    expect(errors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it("a reload brings back every placement from the browser's storage", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    await page.waitForSelector("[data-card-id]");
    const five = Object.entries(allRight(unit)).slice(0, 5);
    await dragAll(page, page.mainFrame(), five);
    await page.reload();
    await page.waitForSelector("[data-card-id]");
    for (const [card, zone] of five) expect(await page.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    expect(await page.locator('[data-drop-target=""] [data-card-id]').count()).toBe(10);
    await context.close();
  });
});
