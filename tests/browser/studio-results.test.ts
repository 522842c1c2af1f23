/**
 * The studio's Results tab (dist/studio/, opened from disk in Chromium): the real Moodle downloads
 * in tests/fixtures/moodle-exports and a unit in, the page `npm run results` writes out, byte for
 * byte, shown in a frame and saved under the command's file name; a bad file gets the command's
 * one line and no page; nothing is asked of anything outside the studio's folder.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { resultsStrings } from "../../src/i18n/results";
import { launchChromium } from "../support/browser";
import { runTs } from "../support/project";
import { EXPORTS, expectedFigures, groundTruth } from "../results/groundTruth";

const STUDIO = resolve("dist/studio");
const STUDIO_URL = `file://${STUDIO}/index.html`;
const CLI = resolve("src/results/cli.ts");
const DA_UNIT = resolve("content/peer-mentoring.da.json");
const EN_ZIP = resolve("dist/peer-mentoring.en-scorm12.zip");

const outs: string[] = [];

/** `npm run results -- <report> …` run in the exports folder (so its messages name the file as the studio does): the page it wrote, or its one line. */
function cli(report: string, ...args: string[]): { name: string; html: Buffer } | { error: string } {
  const out = mkdtempSync(join(tmpdir(), "studio-results-"));
  outs.push(out);
  const r = runTs(resolve(EXPORTS), CLI, report, ...args, "--out", out);
  if (r.status !== 0) return { error: r.stderr.trim() };
  const [name] = readdirSync(out);
  return { name: name!, html: readFileSync(join(out, name!)) };
}

const pageOf = (r: ReturnType<typeof cli>) => {
  if ("error" in r) throw new Error(r.error);
  return r;
};

let browser: Browser;
let context: BrowserContext;
let page: Page;
const requested: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  context.on("request", (r) => requested.push(r.url()));
  page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(STUDIO_URL);
  await page.locator("#tab-results").click();
});
afterAll(async () => {
  await browser?.close();
  for (const out of outs) rmSync(out, { recursive: true, force: true });
});

const bytesOf = (path: string) => readFileSync(path);

