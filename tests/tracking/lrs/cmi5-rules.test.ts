/**
 * The cmi5 statements the AU builds, and the rule checker the browser tests rely on: good sequences
 * pass with no problem, each broken rule is named.
 */
import { describe, expect, it } from "vitest";
import validate from "xapi-validation";
import { lrsStrings } from "../../../src/i18n/lrs";
import { score } from "../../../src/sorting/score";
import * as c from "../../../src/tracking/lrs/cmi5Statements";
import type { Statement, Stamp } from "../../../src/tracking/lrs/xapiStatements";
import { breaks, checkCmi5, CMI5, MASTERY, MOVEON, SESSION_ID, type Cmi5Session } from "../../support/cmi5Rules";
import { ACTIVITY_ID, LEARNER, REGISTRATION } from "../../support/cmi5Lms";
import { allRight, allWrong, peerMentoring } from "../../support/unit";

const unit = peerMentoring();
const session = (sessionId: string, more: Partial<Cmi5Session> = {}): Cmi5Session => ({
  sessionId,
  registration: REGISTRATION,
  activityId: ACTIVITY_ID,
  launchMode: "Normal",
  masteryScore: 0.8,
  contextTemplate: {
    contextActivities: { grouping: [{ objectType: "Activity", id: "urn:learning-unit:peer-mentoring" }] },
    extensions: { [SESSION_ID]: sessionId },
  },
  ...more,
});
const S1 = session("session-1");
const scopeOf = (s: Cmi5Session): c.Cmi5Scope => ({
  launch: { actor: LEARNER as never, registration: s.registration, activityId: s.activityId },
  unit,
  t: lrsStrings("da"),
  template: s.contextTemplate,
});
let n = 0;
let clock = Date.UTC(2026, 10, 30, 9, 0, 0);
const stamp = (): Stamp => ({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`, timestamp: new Date((clock += 1000)).toISOString() });
const right = score(unit, allRight(unit));
const wrong = score(unit, allWrong(unit));

/** A whole session as the AU sends it: all right, mastery 0.8. */
function goodSession(s = S1, result = right): Statement[] {
  const scope = scopeOf(s);
  const verdict = c.verdict(result, 0.8);
  return [
    c.initialized(scope, stamp()),
    c.experienced(scope, stamp()),
    c.answered(scope, stamp(), result, 40),
    c.completed(scope, stamp(), result, 41),
    c.judged(scope, stamp(), verdict, result, 41, 0.8),
    c.terminated(scope, stamp(), 60),
  ];
}
const verbs = (list: Statement[]) => list.map((s) => s.verb.id.split("/").pop());
const categoriesOf = (s: Statement) => ((s.context.contextActivities as { category?: { id: string }[] }).category ?? []).map((a) => a.id);

describe("cmi5 statements", () => {
  it("every statement is valid xAPI, carries the session id, registration and the publisher id grouping", () => {
    for (const s of [...goodSession(), ...goodSession(S1, wrong)]) {
      expect(validate(s)).toEqual([]);
      expect(s.context.registration).toBe(REGISTRATION);
      expect((s.context.extensions as Record<string, unknown>)[SESSION_ID]).toBe("session-1");
      expect((s.context.contextActivities as { grouping: { id: string }[] }).grouping).toEqual([{ objectType: "Activity", id: "urn:learning-unit:peer-mentoring" }]);
    }
  });

  it("the cmi5 category on defined statements only, moveon on completed/passed/failed only", () => {
    const list = goodSession();
    expect(list.map((s) => [verbs([s])[0], categoriesOf(s)])).toEqual([
      ["initialized", [CMI5]],
      ["experienced", []],
      ["answered", []],
      ["completed", [CMI5, MOVEON]],
      ["passed", [CMI5, MOVEON]],
      ["terminated", [CMI5]],
    ]);
    // answered keeps its own parent activity beside the template's grouping.
    expect((list[2]!.context.contextActivities as { parent: { id: string }[] }).parent).toEqual([{ objectType: "Activity", id: ACTIVITY_ID }]);
  });

  it("results as cmi5 §9.5 wants them: completed without score, passed/failed with scaled score, success and the mastery score", () => {
    const [, , , completed, passed, terminated] = goodSession();
    expect(completed!.result).toEqual({ completion: true, duration: "PT41S" });
    expect(passed!.result).toEqual({ score: { scaled: 1, raw: 15, min: 0, max: 15 }, success: true, duration: "PT41S" });
    expect((passed!.context.extensions as Record<string, unknown>)[MASTERY]).toBe(0.8);
    expect(terminated!.result).toEqual({ duration: "PT1M" });
    const failed = goodSession(S1, wrong)[4]!;
    expect(verbs([failed])).toEqual(["failed"]);
    expect(failed.result).toEqual({ score: { scaled: 0, raw: 0, min: 0, max: 15 }, success: false, duration: "PT41S" });
  });

  it("the template's values win over the AU's own", () => {
    const merged = c.mergeContext({ registration: "lms", extensions: { a: 1 } }, { registration: "au", language: "da", extensions: { a: 2, b: 3 } });
    expect(merged).toEqual({ registration: "lms", language: "da", contextActivities: {}, extensions: { a: 1, b: 3 } });
  });
});

describe("the cmi5 rule checker", () => {
  it("passes good sequences: one session; two sessions of one registration (completed and passed once)", () => {
    expect(checkCmi5(goodSession(), [S1])).toEqual([]);
    const S2 = session("session-2");
    const first = goodSession(S1, wrong);
    const scope2 = scopeOf(S2);
    const second = [c.initialized(scope2, stamp()), c.answered(scope2, stamp(), right, 5), c.judged(scope2, stamp(), "passed", right, 6, 0.8), c.terminated(scope2, stamp(), 7)];
    expect(checkCmi5([...first, ...second], [S1, S2])).toEqual([]);
    // Browse: initialized and terminated only.
    const B = session("browse", { launchMode: "Browse" });
    expect(checkCmi5([c.initialized(scopeOf(B), stamp()), c.terminated(scopeOf(B), stamp(), 3)], [B])).toEqual([]);
  });

  const mutate = (i: number, f: (s: Statement) => Statement) => goodSession().map((s, j) => (j === i ? f(structuredClone(s)) : s));
  const without = (i: number) => goodSession().filter((_, j) => j !== i);
  const ctx = (s: Statement) => s.context as { contextActivities: Record<string, { id: string }[]>; extensions: Record<string, unknown> };

  it.each<[string, () => Statement[], Cmi5Session[], string]>([
    ["a session that does not begin with initialized", () => without(0), [S1], "does not begin with initialized"],
    ["initialized twice", () => [goodSession()[0]!, ...goodSession()], [S1], "initialized more than once"],
    ["no terminated", () => without(5), [S1], "has no terminated"],
    ["a statement after terminated", () => { const g = goodSession(); return [...g, { ...c.answered(scopeOf(S1), stamp(), right, 1) }]; }, [S1], "after terminated"],
    ["completed twice in a registration", () => { const S2 = session("s2"); return [...goodSession(), ...goodSession(S2)]; }, [S1, session("s2")], "completed more than once"],
    ["passed and failed in one session", () => { const g = goodSession(); g.splice(5, 0, c.judged(scopeOf(S1), stamp(), "failed", wrong, 9, 0.8)); return g; }, [S1], "both passed and failed"],
    ["completed in Browse mode", () => goodSession(), [session("session-1", { launchMode: "Browse" })], "completed in Browse mode"],
    ["passed in Review mode", () => goodSession(), [session("session-1", { launchMode: "Review" })], "passed in Review mode"],
    ["the cmi5 category on answered", () => mutate(2, (s) => ({ ...s, context: c.mergeContext({}, s.context, [CMI5]) })), [S1], "allowed statement with the cmi5 category"],
    ["no cmi5 category on initialized", () => mutate(0, (s) => { ctx(s).contextActivities.category = []; return s; }), [S1], "without the cmi5 category"],
    ["no moveon category on completed", () => mutate(3, (s) => { ctx(s).contextActivities.category = [{ id: CMI5 }]; return s; }), [S1], "without the moveon category"],
    ["the moveon category on terminated", () => mutate(5, (s) => ({ ...s, context: c.mergeContext({}, s.context, [MOVEON]) })), [S1], "moveon category on a statement that judges nothing"],
    ["no session id", () => mutate(1, (s) => { delete ctx(s).extensions[SESSION_ID]; return s; }), [S1], "no known session id"],
    ["another registration", () => mutate(2, (s) => ({ ...s, context: { ...s.context, registration: "9b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e" } })), [S1], "is not the launch's"],
    ["the template's grouping dropped", () => mutate(4, (s) => { delete ctx(s).contextActivities.grouping; return s; }), [S1], "grouping urn:learning-unit:peer-mentoring is missing"],
    ["no duration on terminated", () => mutate(5, (s) => ({ ...s, result: {} })), [S1], "no result.duration"],
    ["no scaled score on passed", () => mutate(4, (s) => ({ ...s, result: { ...s.result, score: { raw: 15, min: 0, max: 15 } } })), [S1], "no result.score.scaled"],
    ["success false on passed", () => mutate(4, (s) => ({ ...s, result: { ...s.result, success: false } })), [S1], "success is false"],
    ["no masteryscore extension", () => mutate(4, (s) => { delete ctx(s).extensions[MASTERY]; return s; }), [S1], "masteryscore extension undefined"],
    ["a score on completed", () => mutate(3, (s) => ({ ...s, result: { ...s.result, score: { scaled: 1 } } })), [S1], "score on a statement other than passed/failed"],
    ["passed below the mastery score", () => goodSession(S1, score(unit, { ...allRight(unit), ...Object.fromEntries(Object.entries(allWrong(unit)).slice(0, 5)) })).map((s) => (s.verb.id.endsWith("failed") ? { ...s, verb: { ...s.verb, id: "http://adlnet.gov/expapi/verbs/passed" }, result: { ...s.result, success: true } } : s)), [S1], "passed below the mastery score"],
    ["an object that is not the launch's activity", () => mutate(0, (s) => ({ ...s, object: { ...s.object, id: "urn:learning-unit:peer-mentoring" } })), [S1], "is not the launch's activityId"],
    ["an actor without account", () => mutate(0, (s) => ({ ...s, actor: { objectType: "Agent", mbox: "mailto:anna@example.org" } })), [S1], "actor without an account"],
    ["an invalid statement", () => mutate(1, (s) => ({ ...s, verb: { id: "not an iri", display: {} } })), [S1], "4.1.0.0-1 xapi-validation"],
    // The rules CATAPULT's LRS proxy refuses a statement for, by their @cmi5/requirements numbers.
    ["initialized not first, by its number", () => without(0), [S1], "9.3.0.0-4 does not begin with initialized"],
    ["a statement after terminated, by its number", () => { const g = goodSession(); return [...g, c.answered(scopeOf(S1), stamp(), right, 1)]; }, [S1], "9.3.0.0-5 has statements after terminated"],
    ["a timestamp not in UTC", () => mutate(1, (s) => ({ ...s, timestamp: "2026-11-30T10:00:02.000+01:00" })), [S1], "9.7.0.0-2 timestamp 2026-11-30T10:00:02.000+01:00 is not UTC"],
    ["a statement id that is not a UUID", () => mutate(1, (s) => ({ ...s, id: "statement-2" })), [S1], "9.1.0.0-1 id statement-2 is not a UUID"],
    ["a raw score without min and max", () => mutate(4, (s) => ({ ...s, result: { ...s.result, score: { scaled: 1, raw: 15 } } })), [S1], "9.5.1.0-3 raw score without min and max"],
    ["a Group as the actor of a defined statement", () => mutate(0, (s) => ({ ...s, actor: { ...s.actor, objectType: "Group" } as never })), [S1], "9.2.0.0-2 actor of objectType Group"],
    ["failed at the mastery score", () => goodSession(S1, right).map((s) => (s.verb.id.endsWith("passed") ? { ...s, verb: { ...s.verb, id: "http://adlnet.gov/expapi/verbs/failed" }, result: { ...s.result, success: false } } : s)), [S1], "9.3.5.0-2 failed at or above the mastery score"],
  ])("finds %s", (_name, statements, sessions, problem) => {
    const found = checkCmi5(statements(), sessions);
    expect(found.join("\n")).toContain(problem);
  });

  it("names every problem by a requirement @cmi5/requirements knows", () => {
    expect(() => breaks("9.9.9.9-9", "no such rule")).toThrow("no cmi5 requirement 9.9.9.9-9");
    const found = checkCmi5([...without(0), c.answered(scopeOf(S1), stamp(), right, 1)], [S1]);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p).toMatch(/^(#\d+ \w+: |session [^:]+: )?\d+\.\d+\.\d+\.\d+-\d+ /);
  });

  it("orders a session by timestamp, not by arrival (a statement kept in the queue arrives late)", () => {
    const [init, ...rest] = goodSession();
    const late = [...rest.slice(0, 2), init!, ...rest.slice(2)];
    expect(checkCmi5(late, [S1])).toEqual([]);
  });
});
