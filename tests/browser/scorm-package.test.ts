/**
 * The built zip, unpacked and served on 127.0.0.1, played in Debian's Chromium inside a parent page
 * whose window.API is scorm-again's SCORM 1.2 runtime: what a learner in Moodle's player does and
 * what the LMS then holds.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { leaveSco, lmsCalls, lmsData, openLms, rejectedSets } from "../support/lms";
import { dragAll, dragCard, scoFrame, showSorting } from "../support/learner";
import { poolOrder } from "../../src/sorting/model";
import { browserSession } from "../support/session";
import { playAllRight, sentSessionTimes } from "../support/scenarios";
import { allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const ZIP = "dist/peer-mentoring-scorm12.zip";

const session = browserSession(ZIP);
let page: Page;
beforeEach(() => {
  page = session.page;
});

async function sortAll(placements: Record<string, string>) {
  const frame = await scoFrame(page);
  await dragAll(page, frame, Object.entries(placements));
  return frame;
}

describe("SCORM 1.2 package in Chromium under scorm-again", () => {
  it("all 15 cards dragged to their zones: score 100, completed, one LMSFinish", async () => {
    await playAllRight(page, session, unit);
  });

  it("all cards wrong: score 0, and leaving by closing the frame finishes exactly once", async () => {
    await openLms(page, session.server.url);
    const frame = await sortAll(allWrong(unit));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 0 af 15 rigtige");
    expect(await frame.locator(".card.is-wrong .verdict").first().textContent()).toContain("Forkert");
    await leaveSco(page);
    await expect.poll(async () => (await lmsCalls(page)).filter((c) => c.name === "LMSFinish").length).toBe(1);
    const cmi = await lmsData(page);
    expect(cmi.core.score.raw).toBe("0");
    expect(cmi.core.lesson_status).toBe("completed");
    await sentSessionTimes(page);
    expect(rejectedSets(await lmsCalls(page))).toEqual([]);
  });

  it("cards move between zones and back to the pool; Tjek svar waits for the last card", async () => {
    await openLms(page, session.server.url);
    const frame = await scoFrame(page);
    await showSorting(frame);
    await dragCard(page, frame, "empati", "mentee");
    await dragCard(page, frame, "empati", "mentor");
    expect(await frame.locator('[data-drop-target="mentor"] [data-card="empati"]').count()).toBe(1);
    expect(await frame.locator('[data-drop-target="mentee"] [data-card]').count()).toBe(0);
    await dragCard(page, frame, "empati", null);
    expect(await frame.locator('[data-drop-target=""] [data-card="empati"]').count()).toBe(1);
    // aria-disabled, not disabled: it stays focusable and a click explains what is missing.
    await frame.getByRole("button", { name: "Tjek svar" }).click({ force: true });
    expect(await frame.locator("#check-status").textContent()).toBe("Placér 15 kort mere, så kan du tjekke dine svar.");
    expect(await frame.locator("#result").count()).toBe(0);
    // Nothing graded was written while sorting.
    expect((await lmsData(page)).core.score.raw).toBe("");
  });

  it("a drag near the bottom edge of a short frame scrolls it, so a zone below the fold is reached in one drag", async () => {
    await openLms(page, session.server.url);
    await page.evaluate(() => ((document.getElementById("sco") as HTMLIFrameElement).style.height = "300px"));
    const frame = await scoFrame(page);
    await frame.evaluate(() => document.querySelector(".pool")!.scrollIntoView({ block: "start" }));
    // The first card of the pool, whose zone lies below the bottom edge of the frame.
    const first = poolOrder(unit)[0]!;
    const zone = frame.locator(`[data-drop-target="${first.accept[0]}"] .zone-label`);
    const frameBox = (await page.locator("#sco").boundingBox())!;
    expect((await zone.boundingBox())!.y).toBeGreaterThan(frameBox.y + frameBox.height);

    const card = frame.locator(`[data-card="${first.id}"]`);
    const c = (await card.boundingBox())!;
    await page.mouse.move(c.x + c.width / 2, c.y + c.height / 2);
    await page.mouse.down();
    await page.mouse.move(c.x + c.width / 2, frameBox.y + frameBox.height - 12, { steps: 10 });
    // Hold the card at the edge until the zone has scrolled into the frame (checked at each animation
    // frame), then leave the edge band (which stops the scrolling), read where the zone came to rest
    // and drop the card on it.
    await frame.waitForFunction(
      (sel) => document.querySelector(sel)!.getBoundingClientRect().top < innerHeight - 80,
      `[data-drop-target="${first.accept[0]}"] .zone-label`,
      { polling: "raf" },
    );
    await page.mouse.move(c.x + c.width / 2, frameBox.y + frameBox.height / 2, { steps: 2 });
    await frame.waitForFunction(
      (sel) => {
        // At rest: the same place at two animation frames in a row.
        const top = document.querySelector(sel)!.getBoundingClientRect().top;
        const w = window as unknown as { __zoneTop?: number };
        const still = w.__zoneTop === top;
        w.__zoneTop = top;
        return still;
      },
      `[data-drop-target="${first.accept[0]}"] .zone-label`,
      { polling: "raf" },
    );
    const z = (await zone.boundingBox())!;
    await page.mouse.move(z.x + 30, z.y + z.height / 2, { steps: 2 });
    await page.mouse.up();
    expect(await frame.locator(`[data-drop-target="${first.accept[0]}"] [data-card="${first.id}"]`).count()).toBe(1);
  });
});
