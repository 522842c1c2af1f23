import { describe, expect, it } from "vitest";
import { freshAttempt, type Attempt } from "../../src/sorting/attempt";
import { decodeState, encodeState, keyCollisions, sequenceOf, withSequence } from "../../src/state/resume";
import { allRight, peerMentoring } from "../support/unit";

const unit = peerMentoring();
const full: Attempt = { placements: allRight(unit), checked: true, solutionSeen: true, solutionShown: false };

describe("saved state", () => {
  it("round-trips every part of an attempt", () => {
    for (const a of [freshAttempt(), full, { ...freshAttempt(), placements: { empati: "both", selvtillid: "mentor" } }]) {
      expect(decodeState(unit, encodeState(unit, a))).toEqual({ attempt: a, problems: [] });
    }
  });

  it("stays short: every card placed fits in 300 characters of safe ASCII", () => {
    const text = encodeState(unit, full);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/^[a-z0-9.]+$/);
  });

  it("has no colliding keys for the real unit", () => {
    expect(keyCollisions(unit)).toEqual([]);
  });

  it("keeps what still maps when a card was removed in a newer content version", () => {
    const text = encodeState(unit, { ...freshAttempt(), placements: { empati: "mentor", selvtillid: "mentor" } });
    const newer = { ...unit, cards: unit.cards.filter((c) => c.id !== "empati") };
    const { attempt, problems } = decodeState(newer, text);
    expect(attempt.placements).toEqual({ selvtillid: "mentor" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/matches no card/);
  });

  it("reopens a checked attempt that no longer covers every card", () => {
    const newer = { ...unit, cards: [...unit.cards, { id: "ny", text: "Ny", accept: ["both"] }] };
    const { attempt, problems } = decodeState(newer, encodeState(unit, full));
    expect(attempt.checked).toBe(false);
    expect(Object.keys(attempt.placements)).toHaveLength(15);
    expect(problems.join()).toMatch(/reopened/);
  });

  it.each([
    ["garbage", "%%%not state at all"],
    ["JSON from something else", '{"lesson":3}'],
    ["another format version", "pm9.abc.0."],
    ["another unit", encodeState({ ...unit, id: "another-unit" }, full)],
    ["bad flags", encodeState(unit, full).replace(/^(pm2\.\w+\.)\w/, "$1z")],
    ["bad sequence", encodeState(unit, full).replace(/^(pm2\.\w+\.\w\.)\w+/, "$1-")],
    ["pm2 without its sequence", encodeState(unit, full).replace(/^(pm2\.\w+\.\w)\.\w+/, "$1")],
  ])("gives a fresh start for %s, and says why", (_name, text) => {
    const { attempt, problems } = decodeState(unit, text);
    expect(attempt).toEqual(freshAttempt());
    expect(problems).toHaveLength(1);
  });

  it("keeps the whole placements of a truncated string", () => {
    const text = encodeState(unit, full);
    const { attempt, problems } = decodeState(unit, text.slice(0, text.length - 7));
    expect(Object.keys(attempt.placements)).toHaveLength(13);
    expect(attempt.checked).toBe(false);
    expect(problems.length).toBeGreaterThan(0);
  });

  it("never throws on random input, also behind a valid prefix", () => {
    let seed = 12345;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const noise = (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(random() * 95))).join("");
    const prefix = encodeState(unit, freshAttempt());
    for (let i = 0; i < 2000; i++) {
      const text = noise(Math.floor(random() * 120));
      expect(() => decodeState(unit, text)).not.toThrow();
      const decoded = decodeState(unit, prefix + text);
      // Whatever it kept maps onto this unit's cards and zones.
      for (const [card, zone] of Object.entries(decoded.attempt.placements)) {
        expect(unit.cards.some((c) => c.id === card) && unit.zones.some((z) => z.id === zone)).toBe(true);
      }
    }
  });

  it("carries a sequence number and stays short: 15 cards placed at sequence 1295 take 88 characters", () => {
    expect(encodeState(unit, full, 1)).toHaveLength(87);
    expect(encodeState(unit, full, 1295)).toHaveLength(88);
    expect(encodeState(unit, full, 1295)).toMatch(/^pm2\.\w{3}\.\w\.zz\.[a-z0-9]{75}$/);
  });

  it.each([
    ["pm2 at 0", encodeState(unit, full), 0],
    ["pm2 at 1", encodeState(unit, full, 1), 1],
    ["pm2 at 36", encodeState(unit, full, 36), 36],
    ["pm1 (learners' state today)", "pm1.abc.0.", 0],
    ["nothing", "", 0],
    ["garbage", "%%%", 0],
    ["a bad sequence", "pm2.abc.0.-1.", 0],
  ])("reads the sequence of %s", (_name, text, seq) => {
    expect(sequenceOf(text)).toBe(seq);
  });

  it("restamps a pm2 state with another sequence and leaves everything else as it is", () => {
    const text = encodeState(unit, full, 3);
    expect(withSequence(text, 40)).toBe(encodeState(unit, full, 40));
    expect(decodeState(unit, withSequence(text, 40))).toEqual({ attempt: full, problems: [] });
    expect(withSequence("pm1.abc.0.", 5)).toBe("pm1.abc.0.");
    expect(withSequence("garbage", 5)).toBe("garbage");
  });

  it("still restores pm1 state, as learners have it in Moodle today", () => {
    const pm2 = encodeState(unit, full, 7);
    const pm1 = pm2.replace(/^pm2\.(\w+)\.(\w)\.\w+\./, "pm1.$1.$2.");
    expect(pm1).toHaveLength(85);
    expect(decodeState(unit, pm1)).toEqual({ attempt: full, problems: [] });
  });
});
