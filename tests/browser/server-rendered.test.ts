/**
 * The page the build renders (issue 13): readable without script, taken over by the script without
 * being drawn again, a returning learner's cards restored without a jump, and long words broken at
 * syllables with a visible hyphen while the LMS gets the plain words.
 */
import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { strings } from "../../src/i18n";
import { axeProblems } from "../support/axe";
import { clickPlace, LIVE_CARD, scoFrame } from "../support/learner";
import { leaveSco, lmsData, openLms } from "../support/lms";
import { layoutShift, RECORD_LAYOUT_SHIFT, resumedLaunch, scriptAfterFirstPaint } from "../support/layoutShift";
import { browserSession } from "../support/session";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const t = strings(unit.lang);
const session = browserSession("dist/peer-mentoring-scorm12.zip");
const plain = (s: string) => s.replace(/\u00ad/g, "").replace(/\s+/g, " ").trim();

describe("without script", () => {
  it("the whole unit reads: reading part, exercise text, every card and zone, and a sentence that the exercise needs JavaScript", async () => {
    const context = await session.browser.newContext({ javaScriptEnabled: false, viewport: { width: 650, height: 660 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/pkg/index.html`);
    const shown = plain(await page.locator("main").innerText());
    const expected = [unit.title, unit.reading.heading, unit.exercise.heading, unit.exercise.instructions, t.needsScript];
    for (const block of unit.reading.blocks) {
      if (block.type !== "list") expected.push(block.text);
      else for (const item of block.items) expected.push(...(typeof item === "string" ? [item] : [item.text, ...item.items]));
    }
    expected.push(...unit.zones.map((z) => z.label), ...unit.cards.map((c) => c.text));
    expect(expected.filter((text) => !shown.includes(plain(text)))).toEqual([]);
    // The sentence is on screen, and no control pretends to work.
    expect(await page.locator("noscript.noscript").isVisible()).toBe(true);
    expect(await page.locator("button:enabled").count()).toBe(0);
    expect(await page.locator("button").count()).toBeGreaterThan(unit.cards.length);
    await context.close();
  });

  it("with the script blocked (a filter, a mangled file), the page as built has no serious or critical axe violation", async () => {
    const context = await session.browser.newContext({ viewport: { width: 650, height: 660 } });
    const page = await context.newPage();
    await page.route("**/assets/app.js", (route) => route.abort());
    await page.goto(`${session.server.url}/pkg/index.html`);
    expect(await page.locator("[data-card]").count()).toBe(unit.cards.length);
    expect(await page.locator("[data-card-id]").count()).toBe(0); // the script did not run
    expect(await axeProblems(page.mainFrame())).toEqual([]);
    await context.close();
  });
});

describe("with script", () => {
  it("hydration takes over the build's markup: the same elements stay, no console error or warning, no sentence about JavaScript", async () => {
    const page = session.page;
    const messages: string[] = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && messages.push(`${m.type()}: ${m.text()}`));
    const hold = await scriptAfterFirstPaint(page);
    const opened = openLms(page, session.server.url); // its load waits for the held script
    const frame = await hold.painted();
    // Every element of the build's page, taken before the script runs.
    await frame.evaluate(() => {
      (window as unknown as { __before: Element[] }).__before = [...document.querySelectorAll("#app *")];
    });
    await opened;
    await frame.waitForSelector(LIVE_CARD);
    const kept = await frame.evaluate(() => {
      const before = (window as unknown as { __before: Element[] }).__before;
      return { total: before.length, gone: before.filter((el) => !el.isConnected).map((el) => el.outerHTML.slice(0, 80)) };
    });
    expect(kept.total).toBeGreaterThan(100);
    expect(kept.gone).toEqual([]);
    expect(await frame.locator("noscript").isVisible()).toBe(false);
    expect(await frame.locator("[data-card-id]").count()).toBe(unit.cards.length);
    await clickPlace(frame, "empati", "mentor");
    expect(await frame.locator('[data-drop-target="mentor"] [data-card="empati"]').count()).toBe(1);
    expect(messages).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it("a returning learner's cards are back in their zones and the exercise in view, with a layout shift of at most 0.05", async () => {
    const page = session.page;
    const placed = Object.entries(allRight(unit)).slice(0, 6);
    await page.addInitScript({ content: RECORD_LAYOUT_SHIFT });
    const hold = await scriptAfterFirstPaint(page);
    const opened = openLms(page, session.server.url, resumedLaunch(unit, placed));
    await hold.painted();
    await opened;
    const frame = await scoFrame(page);
    for (const [card, zone] of placed) expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    await expect.poll(() => frame.evaluate(() => document.getElementById("exercise")!.getBoundingClientRect().top)).toBeLessThan(200);
    expect(await layoutShift(frame)).toBeLessThanOrEqual(0.05);
  });
});

describe("notices known only at launch", () => {
  it("opened without an LMS, the notice that answers stay in this browser appears without moving what is on screen", async () => {
    const context = await session.browser.newContext({ viewport: { width: 650, height: 660 } });
    const page = await context.newPage();
    await page.addInitScript({ content: RECORD_LAYOUT_SHIFT });
    const hold = await scriptAfterFirstPaint(page);
    const opened = page.goto(`${session.server.url}/pkg/index.html`);
    const frame = await hold.painted(page.mainFrame());
    await opened;
    await frame.waitForSelector(LIVE_CARD);
    expect(await frame.locator(".notice").textContent()).toBe(t.noLms);
    expect(await layoutShift(frame)).toBeLessThanOrEqual(0.05);
    await context.close();
  });
});

/**
 * The lines a card's text is drawn on, read from the layout: each line's text (soft hyphens kept)
 * and whether the soft hyphen it ends on, if any, is drawn (a visible "-").
 */
async function cardLines(frame: Frame, cardId: string): Promise<{ text: string; visibleHyphen: boolean }[]> {
  return frame.evaluate(`(() => {
    const node = document.querySelector('[data-card="${cardId}"] .card-text').firstChild;
    const s = node.data;
    const range = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return [...r.getClientRects()]; };
    const lines = [];
    let start = 0;
    let top = null;
    for (let i = 0; i < s.length; i++) {
      // A soft hyphen or a space at a line's end belongs to that line, wherever its box is reported.
      if (s[i] === "\\u00ad" || s[i] === " ") continue;
      const rects = range(i);
      const y = rects[rects.length - 1].top;
      if (top !== null && y > top + 2) {
        lines.push({ text: s.slice(start, i), visibleHyphen: s[i - 1] === "\\u00ad" && range(i - 1).some((r) => r.width > 0) });
        start = i;
      }
      top = y;
    }
    lines.push({ text: s.slice(start), visibleHyphen: false });
    return lines;
  })()`);
}

/** Every line but the last ends at a space, or at a soft hyphen drawn as "-": never inside a syllable. */
const badBreaks = (lines: { text: string; visibleHyphen: boolean }[]) =>
  lines.slice(0, -1).filter((l) => !l.text.endsWith(" ") && !(l.text.endsWith("\u00ad") && l.visibleHyphen));

const LONG = { konflikthaandtering: "Kon-flikt-hånd-te-rings-fær-dig-he-der", beslutningstagning: "Be-slut-nings-tag-nings-ev-ner", kommunikationsevner: "Bedre kom-mu-ni-ka-tions-ev-ner" };

/** The three long compounds wrap, each line ending at a syllable (where the patterns put a soft hyphen) with a drawn "-". */
async function expectLongWordsBroken(frame: Frame) {
  for (const [card, syllables] of Object.entries(LONG)) {
    expect(await frame.locator(`[data-card="${card}"] .card-text`).textContent()).toBe(syllables.replace(/-/g, "\u00ad"));
    const lines = await cardLines(frame, card);
    expect(lines.length, card).toBeGreaterThan(1);
    expect(badBreaks(lines), card).toEqual([]);
    expect(lines.some((l) => l.visibleHyphen), card).toBe(true);
  }
}

describe("long words", () => {
  it("in Moodle's 650x660 frame, the long compounds wrap in their zones at a syllable with a visible hyphen; the LMS gets no soft hyphen", async () => {
    const page = session.page;
    await openLms(page, session.server.url);
    const frame = await scoFrame(page);
    for (const [card, zone] of Object.entries(allRight(unit))) await clickPlace(frame, card, zone);
    await expectLongWordsBroken(frame);
    for (const card of unit.cards) expect(badBreaks(await cardLines(frame, card.id)), card.id).toEqual([]);
    await frame.getByRole("button", { name: t.check }).click();
    await frame.locator("#result").waitFor();
    await leaveSco(page);
    const data = JSON.stringify(await lmsData(page));
    expect(data).toContain("card_konflikthaandtering");
    expect(data).not.toMatch(/\u00ad/);
  });

  it("copying text with soft hyphens puts the plain words on the clipboard", async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: session.server.url });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/pkg/index.html`);
    await page.waitForSelector(LIVE_CARD);
    const copied = await page.evaluate(async () => {
      const el = [...document.querySelectorAll("main p, main li")].find((e) => e.textContent!.includes("\u00ad"))!;
      const range = document.createRange();
      range.selectNodeContents(el);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      const selected = getSelection()!.toString();
      document.execCommand("copy");
      return { selected, clipboard: await navigator.clipboard.readText() };
    });
    expect(copied.selected).toContain("\u00ad"); // the page itself shows the break points
    expect(copied.clipboard).toBe(plain(copied.selected));
    expect(copied.clipboard).not.toContain("\u00ad");
    await context.close();
  });

  it("at 320 px, no card's text is cut inside a syllable, in the pool or in a zone, nor with the text enlarged to 150 %", async () => {
    const context = await session.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${session.server.url}/pkg/index.html`);
    await page.waitForSelector(LIVE_CARD);
    const frame = page.mainFrame();
    for (const card of unit.cards) expect(badBreaks(await cardLines(frame, card.id)), card.id).toEqual([]);
    for (const [card, zone] of Object.entries(allRight(unit))) await clickPlace(frame, card, zone);
    for (const card of unit.cards) expect(badBreaks(await cardLines(frame, card.id)), card.id).toEqual([]);
    // At 320 px the zones are stacked, wide enough for these words; a learner's larger text is not.
    await page.evaluate(() => (document.documentElement.style.fontSize = "150%"));
    await expectLongWordsBroken(frame);
    for (const card of unit.cards) expect(badBreaks(await cardLines(frame, card.id)), card.id).toEqual([]);
    const data = await page.evaluate(() => JSON.stringify(localStorage));
    expect(data).not.toMatch(/\u00ad/);
    await context.close();
  });
});
