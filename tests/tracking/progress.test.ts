import { describe, expect, it } from "vitest";
import type { Result } from "../../src/sorting/score";
import { mergeRecord, nextRecord, type LessonStatus } from "../../src/tracking/progress";

const result = (raw: number, passed: boolean | null): Result => ({ cards: [], correct: 0, total: 15, raw, scaled: raw / 100, passed });

describe("what a check may write", () => {
  it.each<[string, LessonStatus, number | null, Result, boolean, number | null, LessonStatus | null]>([
    ["first check, no mastery", "incomplete", null, result(60, null), false, 60, "completed"],
    ["first check, mastery passed", "incomplete", null, result(90, true), false, 90, "passed"],
    ["first check, mastery failed", "incomplete", null, result(40, false), false, 40, "failed"],
    ["better score raises raw, status stays", "completed", 60, result(80, null), false, 80, null],
    ["worse score keeps the best", "completed", 80, result(20, null), false, null, null],
    ["passed never falls to failed", "passed", 90, result(10, false), false, null, null],
    ["failed rises to passed with a better score", "failed", 40, result(90, true), false, 90, "passed"],
    ["after the solution, a better score is not recorded", "completed", 40, result(100, null), true, null, null],
    ["after the solution, failed does not become passed", "failed", 40, result(100, true), true, null, null],
    ["solution seen but nothing recorded yet counts", "incomplete", null, result(100, null), true, 100, "completed"],
    ["status from an earlier session is kept", "completed", 100, result(100, null), false, null, null],
  ])("%s", (_name, status, raw, r, solutionSeen, expRaw, expStatus) => {
    expect(nextRecord({ status, raw }, { result: r, solutionSeen, at: new Date(), latencySeconds: 1 })).toEqual({ raw: expRaw, status: expStatus });
  });
});

describe("offering a kept record to the LMS again", () => {
  it.each<[string, LessonStatus, number | null, LessonStatus, number | null, number | null, LessonStatus | null]>([
    ["LMS holds nothing", "incomplete", null, "completed", 80, 80, "completed"],
    ["LMS already holds more", "completed", 90, "completed", 80, null, null],
    ["LMS holds less", "failed", 40, "passed", 90, 90, "passed"],
    ["kept record has no score", "incomplete", null, "incomplete", null, null, null],
  ])("%s", (_name, prevStatus, prevRaw, status, raw, expRaw, expStatus) => {
    expect(mergeRecord({ status: prevStatus, raw: prevRaw }, { status, raw })).toEqual({ raw: expRaw, status: expStatus });
  });
});
