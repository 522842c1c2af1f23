// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from "vitest";
import { createLocalTracker } from "../../src/tracking/local";
import { checkOf } from "../support/check";
import { allRight, allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const KEY = "local:peer-mentoring:da";

beforeEach(() => localStorage.clear());

describe("local tracker (no LMS)", () => {
  it("starts fresh, keeps state, score and status in localStorage, and resumes from it", async () => {
    const first = createLocalTracker(localStorage, KEY);
    expect(await first.start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    first.save({ state: "pm1.abc.0.", location: "exercise" });
    first.record(checkOf(unit, allRight(unit)));
    first.record(checkOf(unit, allWrong(unit)));
    first.finish();
    const stored = JSON.parse(localStorage.getItem(KEY)!);
    expect(stored).toMatchObject({ state: "pm1.abc.0.", location: "exercise", status: "completed", raw: 100 });
    expect(stored.interactions).toHaveLength(30);
    expect(stored.interactions[0][0]).toEqual(["id", `card_${unit.cards[0]!.id}`]);
    const second = createLocalTracker(localStorage, KEY);
    expect(await second.start()).toEqual({ graded: true, resumed: true, savedState: "pm1.abc.0.", location: "exercise", restoredFromCopy: false });
  });

  it.each([["not json {"], ['"a string"'], ['{"state": 42, "raw": "x"}']])("survives corrupt storage %s", async (stored) => {
    localStorage.setItem(KEY, stored);
    const launch = await createLocalTracker(localStorage, KEY).start();
    expect(launch).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
  });

  it("works without storage at all", async () => {
    const refusing = { getItem: () => { throw new Error("denied"); }, setItem: () => { throw new Error("denied"); } } as unknown as Storage;
    for (const storage of [null, refusing]) {
      const tracker = createLocalTracker(storage, KEY);
      expect((await tracker.start()).resumed).toBe(false);
      expect(() => tracker.save({ state: "pm1.abc.0.", location: "exercise" })).not.toThrow();
      expect(() => tracker.finish()).not.toThrow();
    }
  });
});
