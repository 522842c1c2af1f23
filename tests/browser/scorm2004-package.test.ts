/**
 * The built SCORM 2004 zip, unpacked and served on 127.0.0.1, played in Debian's Chromium inside a
 * parent page whose window.API_1484_11 is scorm-again's strict SCORM 2004 runtime: what a learner in
 * a SCORM 2004 LMS does and what the LMS then holds. After every SetValue the runtime's error code
 * must be 0, and every write must pass Moodle's scorm_13.js checks.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { decodeState } from "../../src/state/resume";
import { dragAll, scoFrame } from "../support/learner";
import { endSession, failedSets2004, leaveSco, lmsCalls, lmsData, lmsStored, openLms, relaunchData2004, setCalls, commitRuleBreaches, type LmsConfig } from "../support/lms";
import { moodleRejects } from "../support/moodleRules";
import { cardsInCopy } from "../support/scoStore";
import { commitsFailUntilLmsBack } from "../support/scenarios";
import { browserSession } from "../support/session";
import { allRight, allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const ISO_DURATION = /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
const right = Object.entries(allRight(unit));

const session = browserSession("dist/peer-mentoring-scorm2004.zip");
let page: Page;
beforeEach(() => {
  page = session.page;
});

const open2004 = (config: Omit<LmsConfig, "version"> = {}) => openLms(page, session.server.url, { ...config, version: "2004" });
const callCount = async (name: string) => (await lmsCalls(page)).filter((c) => c.name === name).length;

/** Every SetValue accepted with error 0, every write one Moodle takes, and Commits no more often than the policy allows. */
async function expectCleanCalls() {
  const calls = await lmsCalls(page);
  expect(failedSets2004(calls)).toEqual([]);
  expect(moodleRejects(setCalls(calls), "2004")).toEqual([]);
  expect(await commitRuleBreaches(page)).toEqual([]);
  return calls;
}

