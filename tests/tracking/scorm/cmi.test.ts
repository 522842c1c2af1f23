import { describe, expect, it } from "vitest";
import { cmiScore, cmiTime, cmiTimespan } from "../../../src/tracking/scorm/cmi";

// Moodle 4.5 scorm_12.js regexes (scorm12.md §4.1).
const MOODLE_TIMESPAN = /^[0-9]{2,4}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$/;
const MOODLE_DECIMAL = /^-?[0-9]{0,3}(\.[0-9]*)?$/;
const MOODLE_TIME = /^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$/;

describe("SCORM 1.2 value formats", () => {
  it.each([
    [0, "00:00:00.00"],
    [0.5, "00:00:00.50"],
    [61.257, "00:01:01.26"],
    [3600 * 27 + 5, "27:00:05.00"],
    [3600 * 12345, "9999:59:59.99"],
    [-3, "00:00:00.00"],
  ])("timespan of %f s is %s", (s, text) => {
    expect(cmiTimespan(s)).toBe(text);
    expect(text).toMatch(MOODLE_TIMESPAN);
  });

  it.each([
    [100, "100"],
    [0, "0"],
    [93.333333, "93.33"],
    [101, "100"],
    [-5, "0"],
  ])("score %f is %s", (pct, text) => {
    expect(cmiScore(pct)).toBe(text);
    expect(text).toMatch(MOODLE_DECIMAL);
  });

  it("time of day has two digits per part", () => {
    expect(cmiTime(new Date(2026, 0, 2, 3, 4, 5))).toBe("03:04:05");
    expect(cmiTime(new Date())).toMatch(MOODLE_TIME);
  });
});
