/**
 * Every learner can do the exercise: keyboard alone, click-then-click alone, a finger on a phone,
 * each to score 100 under scorm-again; axe-core finds no serious or critical violation in any state;
 * no sideways scrolling at 320 px or at 200 % zoom. Screenshots go to test-output/screenshots.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContextOptions, Frame, Page } from "playwright-core";
import { axeProblems } from "../support/axe";
import { launchChromium } from "../support/browser";
import { clickPlace, keyboardPlaceNext, LIVE_CARD, scoFrame, showSorting, tap, touchDrag } from "../support/learner";
import { lmsCalls, lmsData, openLms, rejectedSets, type LmsConfig } from "../support/lms";
import { serveZip, type TestServer } from "../support/server";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const zoneOf = (cardId: string) => allRight(unit)[cardId]!;
const SHOTS = "test-output/screenshots";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveZip("dist/peer-mentoring-scorm12.zip");
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function launch(options: BrowserContextOptions, config: LmsConfig = {}): Promise<{ page: Page; frame: Frame }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await openLms(page, server.url, config);
  return { page, frame: await scoFrame(page) };
}

async function expectScore100(page: Page) {
  const cmi = await lmsData(page);
  expect(cmi.core.score).toEqual({ raw: "100", min: "0", max: "100" });
  expect(cmi.core.lesson_status).toBe("completed");
  expect(rejectedSets(await lmsCalls(page))).toEqual([]);
  expect((await lmsCalls(page)).filter((c) => c.name === "LMSFinish")).toHaveLength(1);
}

const sidewaysScroll = (frame: Frame) =>
  frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("accessibility", () => {
  it("keyboard alone: Tab, Space, arrow keys, Enter; focus follows the card; score 100", async () => {
    const { page, frame } = await launch({ viewport: { width: 1280, height: 900 } });
    await page.locator("#sco").focus();
    await page.keyboard.press("Tab");
    const placed: string[] = [];
    for (let i = 0; i < 15; i++) {
      const card = await keyboardPlaceNext(page, frame, zoneOf);
      placed.push(card);
      // Focus stays on the moved card, now in its zone; the live region says what happened.
      expect(await frame.evaluate(() => (document.activeElement as HTMLElement).dataset.card)).toBe(card);
      const zone = unit.zones.find((z) => z.id === zoneOf(card))!;
      expect(await frame.locator("[aria-live]").textContent()).toBe(`${unit.cards.find((c) => c.id === card)!.text} er lagt i ${zone.label}`);
    }
    expect(new Set(placed).size).toBe(15);

    // Escape cancels a pick-up and keeps the card where it was.
    await frame.locator(`[data-card="${placed[0]}"]`).focus();
    await page.keyboard.press("Space");
    expect(await frame.locator("[aria-live]").textContent()).toContain("er taget op");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Escape");
    expect(await frame.locator(`[data-drop-target="${zoneOf(placed[0]!)}"] [data-card="${placed[0]}"]`).count()).toBe(1);
    expect(await frame.evaluate(() => (document.activeElement as HTMLElement).dataset.card)).toBe(placed[0]);

    for (let i = 0; i < 40 && (await frame.evaluate(() => document.activeElement?.textContent)) !== "Tjek svar"; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe("result");
    expect(await frame.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    for (let i = 0; i < 10 && (await frame.evaluate(() => document.activeElement?.textContent)) !== "Afslut"; i++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expectScore100(page);
  });

  it("click-then-click alone (no dragging), with deselect and back to the pool; score 100", async () => {
    const { page, frame } = await launch({ viewport: { width: 1280, height: 900 } });
    await showSorting(frame);
    const first = unit.cards[0]!.id;
    await frame.locator(`[data-card="${first}"]`).click();
    expect(await frame.locator(`[data-card="${first}"]`).getAttribute("aria-pressed")).toBe("true");
    await frame.locator(`[data-card="${first}"]`).click();
    expect(await frame.locator(`[data-card="${first}"]`).getAttribute("aria-pressed")).toBe("false");
    await clickPlace(frame, first, "mentor");
    await clickPlace(frame, first, null);
    expect(await frame.locator(`[data-drop-target=""] [data-card="${first}"]`).count()).toBe(1);
    for (const [card, zone] of Object.entries(allRight(unit))) await clickPlace(frame, card, zone);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    // "Prøv igen" sends focus to the first card to redo.
    await frame.getByRole("button", { name: "Prøv igen" }).click();
    await expect.poll(() => frame.evaluate(() => (document.activeElement as HTMLElement).dataset.cardId ?? null)).not.toBeNull();
    for (const [card, zone] of Object.entries(allRight(unit))) await clickPlace(frame, card, zone);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    await expectScore100(page);
  });

  it("a finger on a 375x740 phone: touch drags place every card, nothing scrolls sideways; score 100", async () => {
    const { page, frame } = await launch(
      { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
      { frameStyle: { width: "100%", height: "100vh" } },
    );
    await showSorting(frame);
    await page.screenshot({ path: `${SHOTS}/phone-375-start.png` });
    expect(await sidewaysScroll(frame)).toBeLessThanOrEqual(0);
    for (const [card, zone] of Object.entries(allRight(unit))) {
      await touchDrag(page, frame, card, zone);
      await expect.poll(() => frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    await tap(page, frame.getByRole("button", { name: "Tjek svar" }));
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    await page.screenshot({ path: `${SHOTS}/phone-375-checked.png`, fullPage: true });
    expect(await sidewaysScroll(frame)).toBeLessThanOrEqual(0);
    // Touch targets are at least 44 px high.
    const small = await frame.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>("button")].filter((b) => b.getBoundingClientRect().height < 44 && b.getClientRects().length > 0).map((b) => b.textContent),
    );
    expect(small).toEqual([]);
    await tap(page, frame.getByRole("button", { name: "Afslut", exact: true }));
    await expect.poll(() => frame.locator(".finished").count()).toBe(1);
    await expectScore100(page);
  });

  it("axe-core: no serious or critical violation initially, half-done, checked, and with the solution shown", async () => {
    const { page, frame } = await launch({ viewport: { width: 1280, height: 900 } });
    const states: Record<string, string[]> = {};
    states.initial = await axeProblems(frame);
    const cards = Object.entries(allRight(unit));
    for (const [card, zone] of cards.slice(0, 7)) await clickPlace(frame, card, zone === "mentor" ? "both" : zone);
    await frame.locator(`[data-card="${cards[8]![0]}"]`).click(); // one card picked up
    states.halfDone = await axeProblems(frame);
    await frame.locator(`[data-card="${cards[8]![0]}"]`).click();
    for (const [card, zone] of cards.slice(7)) await clickPlace(frame, card, zone);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await showSorting(frame);
    await page.screenshot({ path: `${SHOTS}/desktop-1280-checked.png` });
    states.checked = await axeProblems(frame);
    await frame.getByRole("button", { name: "Vis løsning" }).click();
    states.solution = await axeProblems(frame);
    expect(states).toEqual({ initial: [], halfDone: [], checked: [], solution: [] });
  });

  it("no sideways scrolling at 320 px, nor at 200 % zoom of a 1280 px window", async () => {
    for (const [name, options] of [
      ["320", { viewport: { width: 320, height: 640 } }],
      ["zoom-200", { viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 }],
    ] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      await page.goto(`${server.url}/pkg/index.html`);
      await page.waitForSelector(LIVE_CARD);
      const frame = page.mainFrame();
      expect(await sidewaysScroll(frame), name).toBeLessThanOrEqual(0);
      for (const [card, zone] of Object.entries(allRight(unit))) await clickPlace(frame, card, zone);
      await page.getByRole("button", { name: "Tjek svar" }).click();
      expect(await sidewaysScroll(frame), name).toBeLessThanOrEqual(0);
      await page.screenshot({ path: `${SHOTS}/width-${name}-checked.png`, fullPage: true });
      await context.close();
    }
  });
});
