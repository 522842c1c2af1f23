/**
 * A closed tab keeps the learner's place in every LMS (issue 18): the built SCORM 1.2 and 2004 zips
 * in Chromium under a test LMS that behaves like ILIAS and Chamilo on a bad day (server.ts,
 * `dropWhileClosing`): whatever the SCO sets or commits while its page closes is lost, and only an
 * attempt whose server holds exit "suspend" resumes. The next launch is in a new browser context,
 * with nothing kept locally: all the learner gets back comes from the LMS.
 */
import { describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { decodeState } from "../../src/state/resume";
import { dragAll, scoFrame } from "../support/learner";
import { lmsCalls, lmsData, nextLaunch, openBadDayLms } from "../support/lms";
import { scoStore } from "../support/scoStore";
import { browserSession } from "../support/session";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const right = Object.entries(allRight(unit));
const placedCards = (frame: Frame) => frame.locator('[data-drop-target]:not([data-drop-target=""]) [data-card-id]').count();

describe.each([
  { version: "1.2" as const, zip: "dist/peer-mentoring-scorm12.zip", learner: { core: { student_id: "anna" } }, terminate: "LMSFinish" },
  { version: "2004" as const, zip: "dist/peer-mentoring-scorm2004.zip", learner: { learner_id: "anna" }, terminate: "Terminate" },
])("SCORM $version under an LMS that loses what a closing page sends", ({ version, zip, learner, terminate }) => {
  const session = browserSession(zip);

  it("5 cards placed, the tab closed 3 s after the last: the next launch, in another browser, shows all 5 from the LMS, entry resume", async () => {
    let page: Page = session.page;
    // The page's clock runs as usual; the test moves it the 3 s to the close at once.
    await page.clock.install();
    const server = await openBadDayLms(page, session.server.url, { version, cmi: learner });
    let frame = await scoFrame(page);
    await dragAll(page, frame, right.slice(0, 5));
    await page.clock.runFor(3_000);
    // Everything the page does while closing (the last session time, the closing call) is lost.
    await page.close({ runBeforeUnload: true });
    const stored = server.stored as { core?: Record<string, unknown> } & Record<string, unknown>;
    expect(version === "1.2" ? stored.core!.exit : stored.exit).toBe("suspend");
    expect(Object.keys(decodeState(unit, String(stored.suspend_data)).attempt.placements)).toHaveLength(5);

    page = await session.newPage();
    await openBadDayLms(page, session.server.url, { version, cmi: nextLaunch(stored, version) });
    frame = await scoFrame(page);
    await expect.poll(() => placedCards(frame)).toBe(5);
    for (const [card, zone] of right.slice(0, 5)) {
      expect(await frame.locator(`[data-drop-target="${zone}"] [data-card="${card}"]`).count()).toBe(1);
    }
    const cmi = await lmsData(page);
    expect(version === "1.2" ? cmi.core.entry : cmi.entry).toBe("resume");
    // From the LMS alone: this browser kept nothing, and nothing was restored from a copy.
    expect(await frame.locator(".restored").count()).toBe(0);
    expect(await scoStore(frame, unit)).toEqual({});
    expect((await lmsCalls(page)).filter((c) => c.name === terminate)).toEqual([]);
    expect(session.errors).toEqual([]);
    await page.close();
  });
});
