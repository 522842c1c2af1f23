import { describe, expect, it } from "vitest";
import { canCheck, freshAttempt, reduceAttempt, type Attempt } from "../../src/sorting/attempt";
import { cardsIn, place, poolOrder, solution, unplaced } from "../../src/sorting/model";
import { score } from "../../src/sorting/score";
import { allRight, allWrong, peerMentoring } from "../support/unit";

const unit = peerMentoring();

describe("placements", () => {
  it("moves a card to a zone, between zones and back to the pool without mutating", () => {
    const a = place({}, "empati", "mentor");
    const b = place(a, "empati", "both");
    const c = place(b, "empati", null);
    expect([a, b, c]).toEqual([{ empati: "mentor" }, { empati: "both" }, {}]);
    expect(cardsIn(b, unit.cards, "both").map((x) => x.id)).toEqual(["empati"]);
    expect(unplaced(b, unit.cards)).toHaveLength(14);
  });

  it("deals the pool in a fixed order that is a permutation and does not follow the zones", () => {
    const order = poolOrder(unit).map((c) => c.id);
    expect(order).toEqual(poolOrder(unit).map((c) => c.id));
    expect([...order].sort()).toEqual(unit.cards.map((c) => c.id).sort());
    expect(order).not.toEqual(unit.cards.map((c) => c.id));
  });

  it("the solution puts each card in the first zone it accepts", () => {
    expect(solution(unit)["sociale-faerdigheder"]).toBe("both");
    expect(solution(unit)).toEqual(allRight(unit));
  });
});

describe("score", () => {
  it.each([
    ["all right", allRight(unit), 15, 100, 1],
    ["all wrong", allWrong(unit), 0, 0, 0],
    ["one wrong", { ...allRight(unit), empati: "mentee" }, 14, 93.33, 0.9333],
    ["sociale færdigheder in Mentee is also right", { ...allRight(unit), "sociale-faerdigheder": "mentee" }, 15, 100, 1],
    ["sociale færdigheder in Mentor is wrong", { ...allRight(unit), "sociale-faerdigheder": "mentor" }, 14, 93.33, 0.9333],
    ["nothing placed", {}, 0, 0, 0],
  ])("%s", (_name, placements, correct, raw, scaled) => {
    const r = score(unit, placements);
    expect(r.correct).toBe(correct);
    expect(r.total).toBe(15);
    expect(r.raw).toBe(raw);
    expect(r.scaled).toBe(scaled);
    expect(r.passed).toBeNull();
  });

  it("marks each card right or wrong with where it was placed", () => {
    const r = score(unit, { ...allRight(unit), empati: "both" });
    expect(r.cards.find((c) => c.card.id === "empati")).toMatchObject({ placed: "both", correct: false });
    expect(r.cards.filter((c) => !c.correct).map((c) => c.card.id)).toEqual(["empati"]);
  });

  it.each([
    [80, allRight(unit), true],
    [80, { ...allRight(unit), empati: "both", selvtillid: "both", taalmodighed: "both" }, true], // 12/15 = 80
    [80, { ...allRight(unit), empati: "both", selvtillid: "both", taalmodighed: "both", "personlig-vaekst": "mentor" }, false],
    [0, allWrong(unit), true],
  ])("mastery %i judges passed", (mastery, placements, passed) => {
    expect(score({ ...unit, masteryScore: mastery }, placements).passed).toBe(passed);
  });
});

describe("attempt", () => {
  const run = (...actions: Parameters<typeof reduceAttempt>[2][]): Attempt =>
    actions.reduce((a, action) => reduceAttempt(unit, a, action), freshAttempt());
  const placeAll = Object.entries(allRight(unit)).map(([cardId, zoneId]) => ({ type: "place" as const, cardId, zoneId }));

  it("cannot check until every card is placed", () => {
    const partial = run(...placeAll.slice(0, 14), { type: "check" });
    expect(partial.checked).toBe(false);
    expect(canCheck(partial, unit)).toBe(false);
    const full = run(...placeAll, { type: "check" });
    expect(full.checked).toBe(true);
  });

  it("locks cards after the check, and retry starts over with every card in the pool", () => {
    const checked = run(...placeAll, { type: "check" }, { type: "place", cardId: "empati", zoneId: "both" });
    expect(checked.placements.empati).toBe("mentor");
    const again = reduceAttempt(unit, checked, { type: "retry" });
    expect(again).toEqual(freshAttempt());
  });

  it("remembers across a retry that the solution was seen", () => {
    const seen = run(...placeAll, { type: "check" }, { type: "toggleSolution" });
    expect(seen).toMatchObject({ solutionShown: true, solutionSeen: true });
    expect(reduceAttempt(unit, seen, { type: "retry" })).toMatchObject({ solutionShown: false, solutionSeen: true, checked: false });
  });

  it("ignores unknown cards and zones and no-op moves", () => {
    const a = run({ type: "place", cardId: "nope", zoneId: "mentor" }, { type: "place", cardId: "empati", zoneId: "nowhere" });
    expect(a).toEqual(freshAttempt());
    const b = run({ type: "place", cardId: "empati", zoneId: "mentor" });
    expect(reduceAttempt(unit, b, { type: "place", cardId: "empati", zoneId: "mentor" })).toBe(b);
    expect(run({ type: "toggleSolution" }).solutionShown).toBe(false);
  });
});
