/**
 * The shared rule (src/tracking/localCopy.ts) that decides at launch between this browser's copy and
 * what the LMS gives back, table-driven: a return value never counts, only the sequence read back.
 */
import { describe, expect, it } from "vitest";
import { copyKey, reconcile, validCopy, type LocalCopy } from "../../src/tracking/localCopy";
import { encodeState } from "../../src/state/resume";
import { freshAttempt } from "../../src/sorting/attempt";
import { peerMentoring } from "../support/unit";

const unit = peerMentoring();
const state = (seq: number) => encodeState(unit, { ...freshAttempt(), placements: { empati: "mentor" } }, seq);
const answer = (index: number) => ({ index, fields: [["id", `card_${index}`]] as [string, string][] });
const copy = (seq: number, extra: Partial<LocalCopy> = {}): LocalCopy => ({ seq, state: state(seq), location: "exercise", record: null, interactions: [], ...extra });
const lms = (lmsState: string, interactionCount = 0, freshAttempt = false) => ({ state: lmsState, interactionCount, freshAttempt });

describe("reconcile: local copy against the LMS's state", () => {
  it.each([
    ["no copy", null, lms(state(4)), { use: "lms", drop: false }],
    ["LMS holds exactly the copy", copy(7), lms(state(7)), { use: "lms", drop: true }],
    ["LMS went on elsewhere (newer)", copy(7), lms(state(9)), { use: "lms", drop: true }],
    ["LMS holds an older state", copy(7), lms(state(5)), { use: "copy", drop: false, replay: [] }],
    ["LMS holds nothing", copy(1), lms(""), { use: "copy", drop: false, replay: [] }],
    ["LMS holds pm1 state (sequence 0, learners' state today)", copy(1), lms("pm1.abc.0."), { use: "copy", drop: false, replay: [] }],
    ["LMS holds corrupt state", copy(2), lms("{corrupt"), { use: "copy", drop: false, replay: [] }],
    ["a copy without a sequence never beats the LMS", copy(0), lms(""), { use: "lms", drop: true }],
    [
      "only answers the LMS lacks are replayed, at its _count",
      copy(8, { interactions: [answer(15), answer(16), answer(17)] }),
      lms(state(3), 16),
      { use: "copy", drop: false, replay: [answer(16), answer(17)] },
    ],
    [
      "answers are appended at _count even if the indexes drifted",
      copy(8, { interactions: [answer(15), answer(16)] }),
      lms(state(3), 0),
      { use: "copy", drop: false, replay: [{ ...answer(15), index: 0 }, { ...answer(16), index: 1 }] },
    ],
    [
      "a finished attempt's copy does not fill a fresh attempt",
      copy(9, { record: { status: "completed", raw: 100 } }),
      lms("", 0, true),
      { use: "lms", drop: true },
    ],
    [
      "an unfinished copy does fill a fresh attempt (the session died before anything was stored)",
      copy(9, { record: { status: "incomplete", raw: null } }),
      lms("", 0, true),
      { use: "copy", drop: false, replay: [] },
    ],
  ] as const)("%s", (_name, c, l, verdict) => {
    expect(reconcile(c as LocalCopy | null, l)).toEqual(verdict);
  });

  it("keys copies by standard, unit and learner", () => {
    expect(copyKey("scorm12", "peer-mentoring:da", "anna")).not.toBe(copyKey("scorm12", "peer-mentoring:da", "bo"));
    expect(copyKey("scorm12", "peer-mentoring:da", "anna")).not.toBe(copyKey("scorm2004", "peer-mentoring:da", "anna"));
  });

  it.each([
    [copy(3), true],
    [copy(3, { record: { status: "passed", raw: 80 }, interactions: [answer(0)] }), true],
    [null, false],
    ["text", false],
    [{ ...copy(3), seq: "3" }, false],
    [{ ...copy(3), record: { status: "passed", raw: "80" } }, false],
    [{ ...copy(3), interactions: [{ index: -1, fields: [] }] }, false],
    [{ ...copy(3), interactions: [{ index: 0, fields: [["id"]] }] }, false],
  ])("validates a stored copy: %j -> %s", (value, ok) => {
    expect(validCopy(value)).toBe(ok);
  });
});
