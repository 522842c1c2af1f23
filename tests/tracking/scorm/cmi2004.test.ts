/**
 * SCORM 2004 value formats, each output checked by the two validators that matter: scorm-again's
 * strict SCORM 2004 runtime (SetValue then GetLastError "0") and Moodle's scorm_13.js data types
 * (tests/support/moodleRules.ts). Invalid values sit beside the valid ones, so a validator that
 * accepted anything would fail here.
 */
import * as scorm2004 from "scorm-again/scorm2004";
import { describe, expect, it } from "vitest";
import { isoDuration } from "../../../src/tracking/isoDuration";
import { isoTimestamp, langString, parsePassingScore, progressMeasure, scaledScore } from "../../../src/tracking/scorm/cmi2004";
import { cardInteraction2004 } from "../../../src/tracking/scorm/interactions";
import { score } from "../../../src/sorting/score";
import { moodle2004Accepts } from "../../support/moodleRules";
import { AT } from "../../support/check";
import { allRight, peerMentoring } from "../../support/unit";

interface Api2004 {
  Initialize(p: ""): string;
  SetValue(element: string, value: string): string;
  GetValue(element: string): string;
  GetLastError(): string;
}
// The ESM build exports the class by name while its .d.ts declares a default export.
const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: new (settings: object) => Api2004 }).Scorm2004API;

/** A fresh strict runtime with one interaction opened (id and type set), so interaction fields can be tried. */
function runtime() {
  const api = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true });
  api.Initialize("");
  api.SetValue("cmi.interactions.0.id", "card_probe");
  api.SetValue("cmi.interactions.0.type", "fill-in");
  return api;
}
const scormAgainAccepts = (element: string, value: string) => {
  const api = runtime();
  return api.SetValue(element, value) === "true" && api.GetLastError() === "0";
};
const accepted = (element: string, value: string) => ({ scormAgain: scormAgainAccepts(element, value), moodle: moodle2004Accepts(element, value) });
const BOTH = { scormAgain: true, moodle: true };
const NEITHER = { scormAgain: false, moodle: false };

describe("ISO 8601 durations (session_time, latency)", () => {
  it.each([
    [0, "PT0S"],
    [12.95, "PT12.95S"],
    [12.951, "PT12.95S"],
    [0.004, "PT0S"],
    [59.999, "PT1M"],
    [95.5, "PT1M35.5S"],
    [3723.5, "PT1H2M3.5S"],
    [3600, "PT1H"],
    [3605, "PT1H5S"],
    [100 * 3600 + 1, "PT100H1S"],
    [-3, "PT0S"],
  ])("%f s is %s, and both validators take it", (seconds, text) => {
    expect(isoDuration(seconds)).toBe(text);
    expect(accepted("cmi.session_time", text)).toEqual(BOTH);
    expect(accepted("cmi.interactions.0.latency", text)).toEqual(BOTH);
  });

  it.each(["PT1H2M3.555S", "00:01:35.50", "PT1M2H", "PT-5S", "95.5"])("invalid %j is refused by both", (text) => {
    expect(accepted("cmi.session_time", text)).toEqual(NEITHER);
  });
});

describe("timestamps", () => {
  it.each([
    [new Date(2026, 10, 29, 14, 3, 27), "2026-11-29T14:03:27"],
    [new Date(2026, 0, 2, 3, 4, 5), "2026-01-02T03:04:05"],
    [new Date(2030, 11, 31, 23, 59, 59, 999), "2030-12-31T23:59:59"],
  ])("%s is %s, in the local clock, and both validators take it", (date, text) => {
    expect(isoTimestamp(date)).toBe(text);
    expect(accepted("cmi.interactions.0.timestamp", text)).toEqual(BOTH);
  });

  it.each(["2026-11-29 14:03:27", "14:03:27", "2026-11-29T24:00:00", "2026-13-01T00:00:00"])("invalid %j is refused by both", (text) => {
    expect(accepted("cmi.interactions.0.timestamp", text)).toEqual(NEITHER);
  });
});

