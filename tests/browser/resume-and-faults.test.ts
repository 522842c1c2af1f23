/**
 * Nothing a learner does is lost: the built package in Chromium under scorm-again, with the tab
 * closed half-way, commits failing, review mode, and corrupt saved state.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { dragAll, scoFrame } from "../support/learner";
import { leaveSco, lmsCalls, lmsData, openLms, rejectedSets, relaunchData, setCalls, commitRuleBreaches } from "../support/lms";
import { moodleRejects } from "../support/moodleRules";
import { commitsFailUntilLmsBack } from "../support/scenarios";
import { browserSession } from "../support/session";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const session = browserSession("dist/peer-mentoring-scorm12.zip");
let page: Page;
beforeEach(() => {
  page = session.page;
});

const right = Object.entries(allRight(unit));
const finishCount = async (p: Page) => (await lmsCalls(p)).filter((c) => c.name === "LMSFinish").length;

describe("resume", () => {
  it("five cards placed, tab closed, relaunched with what the LMS stored: cards back, finish, score 100", async () => {
    await openLms(page, session.server.url);
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 5));
    await leaveSco(page);
    await expect.poll(() => finishCount(page)).toBe(1);
    const stored = await lmsData(page);
    expect(stored.core.exit).toBe("suspend");
    expect(stored.core.lesson_location).toBe("exercise");
    expect(stored.suspend_data.length).toBeLessThanOrEqual(300);
    expect(stored.core.lesson_status).toBe("incomplete");
    const calls1 = await lmsCalls(page);
    expect(rejectedSets(calls1)).toEqual([]);
    expect(moodleRejects(setCalls(calls1))).toEqual([]);
    await page.close();

    page = await session.newPage();
    await openLms(page, session.server.url, { cmi: relaunchData(stored) });
    frame = await scoFrame(page);
    for (const [card, zone] of right.slice(0, 5)) {
      expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    expect(await frame.locator('[data-drop-target=""] [data-card-id]').count()).toBe(10);
    // Back where the learner was: the exercise comes into view (in the frame after the placements).
    await expect.poll(() => frame.evaluate(() => document.getElementById("exercise")!.getBoundingClientRect().top)).toBeLessThan(200);

    await dragAll(page, frame, right.slice(5));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const cmi = await lmsData(page);
    expect(cmi.core.score).toEqual({ raw: "100", min: "0", max: "100" });
    expect(cmi.core.lesson_status).toBe("completed");
    expect(cmi.core.exit).toBe("");
    expect(Object.keys(cmi.interactions)).toHaveLength(15);
    const calls2 = await lmsCalls(page);
    expect(rejectedSets(calls2)).toEqual([]);
    expect(moodleRejects(setCalls(calls2))).toEqual([]);
    expect(await commitRuleBreaches(page)).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it("a checked attempt comes back checked, with its result", async () => {
    await openLms(page, session.server.url);
    const frame = await scoFrame(page);
    await dragAll(page, frame, right.map(([card, zone]): [string, string] => [card, zone === "mentor" ? "both" : zone]));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await leaveSco(page);
    await expect.poll(() => finishCount(page)).toBe(1);
    const stored = await lmsData(page);
    await page.close();

    page = await session.newPage();
    await openLms(page, session.server.url, { cmi: relaunchData(stored) });
    const f = await scoFrame(page);
    await expect.poll(() => f.locator("#result").textContent()).toBe("Du fik 9 af 15 rigtige");
    expect(await f.locator(".card.is-wrong").count()).toBe(6);
  });

  it("corrupt suspend_data on resume: a fresh start, no error, and the session still works", async () => {
    await openLms(page, session.server.url, {
      cmi: { core: { entry: "resume", lesson_status: "incomplete", lesson_location: "exercise" }, suspend_data: "{corrupt ☠ data" },
    });
    const frame = await scoFrame(page);
    expect(await frame.locator('[data-drop-target=""] [data-card-id]').count()).toBe(15);
    await dragAll(page, frame, right);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    expect((await lmsData(page)).core.score.raw).toBe("100");
    expect(session.errors).toEqual([]);
  });
});

describe("faults and modes", () => {
  it("commits fail until the LMS is back, then a retry saves: the learner sees a notice until the score is saved", async () => {
    // The page's clock runs as usual but the test can jump it to the next retry: no waiting for
    // the real backoff, and no race with it.
    await page.clock.install();
    await openLms(page, session.server.url, { failCommits: 1e9 });
    const frame = await scoFrame(page);
    await commitsFailUntilLmsBack(page, frame, unit, "LMSCommit");
    const cmi = await lmsData(page);
    expect(cmi.core.score.raw).toBe("100");
    expect(cmi.core.lesson_status).toBe("completed");
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    expect(await finishCount(page)).toBe(1);
  });

  it("in review mode it restores everything but writes nothing graded", async () => {
    await openLms(page, session.server.url);
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.map(([card, zone]): [string, string] => [card, zone === "both" ? "mentor" : zone]));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const finished = await lmsData(page);
    expect(finished.core.lesson_status).toBe("completed");
    await page.close();

    page = await session.newPage();
    const review = { ...relaunchData(finished), core: { ...relaunchData(finished).core, entry: "", lesson_mode: "review", credit: "no-credit" } };
    await openLms(page, session.server.url, { cmi: review });
    frame = await scoFrame(page);
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 11 af 15 rigtige");
    expect(await frame.locator(".notice").first().textContent()).toContain("Gennemsyn");
    await frame.getByRole("button", { name: "Prøv igen" }).click();
    await dragAll(page, frame, right);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const written = setCalls(await lmsCalls(page)).map(([e]) => e);
    expect(written).toEqual(["cmi.core.session_time", "cmi.core.exit"]);
    const after = await lmsData(page);
    expect(after.core.score.raw).toBe(finished.core.score.raw);
    expect(after.suspend_data).toBe(finished.suspend_data);
  });

  it("with no LMS at all (served without an API) the unit still works and says so", async () => {
    await openLms(page, session.server.url, { noApi: true });
    const frame = await scoFrame(page);
    expect(await frame.locator(".notice").first().textContent()).toContain("Ingen forbindelse til et LMS");
    await dragAll(page, frame, right);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    expect(session.errors).toEqual([]);
  });
});
