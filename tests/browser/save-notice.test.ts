/**
 * "Not saved" means not saved (issue 17, SCORM packages): the built SCORM 1.2 and 2004 zips in
 * Chromium under scorm-again. Every appearance of the notice is recorded in the SCO's page by a
 * MutationObserver from its first line on (tests/support/unsavedNotice.ts), together with the
 * answers of the commits so far, so a notice that flashes up between two polls is caught too.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { decodeState } from "../../src/state/resume";
import { strings } from "../../src/i18n";
import { dragAll, scoFrame } from "../support/learner";
import { lmsCalls, lmsStored, openLms } from "../support/lms";
import { browserSession } from "../support/session";
import { watchUnsavedNotice } from "../support/unsavedNotice";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const t = strings(unit.lang);
const right = Object.entries(allRight(unit));

const storedCards = async (page: Page) => Object.keys(decodeState(unit, String((await lmsStored(page)).suspend_data ?? "")).attempt.placements).length;

describe.each([
  { version: "1.2" as const, zip: "dist/peer-mentoring-scorm12.zip", commit: "LMSCommit" },
  { version: "2004" as const, zip: "dist/peer-mentoring-scorm2004.zip", commit: "Commit" },
])("SCORM $version: the not-saved notice", ({ version, zip, commit }) => {
  const session = browserSession(zip);

  it("never shows in a calm run (every commit answered true), from launch to Afslut", async () => {
    const page = session.page;
    const notice = await watchUnsavedNotice(page);
    await openLms(page, session.server.url, { version });
    const frame = await scoFrame(page);
    await dragAll(page, frame, right);
    // The debounced commit after the last card has come and gone: the LMS's server holds all 15.
    await expect.poll(() => storedCards(page)).toBe(15);
    await frame.getByRole("button", { name: t.check }).click();
    await expect.poll(() => frame.locator("#result").textContent()).toBe(t.result(15, 15));
    await frame.getByRole("button", { name: t.finish, exact: true }).click();
    await expect.poll(() => frame.locator(".finished").textContent()).toContain(t.finished);
    const commits = (await lmsCalls(page)).filter((c) => c.name === commit);
    expect(commits.length).toBeGreaterThanOrEqual(3); // launch, after the cards, the check
    expect(commits.every((c) => c.result === "true")).toBe(true);
    expect(notice()).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it("shows at the first refused commit, stays while retries fail, and goes when the LMS is back", async () => {
    const page = session.page;
    await page.clock.install();
    const notice = await watchUnsavedNotice(page);
    await openLms(page, session.server.url, { version });
    const frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 2));
    await page.clock.runFor(2_000);
    await expect.poll(() => storedCards(page)).toBe(2);
    // The LMS stops answering true: the next placement's commit is refused.
    await page.evaluate(() => ((window as unknown as { __lms: { failCommits: number } }).__lms.failCommits = 1e9));
    await dragAll(page, frame, right.slice(2, 3));
    await page.clock.runFor(2_000);
    await expect.poll(() => frame.locator(".saving").count()).toBe(1);
    // Two retries (2 s, then 5 s later) are refused too: the notice stays, shown once.
    await page.clock.runFor(7_000);
    const refused = (await lmsCalls(page)).filter((c) => c.name === commit && c.result === "false").length;
    expect(refused).toBe(3);
    await page.evaluate(() => ((window as unknown as { __lms: { failCommits: number } }).__lms.failCommits = 0));
    await page.clock.runFor(15_000);
    await expect.poll(() => frame.locator(".saving").count()).toBe(0);
    expect(await storedCards(page)).toBe(3);
    // Shown once, at the first refused commit (however many commits the drags' pace made before it),
    // and gone at the first accepted one.
    const [shown, gone, ...more] = notice();
    expect(more).toEqual([]);
    expect(shown).toMatchObject({ shown: true, text: t.unsaved });
    expect(shown!.commits).toEqual([...Array(shown!.commits.length - 1).fill("true"), "false"]);
    expect(gone).toEqual({ shown: false, text: "", commits: [...shown!.commits, "false", "false", "true"] });
  });
});