describe("score.scaled and progress_measure", () => {
  it.each([
    [100, "1"],
    [0, "0"],
    [60, "0.6"],
    [66.67, "0.6667"],
    [93.33, "0.9333"],
    [150, "1"],
    [-5, "0"],
  ])("score %f is scaled %s", (pct, text) => {
    expect(scaledScore(pct)).toBe(text);
    expect(accepted("cmi.score.scaled", text)).toEqual(BOTH);
  });

  it.each([
    [0, 15, "0"],
    [7, 15, "0.4667"],
    [15, 15, "1"],
    [3, 0, "0"],
  ])("%i of %i cards placed is progress %s", (done, total, text) => {
    expect(progressMeasure(done, total)).toBe(text);
    expect(accepted("cmi.progress_measure", text)).toEqual(BOTH);
  });

  it.each([
    ["cmi.score.scaled", "1.5"],
    ["cmi.score.scaled", "100"],
    ["cmi.score.scaled", "0,5"],
    ["cmi.progress_measure", "-0.1"],
    ["cmi.progress_measure", "1.01"],
  ])("invalid %s %j is refused by both", (element, text) => {
    expect(accepted(element, text)).toEqual(NEITHER);
  });

  it.each([
    ["0.8", 0.8],
    ["1", 1],
    ["-0.5", -0.5],
    ["", null],
    ["1.5", null],
    ["abc", null],
  ])("cmi.scaled_passing_score %j reads as %s", (text, value) => {
    expect(parsePassingScore(text)).toBe(value);
  });
});

describe("localized strings (interaction description)", () => {
  it.each([
    ["da", "Empati", "{lang=da}Empati"],
    ["en", "  Gives\nadvice  ", "{lang=en}Gives advice"],
    ["da", "{lang=en}x", "{lang=da}(lang=en}x"],
    ["da", "æ".repeat(300), `{lang=da}${"æ".repeat(250)}`],
  ])("%s %j is %j", (lang, text, out) => {
    expect(langString(lang, text)).toBe(out);
    expect(accepted("cmi.interactions.0.description", out)).toEqual(BOTH);
  });

  it.each(["{lang=da}{x}", "{lang=toolonglang}x"])("invalid %j is refused by both", (text) => {
    expect(accepted("cmi.interactions.0.description", text)).toEqual(NEITHER);
  });

  it("300 characters are refused by Moodle (scorm-again treats the 250 as a floor): langString keeps to 250", () => {
    expect(accepted("cmi.interactions.0.description", `{lang=da}${"a".repeat(300)}`)).toEqual({ scormAgain: true, moodle: false });
  });
});

describe("one card's interaction", () => {
  const unit = peerMentoring();
  const wrongWay = { ...allRight(unit), [unit.cards[0]!.id]: unit.zones.find((z) => !unit.cards[0]!.accept.includes(z.id))!.id };
  const result = score(unit, wrongWay);

  it("is id, type, description, response, correct patterns, result, weighting, latency, timestamp, in that order", () => {
    const card = unit.cards[0]!;
    expect(cardInteraction2004(result.cards[0]!, AT, 95.5, unit.lang)).toEqual([
      ["id", `card_${card.id}`],
      ["type", "fill-in"],
      ["description", `{lang=da}${card.text}`],
      ["learner_response", wrongWay[card.id]],
      ...card.accept.map((z, i) => [`correct_responses.${i}.pattern`, z]),
      ["result", "incorrect"],
      ["weighting", "1"],
      ["latency", "PT1M35.5S"],
      ["timestamp", "2026-11-29T14:03:27"],
    ]);
    expect(cardInteraction2004(result.cards[1]!, AT, 95.5, unit.lang)).toContainEqual(["result", "correct"]);
  });

  it("every field of every card is accepted by scorm-again (strict, written in order) and Moodle", () => {
    const api = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true });
    api.Initialize("");
    const refused: string[] = [];
    result.cards.forEach((r, n) => {
      for (const [suffix, value] of cardInteraction2004(r, AT, 95.5, unit.lang)) {
        const element = `cmi.interactions.${n}.${suffix}`;
        if (api.SetValue(element, value) !== "true" || api.GetLastError() !== "0") refused.push(`scorm-again: ${element} = ${value}`);
        if (!moodle2004Accepts(element, value)) refused.push(`moodle: ${element} = ${value}`);
      }
    });
    expect(refused).toEqual([]);
    expect(api.GetValue("cmi.interactions._count")).toBe(String(unit.cards.length));
    expect(api.GetValue("cmi.interactions.0.description")).toBe(`{lang=da}${unit.cards[0]!.text}`);
  });

  it("1.2's result `wrong` and a type after the responses are refused by scorm-again", () => {
    const api = runtime();
    expect(api.SetValue("cmi.interactions.0.result", "wrong")).toBe("false");
    expect(api.GetLastError()).toBe("406");
    expect(api.SetValue("cmi.interactions.1.learner_response", "mentor")).toBe("false");
    expect(api.GetLastError()).not.toBe("0");
  });
});
