/**
 * Whole sessions, shared by the browser tests that play different packages the same way (the hand-made
 * unit, an imported one): the learner's actions and what the LMS must then hold.
 */
import { expect } from "vitest";
import type { Frame, Page } from "playwright-core";
import type { Unit } from "../../src/content/types";
import { strings } from "../../src/i18n";
import { leaveSco, lmsCalls, lmsData, openLms, rejectedSets, sentValues, setCalls, commitRuleBreaches } from "./lms";
import { dragAll, scoFrame } from "./learner";
import { moodleRejects } from "./moodleRules";
import type { BrowserSession } from "./session";
import { allRight } from "./unit";

export const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}\.\d{2}$/;

/**
 * session_time as the unit sent it: scorm-again stores its own rewriting ("00:00:08.50" becomes
 * "00:00:08.5"), while Moodle stores what the unit sent.
 */
export async function sentSessionTimes(page: Page): Promise<string[]> {
  const sent = sentValues(await lmsCalls(page), "cmi.core.session_time");
  expect(sent.length).toBeGreaterThan(0);
  for (const value of sent) expect(value).toMatch(CMI_TIMESPAN);
  return sent;
}

/**
 * Every card dragged to its zone, checked, finished: score 100, completed, one interaction per card,
 * LMSInitialize and LMSFinish exactly once, no value Moodle would refuse.
 */
export async function playAllRight(page: Page, session: BrowserSession, unit: Unit): Promise<void> {
  const t = strings(unit.lang);
  const n = unit.cards.length;
  await openLms(page, session.server.url);
  const frame = await scoFrame(page);
  await dragAll(page, frame, Object.entries(allRight(unit)));
  for (const zone of unit.zones) {
    const expected = unit.cards.filter((c) => c.accept[0] === zone.id).length;
    await expect.poll(() => frame.locator(`[data-drop-target="${zone.id}"] [data-card]`).count()).toBe(expected);
  }
  await frame.getByRole("button", { name: t.check }).click();
  await expect.poll(() => frame.locator("#result").textContent()).toBe(t.result(n, n));
  expect(await frame.locator(".card.is-correct").count()).toBe(n);
  expect(await frame.locator(".card.is-correct .verdict").first().textContent()).toContain(t.correct);
  await frame.getByRole("button", { name: t.finish, exact: true }).click();
  await expect.poll(() => frame.locator(".finished").textContent()).toContain(t.finished);

  const cmi = await lmsData(page);
  expect(cmi.core.score).toEqual({ raw: "100", min: "0", max: "100" });
  expect(cmi.core.lesson_status).toBe("completed");
  expect(cmi.core.exit).toBe("");
  await sentSessionTimes(page);
  const interactions = Object.values(cmi.interactions as Record<string, { id: string; result: string }>);
  expect(interactions.map((i) => i.id).sort()).toEqual(unit.cards.map((c) => `card_${c.id}`).sort());
  expect(interactions.every((i) => i.result === "correct")).toBe(true);
  const calls = await lmsCalls(page);
  expect(rejectedSets(calls)).toEqual([]);
  expect(moodleRejects(setCalls(calls))).toEqual([]);
  expect(await commitRuleBreaches(page)).toEqual([]);
  expect(calls.filter((c) => c.name === "LMSInitialize")).toEqual([{ name: "LMSInitialize", args: [""], result: "true" }]);
  expect(calls.filter((c) => c.name === "LMSFinish")).toEqual([{ name: "LMSFinish", args: [""], result: "true" }]);
  expect(calls.at(-1)!.name).toBe("LMSFinish");
  // Score is written before the status.
  const order = calls.filter((c) => c.name === "LMSSetValue").map((c) => c.args[0]);
  expect(order.lastIndexOf("cmi.core.score.raw")).toBeLessThan(order.lastIndexOf("cmi.core.lesson_status"));

  // Leaving the page afterwards (pagehide) does not finish a second time.
  await leaveSco(page);
  expect((await lmsCalls(page)).filter((c) => c.name === "LMSFinish")).toHaveLength(1);
  expect(session.errors).toEqual([]);
}

/**
 * The LMS refuses every commit (opened with `failCommits: 1e9` and the page clock installed): the
 * learner sees the not-saved notice from launch, sorts every card right and checks, and the notice
 * stays. Then the LMS is back, and each poll jumps the page clock past the longest backoff until a
 * retry went through and the notice cleared. Checks that every commit before was refused and the
 * last one accepted; `commit` is the version's call name (LMSCommit, Commit).
 */
export async function commitsFailUntilLmsBack(page: Page, frame: Frame, unit: Unit, commit: "LMSCommit" | "Commit"): Promise<void> {
  const t = strings(unit.lang);
  const n = unit.cards.length;
  const commits = async () => (await lmsCalls(page)).filter((c) => c.name === commit).map((c) => c.result);
  const notice = frame.locator(".saving");
  await expect.poll(() => notice.count()).toBe(1);
  expect(await notice.getAttribute("role")).toBe("status");
  expect(await notice.textContent()).toContain(t.unsaved);
  await dragAll(page, frame, Object.entries(allRight(unit)));
  await frame.getByRole("button", { name: t.check }).click();
  await expect.poll(() => frame.locator("#result").textContent()).toBe(t.result(n, n));
  expect(await notice.count()).toBe(1);
  const refused = (await commits()).length;
  expect(refused).toBeGreaterThanOrEqual(2); // launch and check, at least

  await page.evaluate(() => ((window as unknown as { __lms: { failCommits: number } }).__lms.failCommits = 0));
  await expect
    .poll(async () => {
      await page.clock.fastForward(60_000);
      return notice.count();
    })
    .toBe(0);
  const results = await commits();
  expect(results.slice(0, refused)).toEqual(Array(refused).fill("false"));
  expect(results.at(-1)).toBe("true");
}