/** Drops files on the Results tab, as from the desktop (several at once, as a teacher may). */
const drop = (target: string, files: { name: string; bytes: Uint8Array }[]) =>
  page.evaluate(
    ({ target, files }) => {
      const transfer = new DataTransfer();
      for (const f of files) transfer.items.add(new File([new Uint8Array(f.data)], f.name));
      document.getElementById(target)!.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { target, files: files.map((f) => ({ name: f.name, data: [...f.bytes] })) },
  );

const dropReport = (name: string, bytes = bytesOf(join(EXPORTS, name))) => drop("results-drop", [{ name, bytes }]);

/** Waits for the page offered as `name`, and returns what "Save the page" downloads and what the frame holds. */
async function shownPage(name: string): Promise<{ saved: Buffer; srcdoc: string }> {
  await expect.poll(() => page.locator("#save-results").getAttribute("download")).toBe(name);
  await page.locator("#results-out").waitFor({ state: "visible" });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#save-results").click()]);
  expect(download.suggestedFilename()).toBe(name);
  return { saved: readFileSync((await download.path())!), srcdoc: (await page.locator("#results-frame").getAttribute("srcdoc"))! };
}

/** A new page with different contents replaces the shown one: wait until it differs. */
const srcdocChangedFrom = async (before: string) => expect.poll(async () => (await page.locator("#results-frame").count()) === 1 && (await page.locator("#results-frame").getAttribute("srcdoc")) !== before).toBe(true);

/** The page made from `report` (same unit, same file name as the one before) is on show. */
const madeFrom = (report: string) => expect.poll(() => page.locator("#results-from").textContent()).toMatch(new RegExp(`^From ${report.replace(".", "\\.")} `));

const frame = () => page.frameLocator("#results-frame");

describe("the studio's Results tab", () => {
  let firstPage = "";

  it("a report without a unit: says the unit is missing, offers no page; the results code (SheetJS) loads only now", async () => {
    expect(requested.some((u) => u.endsWith("/results.js"))).toBe(false);
    expect(await page.locator("#results-unit").textContent()).toContain("No unit yet");
    await dropReport("interactions.csv");
    await expect.poll(() => page.locator("#results-none").textContent()).toBe(
      "Missing: the unit this report is about. Make it under Make a unit, or drop its content file (.json) or package (.zip) under 2.",
    );
    expect(requested.some((u) => u.endsWith("/results.js"))).toBe(true);
    expect(await page.locator("#results-out").isVisible()).toBe(false);
    expect(await page.locator("#save-results").getAttribute("href")).toBeNull();
  });

  it("the unit made under Make a unit: the text download gives the command's page, byte for byte, with the ground truth's figures", async () => {
    const expected = pageOf(cli("interactions.csv", "--unit", DA_UNIT));
    // The page is dated: the studio's clock is set to the command's day, should the two straddle midnight.
    await page.clock.setFixedTime(new Date(`${/(\d{4}-\d{2}-\d{2})\.html$/.exec(expected.name)![1]}T12:00:00`));
    await page.locator("#tab-make").click();
    await page.setInputFiles("#file", { name: "peer-mentoring.da.json", mimeType: "application/json", buffer: bytesOf(DA_UNIT) });
    await expect.poll(() => page.locator("#download-scorm12").getAttribute("download")).toBe("peer-mentoring-scorm12.zip");
    await page.locator("#tab-results").click();
    expect(await page.locator("#results-unit").textContent()).toBe('The unit: "Peer Mentoring" (peer-mentoring, da, version 1.0.0), the one under Make a unit.');
    expect(expected.name).toMatch(/^peer-mentoring-\d{4}-\d{2}-\d{2}\.html$/);
    const shown = await shownPage(expected.name);
    expect(shown.saved.equals(expected.html)).toBe(true);
    expect(shown.srcdoc).toBe(expected.html.toString("utf8"));
    firstPage = shown.srcdoc;

    // What the teacher reads in the frame: the ground truth's figures, card by card.
    const gt = groundTruth();
    const want = expectedFigures(gt, "highest");
    const t = resultsStrings("da");
    const rows = await frame().locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())));
    expect(rows).toHaveLength(15);
    for (const [text, , first, last] of rows) {
      const card = Object.values(want.cards).find((c) => c.text === text)!;
      expect([first, last], text).toEqual([t.pct(card.rightFirst / card.learners), t.pct(card.rightLast / card.learners)]);
    }
    expect(rows.slice(0, 3).map((r) => r[0])).toEqual(["Selvtillid", "Empati", "Personlig vækst"]);
    expect(await frame().locator("body").textContent()).toContain(`${t.learners(want.learners)}, ${t.attempts(want.attempts)}; ${t.counted(want.counted)}.`);
    expect(await frame().locator("body").textContent()).toContain("Har ikke tjekket svar endnu: Emil Rasmussen og Noah Christiansen.");
    // Its styles apply in the frame (the studio's CSP allows the page's one <style> by its hash), and nothing was refused.
    expect(await frame().locator("th").first().evaluate((th) => getComputedStyle(th).borderBottomWidth)).toBe("2px");
    expect(await frame().locator("svg.bar").count()).toBe(15);
    expect(cspViolations).toEqual([]);
  });

  it.each(["interactions.xlsx", "interactions.ods"])("%s gives the command's page too", async (name) => {
    const expected = pageOf(cli(name, "--unit", DA_UNIT));
    await dropReport(name);
    await madeFrom(name);
    const shown = await shownPage(expected.name);
    expect(shown.saved.equals(expected.html)).toBe(true);
    // The three downloads hold the same class: the same page.
    expect(shown.srcdoc).toBe(firstPage);
  });

  it("the last attempt counts and no names: the command's --attempt last --anonymous page", async () => {
    const expected = pageOf(cli("interactions.xlsx", "--unit", DA_UNIT, "--attempt", "last", "--anonymous"));
    await page.locator("#attempt-last").check();
    await page.locator("#anonymous").check();
    await srcdocChangedFrom(firstPage);
    const shown = await shownPage(expected.name);
    expect(shown.saved.equals(expected.html)).toBe(true);
    const text = await frame().locator("body").textContent();
    expect(text).not.toContain("Emil Rasmussen");
    expect(text).toContain(resultsStrings("da").ruleLast);
    await page.locator("#attempt-highest").check();
    await page.locator("#anonymous").uncheck();
    await expect.poll(() => page.locator("#results-frame").getAttribute("srcdoc")).toBe(firstPage);
  });

  it("the unit from the English package uploaded (a .zip dropped with the report): the command's --unit <zip> page, in English", async () => {
    const expected = pageOf(cli("interactions.ods", "--unit", EN_ZIP));
    await drop("results-unit-drop", [
      { name: "peer-mentoring.en-scorm12.zip", bytes: bytesOf(EN_ZIP) },
      { name: "interactions.ods", bytes: bytesOf(join(EXPORTS, "interactions.ods")) },
    ]);
    await expect.poll(() => page.locator("#results-unit").textContent()).toBe('The unit: "Peer Mentoring" (peer-mentoring, en, version 1.0.0), from peer-mentoring.en-scorm12.zip.');
    await srcdocChangedFrom(firstPage);
    const shown = await shownPage(expected.name);
    expect(shown.saved.equals(expected.html)).toBe(true);
    expect(await frame().locator("html").getAttribute("lang")).toBe("en");
  });

  it("the Basic report: the command's one line, no page", async () => {
    const expected = cli("basic.csv", "--unit", DA_UNIT);
    if (!("error" in expected)) throw new Error("the command took the Basic report");
    expect(expected.error).toMatch(/^basic\.csv is the Basic report, which holds no answers: /);
    await dropReport("basic.csv");
    await expect.poll(() => page.locator("#report-problem").textContent()).toBe(expected.error);
    expect(await page.locator("#results-out").isVisible()).toBe(false);
    expect(await page.locator("#save-results").getAttribute("href")).toBeNull();
    expect(await page.locator("#results-frame").count()).toBe(0);
  });

  it("a zip that is no package, as the unit: one line in the studio's words (no --unit), and the page shown before goes", async () => {
    await dropReport("interactions.csv");
    await madeFrom("interactions.csv");
    await page.locator("#results-out").waitFor({ state: "visible" });
    await drop("results-unit-drop", [{ name: "unit.zip", bytes: bytesOf(join(EXPORTS, "interactions.xlsx")) }]);
    await expect.poll(() => page.locator("#results-unit-problem").textContent()).toBe(
      "unit.zip is not a package made here or by the project's build (it holds no unit): drop the unit's content file (.json) instead",
    );
    expect(await page.locator("#results-out").isVisible()).toBe(false);
    expect(await page.locator("#save-results").getAttribute("href")).toBeNull();
  });

  it("asked for nothing outside its own folder", () => {
    const outside = requested.filter((u) => !u.startsWith(`file://${STUDIO}/`) && !u.startsWith("blob:") && u !== "about:blank" && u !== "about:srcdoc");
    expect(outside).toEqual([]);
    expect(requested.length).toBeGreaterThan(3);
  });
});
