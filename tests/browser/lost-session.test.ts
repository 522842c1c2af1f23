/**
 * Nothing is lost when the LMS only says it saved (issue 11): the built SCORM zip in Chromium under
 * a test LMS that behaves like Moodle when the learner's session ends (tests/support/server.ts):
 * commits answer "false" while the page lives, "true" while it unloads, and store nothing; the next
 * login empties localStorage. Relaunches happen in the same browser (same IndexedDB).
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { decodeState, encodeState, sequenceOf } from "../../src/state/resume";
import { freshAttempt } from "../../src/sorting/attempt";
import { dragAll, scoFrame } from "../support/learner";
import { endSession, leaveSco, lmsCalls, lmsData, lmsStored, openLms, relaunchData, setCalls, type Call } from "../support/lms";
import { cardsInCopy, copyKey, scoStore as scoStoreOf } from "../support/scoStore";
import { browserSession } from "../support/session";
import { allRight, allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const session = browserSession("dist/peer-mentoring-scorm12.zip");
let page: Page;
beforeEach(() => {
  page = session.page;
});

const right = Object.entries(allRight(unit));
const anna = { core: { student_id: "anna", student_name: "Jensen, Anna" } };
const RESTORED = "Dit seneste arbejde nåede ikke frem til LMS’et sidste gang";

/** Cards the LMS's server holds in its suspend_data. */
const storedCards = async (p: Page) => Object.keys(decodeState(unit, String((await lmsStored(p)).suspend_data ?? "")).attempt.placements).length;
const placedCards = (frame: Frame) => frame.locator('[data-drop-target]:not([data-drop-target=""]) [data-card-id]').count();
const finishCount = async (p: Page) => (await lmsCalls(p)).filter((c) => c.name === "LMSFinish").length;
const storesOf = (calls: Call[]) => calls.filter((c) => c.name === "LMSCommit" || c.name === "LMSFinish").map((c) => `${c.name} ${c.result}`);

const scoStore = (frame: Frame) => scoStoreOf(frame, unit);
const copyOf = (learner: string) => copyKey("scorm12", unit, learner);

/** A relaunch in the same browser (same IndexedDB) after a new login: the LMS page is opened anew. */
async function relaunch(cmi: Record<string, unknown>): Promise<Frame> {
  await openLms(page, session.server.url, { cmi, clearLocalStorage: true });
  return scoFrame(page);
}

