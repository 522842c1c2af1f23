/**
 * The results page in Chromium as a teacher opens it from disk: no script needed, nothing loaded
 * from anywhere, and on A4 paper nothing runs off the page sideways.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyse } from "../../src/results/analyse";
import { renderResultsPage } from "../../src/results/page";
import { readMoodleReport } from "../../src/results/readReport";
import { launchChromium } from "../support/browser";
import { peerMentoring } from "../support/unit";
import { EXPORTS } from "../results/groundTruth";

let browser: Browser;
let dir: string;
let url: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), "results-page-"));
  const report = readMoodleReport(new Uint8Array(readFileSync(join(EXPORTS, "interactions.xlsx"))), "interactions.xlsx");
  const path = join(dir, "peer-mentoring-2026-12-06.html");
  writeFileSync(path, renderResultsPage(analyse(peerMentoring(), report, { attempt: "highest" }), "2026-12-06"));
  url = pathToFileURL(path).href;
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the results page", () => {
  it("shows everything without script and asks for nothing but itself", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1024, height: 800 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(url);
    expect(requests).toEqual([url]);
    expect(await page.locator("tbody tr").count()).toBe(15);
    expect(await page.locator("tbody tr").first().locator("td").allInnerTexts()).toEqual(["Selvtillid", "Mentor", "50 %", "50 %", "Mentee (50 %)"]);
    // The two pictures (the confusion grid, the distribution); each card's bar is a small SVG too.
    expect(await page.locator('svg[role="img"]').count()).toBe(2);
    expect(await page.locator("svg.bar").count()).toBe(15);
    await expect.poll(() => page.locator('svg[role="img"]').first().isVisible()).toBe(true);
    await context.close();
  });

  it("fits an A4 page's width when printed", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // A4's 210 mm less the page's 2 × 14 mm margins, at 96 px per inch.
    await page.setViewportSize({ width: Math.floor(((210 - 28) / 25.4) * 96), height: 1000 });
    await page.emulateMedia({ media: "print" });
    await page.goto(url);
    const widths = await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    expect((widths as number[])[0]).toBeLessThanOrEqual((widths as number[])[1]!);
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    // Two sheets at most: the card table, then the two pictures.
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)!.length).toBeLessThanOrEqual(2);
    await context.close();
  });
});