describe("SCORM 2004 package in Chromium under scorm-again", () => {
  it("all 15 right, with a passing score from the LMS: completed, passed, scaled 1, 15 described answers, exit normal, one Terminate", async () => {
    await open2004({ cmi: { scaled_passing_score: "0.8", learner_id: "anna" } });
    const frame = await scoFrame(page);
    await dragAll(page, frame, right);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 15 af 15 rigtige");
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    await expect.poll(() => frame.locator(".finished").textContent()).toContain("Du kan lukke vinduet");

    const cmi = await lmsData(page);
    expect(cmi.completion_status).toBe("completed");
    expect(cmi.success_status).toBe("passed");
    expect(cmi.score).toEqual({ scaled: "1", raw: "100", min: "0", max: "100" });
    expect(cmi.progress_measure).toBe("1");
    expect(cmi.exit).toBe("normal");
    expect(cmi.location).toBe("exercise");
    expect(cmi.session_time).toMatch(ISO_DURATION);
    const answers = Object.values(cmi.interactions as Record<string, Record<string, string>>);
    expect(answers).toHaveLength(15);
    expect(answers.map((a) => a.description).sort()).toEqual(unit.cards.map((c) => `{lang=da}${c.text}`).sort());
    expect(answers.every((a) => a.result === "correct" && a.type === "fill-in" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(a.timestamp!))).toBe(true);
    expect(answers.find((a) => a.id === "card_empati")).toMatchObject({ learner_response: allRight(unit).empati, description: "{lang=da}Empati" });

    const calls = await expectCleanCalls();
    expect(calls.filter((c) => c.name === "Initialize")).toEqual([{ name: "Initialize", args: [""], result: "true", error: "0" }]);
    expect(calls.filter((c) => c.name === "Terminate")).toEqual([{ name: "Terminate", args: [""], result: "true", error: "0" }]);
    expect(calls.at(-1)!.name).toBe("Terminate");
    const order = setCalls(calls).map(([e]) => e);
    expect(order.lastIndexOf("cmi.score.scaled")).toBeLessThan(order.lastIndexOf("cmi.success_status"));

    // Leaving the page afterwards (pagehide) does not terminate a second time.
    await leaveSco(page);
    expect(await callCount("Terminate")).toBe(1);
    expect(session.errors).toEqual([]);
  });

  it("all 15 wrong with the same passing score: failed, raw 0, and closing the frame terminates exactly once", async () => {
    await open2004({ cmi: { scaled_passing_score: "0.8" } });
    const frame = await scoFrame(page);
    await dragAll(page, frame, Object.entries(allWrong(unit)));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 0 af 15 rigtige");
    await leaveSco(page);
    await expect.poll(() => callCount("Terminate")).toBe(1);
    const cmi = await lmsData(page);
    expect(cmi).toMatchObject({ completion_status: "completed", success_status: "failed", exit: "normal" });
    expect(cmi.score).toEqual({ scaled: "0", raw: "0", min: "0", max: "100" });
    expect(Object.values(cmi.interactions as Record<string, { result: string }>).every((i) => i.result === "incorrect")).toBe(true);
    await expectCleanCalls();
  });

  it("five cards placed, frame closed (exit suspend), relaunched with entry resume: cards back, finish, completed", async () => {
    await open2004();
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 5));
    await leaveSco(page);
    await expect.poll(() => callCount("Terminate")).toBe(1);
    const stored = await lmsData(page);
    expect(stored).toMatchObject({ exit: "suspend", completion_status: "incomplete", success_status: "unknown", location: "exercise", progress_measure: "0.3333" });
    expect(stored.session_time).toMatch(ISO_DURATION);
    await expectCleanCalls();
    await page.close();

    page = await session.newPage();
    await open2004({ cmi: relaunchData2004(stored) });
    frame = await scoFrame(page);
    for (const [card, zone] of right.slice(0, 5)) {
      expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    expect(await frame.locator('[data-drop-target=""] [data-card-id]').count()).toBe(10);
    await dragAll(page, frame, right.slice(5));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const cmi = await lmsData(page);
    expect(cmi).toMatchObject({ entry: "resume", completion_status: "completed", exit: "normal" });
    expect(cmi.score).toEqual({ scaled: "1", raw: "100", min: "0", max: "100" });
    expect(Object.keys(cmi.interactions)).toHaveLength(15);
    await expectCleanCalls();
    expect(session.errors).toEqual([]);
  });

  it("in review mode it restores everything but writes nothing graded", async () => {
    await open2004();
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.map(([card, zone]): [string, string] => [card, zone === "both" ? "mentor" : zone]));
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const finished = await lmsData(page);
    expect(finished.completion_status).toBe("completed");
    await page.close();

    page = await session.newPage();
    await open2004({ cmi: { ...relaunchData2004(finished), entry: "", mode: "review", credit: "no-credit" } });
    frame = await scoFrame(page);
    await expect.poll(() => frame.locator("#result").textContent()).toBe("Du fik 11 af 15 rigtige");
    expect(await frame.locator(".notice").first().textContent()).toContain("Gennemsyn");
    await frame.getByRole("button", { name: "Prøv igen" }).click();
    await dragAll(page, frame, right);
    await frame.getByRole("button", { name: "Tjek svar" }).click();
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    const calls = await expectCleanCalls();
    expect(setCalls(calls).map(([e]) => e)).toEqual(["cmi.session_time", "cmi.exit"]);
    const after = await lmsData(page);
    expect(after.score.raw).toBe(finished.score.raw);
    expect(after.suspend_data).toBe(finished.suspend_data);
  });

  it("the LMS session ends after 5 cards were stored, 5 more are placed, leave, log in again: all 10 back, and the LMS gets them", async () => {
    const cardsIn = (state: unknown) => Object.keys(decodeState(unit, String(state ?? "")).attempt.placements).length;
    await open2004({ cmi: { learner_id: "anna" } });
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 5));
    await expect.poll(async () => cardsIn((await lmsStored(page)).suspend_data), { timeout: 60_000 }).toBe(5);
    await endSession(page);
    await dragAll(page, frame, right.slice(5, 10));
    // The next commit answers "false": the not-saved notice shows.
    await expect.poll(() => frame.locator(".saving").count(), { timeout: 60_000 }).toBe(1);
    // That commit came from placements: not before the commit policy allowed it.
    expect(await commitRuleBreaches(page)).toEqual([]);
    // The browser's copy is written a moment after each placement.
    await expect.poll(() => cardsInCopy(frame, unit, "scorm2004", "anna")).toBe(10);
    await leaveSco(page);
    await expect.poll(() => callCount("Terminate")).toBe(1);
    const stored = await lmsStored(page);
    expect(cardsIn(stored.suspend_data)).toBe(5);

    // A relaunch in the same browser (its IndexedDB holds the copy) after a new login.
    await openLms(page, session.server.url, { version: "2004", cmi: relaunchData2004(stored), clearLocalStorage: true });
    frame = await scoFrame(page);
    await expect.poll(() => frame.locator('[data-drop-target]:not([data-drop-target=""]) [data-card-id]').count()).toBe(10);
    expect(await frame.locator(".notice.restored").count()).toBe(1);
    // The LMS is sent the 10 cards at once (launch commit), and its server stores them.
    await expect.poll(async () => cardsIn((await lmsStored(page)).suspend_data)).toBe(10);
    expect((await lmsStored(page)).progress_measure).toBe("0.6667");
    await expectCleanCalls();
    expect(session.errors).toEqual([]);
  });

  it("commits fail until the LMS is back, then a retry saves: the learner sees a notice until the score is saved", async () => {
    // The page's clock runs as usual but the test can jump it to the next retry: no waiting for
    // the real backoff, and no race with it.
    await page.clock.install();
    await open2004({ failCommits: 1e9 });
    const frame = await scoFrame(page);
    await commitsFailUntilLmsBack(page, frame, unit, "Commit");
    expect((await lmsData(page)).score.raw).toBe("100");
    await frame.getByRole("button", { name: "Afslut", exact: true }).click();
    expect(await callCount("Terminate")).toBe(1);
    const calls = await lmsCalls(page);
    expect(failedSets2004(calls)).toEqual([]);
  });
});