describe("the LMS session ends while the learner works (Moodle)", () => {
  it("5 cards stored, session gone, 5 more placed, leave, log in again: all 10 back, said calmly, and the LMS gets them", async () => {
    await openLms(page, session.server.url, { cmi: anna });
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 5));
    // A commit follows the first placements (3 s after the first, or the 30 s throttle).
    await expect.poll(() => storedCards(page), { timeout: 60_000 }).toBe(5);
    await endSession(page);
    const commitsBefore = (await lmsCalls(page)).filter((c) => c.name === "LMSCommit").length;
    await dragAll(page, frame, right.slice(5, 10));
    // The browser's copy is written a moment after each placement.
    await expect.poll(() => cardsInCopy(frame, unit, "scorm12", "anna")).toBe(10);
    // The next commit answers "false": the not-saved notice shows as soon as it does.
    const notice = frame.locator(".saving");
    await expect.poll(() => notice.count(), { timeout: 60_000 }).toBe(1);
    const afterDeath = (await lmsCalls(page)).filter((c) => c.name === "LMSCommit").slice(commitsBefore);
    expect(afterDeath.length).toBeGreaterThan(0);
    expect(afterDeath.every((c) => c.result === "false")).toBe(true);
    expect(await notice.textContent()).toContain("ikke gemt");
    expect(await placedCards(frame)).toBe(10);

    await leaveSco(page);
    await expect.poll(() => finishCount(page)).toBe(1);
    const calls1 = (await lmsCalls(page)).filter((c) => ["LMSSetValue", "LMSCommit", "LMSFinish"].includes(c.name));
    // During unload the LMS says "true", as Moodle's beacon does, and stores nothing.
    expect(calls1.at(-1)).toEqual({ name: "LMSFinish", args: [""], result: "true" });
    expect(calls1.at(-2)?.name).toBe("LMSSetValue"); // no LMSCommit right before LMSFinish
    const stored = await lmsStored(page);
    expect(Object.keys(decodeState(unit, stored.suspend_data as string).attempt.placements)).toHaveLength(5);
    const storedSeq = sequenceOf(stored.suspend_data as string);

    frame = await relaunch(relaunchData(stored as never));
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await expect.poll(() => placedCards(frame)).toBe(10);
    for (const [card, zone] of right.slice(0, 10)) {
      expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    expect(await frame.locator(".restored").textContent()).toContain(RESTORED);
    expect(await frame.locator(".saving").count()).toBe(0);
    // The launch commit already carries them: the LMS's server now holds all 10.
    await expect.poll(() => storedCards(page)).toBe(10);
    const calls2 = await lmsCalls(page);
    const suspendSets = setCalls(calls2).filter(([e]) => e === "cmi.suspend_data");
    expect(suspendSets).toHaveLength(1);
    expect(sequenceOf(suspendSets[0]![1])).toBeGreaterThan(storedSeq);
    expect(storesOf(calls2)).toEqual(["LMSCommit true"]);
    // Written and committed, but not yet read back: the copy stays until the next launch.
    expect(await scoStore(frame)).toHaveProperty([copyOf("anna")]);

    await leaveSco(page);
    await expect.poll(() => finishCount(page)).toBe(1);
    frame = await relaunch(relaunchData((await lmsStored(page)) as never));
    await expect.poll(() => placedCards(frame)).toBe(10);
    expect(await frame.locator(".restored").count()).toBe(0);
    // That launch read back a state as new as the copy: the copy is gone.
    await expect.poll(() => scoStore(frame)).toEqual({});
    expect(setCalls(await lmsCalls(page)).filter(([e]) => e === "cmi.suspend_data")).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});

describe("whose copy, and which is newer", () => {
  /** Anna places `n` cards after her session already ended: only this browser has them. */
  async function lostPlacements(n: number) {
    await openLms(page, session.server.url, { cmi: anna });
    const frame = await scoFrame(page);
    await expect.poll(async () => (await lmsCalls(page)).some((c) => c.name === "LMSCommit")).toBe(true);
    await endSession(page);
    await dragAll(page, frame, right.slice(0, n));
    await expect.poll(() => cardsInCopy(frame, unit, "scorm12", "anna")).toBe(n);
    await leaveSco(page);
    await expect.poll(() => finishCount(page)).toBe(1);
    // The LMS page shares the SCO's origin, so it sees the same IndexedDB.
    return { stored: await lmsStored(page), copy: (await scoStore(page.mainFrame()))[copyOf("anna")] };
  }

  it("the LMS holds newer work than the copy (the learner went on elsewhere): the LMS's work is shown, the copy dropped", async () => {
    const { stored } = await lostPlacements(3);
    const elsewhere = { ...freshAttempt(), placements: allWrong(unit) };
    const newer = encodeState(unit, elsewhere, 9);
    const frame = await relaunch({ ...relaunchData(stored as never), suspend_data: newer });
    await expect.poll(() => placedCards(frame)).toBe(15);
    for (const [card, zone] of Object.entries(allWrong(unit))) {
      expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    expect(await frame.locator(".restored").count()).toBe(0);
    await expect.poll(() => scoStore(frame)).toEqual({});
    expect(setCalls(await lmsCalls(page)).filter(([e]) => e === "cmi.suspend_data")).toEqual([]);
  });

  it("another learner in the same browser does not get the copy; its owner does", async () => {
    const { stored, copy } = await lostPlacements(3);
    let frame = await relaunch({ core: { student_id: "bo", student_name: "Berg, Bo" } });
    expect(await frame.locator('[data-drop-target=""] [data-card-id]').count()).toBe(15);
    expect(await frame.locator(".restored").count()).toBe(0);
    expect(setCalls(await lmsCalls(page)).filter(([e]) => e === "cmi.suspend_data")).toEqual([]);
    expect((await scoStore(frame))[copyOf("anna")]).toEqual(copy);

    frame = await relaunch(relaunchData(stored as never));
    await expect.poll(() => placedCards(frame)).toBe(3);
    expect(await frame.locator(".restored").textContent()).toContain(RESTORED);
  });

  it("review mode shows the LMS's attempt and neither reads nor writes the copy", async () => {
    const { stored, copy } = await lostPlacements(3);
    const finished = encodeState(unit, { placements: allRight(unit), checked: true, solutionSeen: false, solutionShown: false }, 20);
    const core = { ...(stored as { core: Record<string, unknown> }).core, lesson_mode: "review", credit: "no-credit", lesson_status: "completed", entry: "" };
    const frame = await relaunch({ ...relaunchData(stored as never), core, suspend_data: finished });
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    expect(await frame.locator(".restored").count()).toBe(0);
    await frame.getByRole("button", { name: "Prøv igen" }).click();
    await dragAll(page, frame, right.slice(0, 2));
    await frame.locator("button.finish").click();
    expect(setCalls(await lmsCalls(page)).map(([e]) => e)).toEqual(["cmi.core.session_time", "cmi.core.exit"]);
    expect((await scoStore(frame))[copyOf("anna")]).toEqual(copy);
    expect((await lmsData(page)).suspend_data).toBe(finished);
  });
});
