// @vitest-environment jsdom
/**
 * The SCORM 2004 adapter against scorm-again's real Scorm2004API installed as window.API_1484_11 (the
 * LMS side), strict errors on: every assertion reads what the runtime holds or which calls it
 * received, and after every SetValue the runtime's error code must be 0.
 */
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as scorm2004 from "scorm-again/scorm2004";
import type { Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { Unit } from "../src/content/types";
import { encodeState, withSequence } from "../src/state/resume";
import { openLocalStore, type LocalStore } from "../src/tracking/localStore";
import { createScorm2004Tracker } from "../src/tracking/scorm/scorm2004";
import type { ScormOptions } from "../src/tracking/scorm/scormSession";
import { findScorm2004Api, selectTracker } from "../src/tracking/select";
import type { Tracker } from "../src/tracking/tracker";
import { checkOf } from "./support/check";
import { manualClock } from "./support/clock";
import { moodleRejects } from "./support/moodleRules";
import { allRight, allWrong, peerMentoring } from "./support/unit";

const unit = peerMentoring();
type Call = { name: string; args: string[]; result: string; error: string };
type Runtime = Scorm2004Api & { cmi: unknown; loadFromJSON(json: object): void };
// The ESM build exports the class by name while its .d.ts declares a default export.
const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: new (settings: object) => Runtime }).Scorm2004API;

/** A fresh scorm-again 2004 runtime as window.API_1484_11, holding `cmi` at launch; every call is logged with the error code after it. */
function installLms(cmi?: Record<string, unknown>, fault: { commits?: number } = {}) {
  const api = new Scorm2004API({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true });
  if (cmi) api.loadFromJSON(cmi);
  const calls: Call[] = [];
  const logged = api as unknown as Record<string, (...a: string[]) => string>;
  const lastError = logged.GetLastError!.bind(api);
  for (const name of ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"]) {
    const real = logged[name]!.bind(api);
    logged[name] = (...args: string[]) => {
      const result = name === "Commit" && (fault.commits ?? 0) > 0 ? (fault.commits!--, "false") : String(real(...args));
      calls.push({ name, args, result, error: String(lastError()) });
      return result;
    };
  }
  (window as unknown as { API_1484_11: unknown }).API_1484_11 = api;
  return { api, calls };
}

/** Everything the runtime holds, write-only elements included (what it would send to the server). */
const held = (api: Runtime) => JSON.parse(JSON.stringify(api.cmi));
const sets = (calls: Call[]) => calls.filter((c) => c.name === "SetValue").map((c) => [c.args[0]!, c.args[1]!] as [string, string]);
const failedSets = (calls: Call[]) => calls.filter((c) => c.name === "SetValue" && (c.result !== "true" || c.error !== "0"));
const count = (calls: Call[], name: string) => calls.filter((c) => c.name === name).length;
const interactions = (api: Runtime) => Object.values(held(api).interactions as Record<string, Record<string, unknown>>);

let clock: ReturnType<typeof manualClock>;
let logs: string[];
/** One browser's store across the launches of a test (IndexedDB: fake-indexeddb under jsdom). */
let store: LocalStore;
let stores = 0;
/** The store key of a learner's copy of this unit. */
const copyOf = (learner: string) => `scorm2004:peer-mentoring:da:${learner}`;
const track = (api: unknown, u: Unit = unit, extra: ScormOptions = {}): Tracker =>
  createScorm2004Tracker(api as Scorm2004Api, u, { clock, log: (m) => logs.push(m), store, unitKey: "peer-mentoring:da", ...extra });
/** A real saved state (sequence 0: the tracker stamps its own). */
const stateOf = (placements: Record<string, string>, checked = false) =>
  encodeState(unit, { placements, checked, solutionSeen: false, solutionShown: false });
const firstCards = (n: number) => Object.fromEntries(Object.entries(allRight(unit)).slice(0, n));

beforeEach(() => {
  clock = manualClock();
  logs = [];
  store = openLocalStore(`test-2004-${++stores}`);
});
afterEach(() => {
  delete (window as unknown as { API_1484_11?: unknown }).API_1484_11;
});

/** Launch, place every card one by one (a placement every 2 s), check, leave. */
async function fullSession(api: Runtime, placements = allRight(unit), u: Unit = unit) {
  const tracker = track(api, u);
  await tracker.start();
  let p: Record<string, string> = {};
  for (const [card, zone] of Object.entries(placements)) {
    clock.advance(2_000);
    p = { ...p, [card]: zone };
    tracker.save({ state: stateOf(p), location: "exercise" });
  }
  tracker.record(checkOf(u, placements));
  clock.advance(5_000);
  tracker.finish();
  return tracker;
}

describe("SCORM 2004 tracker under scorm-again", () => {
  it("is selected when window.API_1484_11 exists, and the local one otherwise", () => {
    const adapters = { scorm2004: (api: Scorm2004Api, u: Unit) => createScorm2004Tracker(api, u) };
    expect(selectTracker(window, unit, adapters).kind).toBe("local");
    installLms();
    expect(findScorm2004Api(window)).toBe((window as unknown as { API_1484_11: unknown }).API_1484_11);
    expect(selectTracker(window, unit, adapters).kind).toBe("scorm2004");
    // A 1.2-only bundle never picks the 2004 API (and a 2004 bundle never a 1.2 one).
    expect(selectTracker(window, unit, {}).kind).toBe("local");
  });

  it("is found from a frame inside the LMS page (the SCO's iframe), as for SCORM 1.2's API", () => {
    const { api } = installLms();
    const frame = document.createElement("iframe");
    document.body.append(frame);
    const inner = frame.contentWindow!;
    // (vitest's `window` is a copy of jsdom's globals: the frame's parent is jsdom's own window.)
    expect(findScorm2004Api(inner)).toBeNull();
    (inner.parent as unknown as { API_1484_11: unknown }).API_1484_11 = api;
    expect(findScorm2004Api(inner)).toBe(api);
    delete (inner.parent as unknown as { API_1484_11?: unknown }).API_1484_11;
    frame.remove();
  });

  it("first launch: initializes once, sets completion incomplete, commits once", async () => {
    const { api, calls } = installLms();
    expect(await track(api).start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    expect(calls.filter((c) => c.name === "Initialize")).toEqual([{ name: "Initialize", args: [""], result: "true", error: "0" }]);
    expect(sets(calls)).toEqual([
      ["cmi.completion_status", "incomplete"],
      ["cmi.session_time", "PT0S"],
    ]);
    expect(count(calls, "Commit")).toBe(1);
    expect(held(api).completion_status).toBe("incomplete");
  });

  it("a full session, all right: completed, success unknown (no passing score), scaled 1, 15 described answers, exit normal, ≤4 commits, one Terminate", async () => {
    const { api, calls } = installLms();
    await fullSession(api);
    const cmi = held(api);
    expect(cmi.completion_status).toBe("completed");
    expect(cmi.success_status).toBe("unknown");
    expect(cmi.score).toEqual({ scaled: "1", raw: "100", min: "0", max: "100" });
    expect(cmi.progress_measure).toBe("1");
    expect(cmi.exit).toBe("normal");
    expect(cmi.session_time).toBe("PT35S");
    expect(cmi.location).toBe("exercise");
    expect(cmi.suspend_data).toBe(withSequence(stateOf(allRight(unit)), 15));
    const all = interactions(api);
    expect(all).toHaveLength(15);
    const social = all.find((i) => i.id === "card_sociale-faerdigheder")!;
    expect(social).toMatchObject({
      type: "fill-in",
      description: `{lang=da}${unit.cards.find((c) => c.id === "sociale-faerdigheder")!.text}`,
      learner_response: "both",
      result: "correct",
      weighting: "1",
      latency: "PT1M35.5S",
      timestamp: "2026-11-29T14:03:27",
    });
    expect(Object.values(social.correct_responses as Record<string, { pattern: string }>).map((r) => r.pattern)).toEqual(["both", "mentee"]);
    expect(all.every((i) => typeof i.description === "string" && (i.description as string).startsWith("{lang=da}"))).toBe(true);

    // Score before status, nothing refused, error 0 after every SetValue, nothing Moodle would refuse.
    const order = sets(calls).map(([e]) => e);
    expect(order.indexOf("cmi.score.scaled")).toBeLessThan(order.lastIndexOf("cmi.completion_status"));
    expect(failedSets(calls)).toEqual([]);
    expect(moodleRejects(sets(calls), "2004")).toEqual([]);
    expect(count(calls, "Commit")).toBeLessThanOrEqual(4);
    expect(count(calls, "Terminate")).toBe(1);
    expect(calls.at(-1)).toEqual({ name: "Terminate", args: [""], result: "true", error: "0" });
    // Terminate alone stores the end of the session: no Commit right before it.
    expect(calls.at(-2)!.name).toBe("SetValue");
    expect(order).not.toContain("cmi.success_status");
  });

  it("progress_measure follows the cards placed; completion stays incomplete until the check", async () => {
    const { api } = installLms();
    const tracker = track(api);
    await tracker.start();
    const seven = Object.fromEntries(Object.entries(allRight(unit)).slice(0, 7));
    tracker.save({ state: stateOf(seven), location: "exercise" });
    expect(held(api).progress_measure).toBe("0.4667");
    tracker.save({ state: stateOf(allRight(unit)), location: "exercise" });
    expect(held(api).progress_measure).toBe("1");
    expect(held(api).completion_status).toBe("incomplete");
  });

  it("all wrong: raw 0, scaled 0, completed, each card incorrect", async () => {
    const { api, calls } = installLms();
    await fullSession(api, allWrong(unit));
    const cmi = held(api);
    expect(cmi.score).toEqual({ scaled: "0", raw: "0", min: "0", max: "100" });
    expect(cmi.completion_status).toBe("completed");
    expect(interactions(api).every((i) => i.result === "incorrect")).toBe(true);
    expect(failedSets(calls)).toEqual([]);
  });

  it("with the unit's mastery score and none from the LMS: failed below it, passed above it, never back to failed", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    const { api, calls } = installLms();
    const tracker = track(api, mastery);
    await tracker.start();
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(held(api)).toMatchObject({ completion_status: "completed", success_status: "failed" });
    tracker.record(checkOf(mastery, allRight(mastery)));
    expect(held(api).success_status).toBe("passed");
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(held(api).success_status).toBe("passed");
    expect(held(api).score.raw).toBe("100");
    tracker.finish();
    expect(held(api)).toMatchObject({ completion_status: "completed", success_status: "passed", exit: "normal" });
    expect(failedSets(calls)).toEqual([]);
  });

  it("the LMS's cmi.scaled_passing_score wins over the unit's mastery score", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    // 9 of 15 right: 60 %, failed against the unit's 80, passed against the LMS's 0.5.
    const nine = { ...allWrong(unit), ...Object.fromEntries(Object.entries(allRight(unit)).slice(0, 9)) };
    const { api, calls } = installLms({ scaled_passing_score: "0.5" });
    const tracker = track(api, mastery);
    await tracker.start();
    tracker.record(checkOf(mastery, nine));
    expect(sets(calls).filter(([e]) => e === "cmi.score.scaled" || e === "cmi.success_status")).toEqual([
      ["cmi.score.scaled", "0.6"],
      ["cmi.success_status", "passed"],
    ]);
    expect(held(api).success_status).toBe("passed");
  });

  it("a better score after the solution was shown is not recorded", async () => {
    const { api } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.record(checkOf(unit, allWrong(unit)));
    tracker.record(checkOf(unit, allRight(unit), true));
    expect(held(api).score).toMatchObject({ raw: "0", scaled: "0" });
    expect(interactions(api)).toHaveLength(30);
  });

  it("leaving unfinished sets exit suspend; the next launch resumes and appends answers after the stored ones", async () => {
    const first = installLms();
    const t1 = track(first.api);
    await t1.start();
    t1.save({ state: stateOf(firstCards(1)), location: "exercise" });
    t1.finish();
    const stored = held(first.api);
    expect(stored.exit).toBe("suspend");
    expect(stored.completion_status).toBe("incomplete");
    expect(stored.session_time).toMatch(/^PT\d+(\.\d{1,2})?S$/);

    const second = installLms({ ...stored, entry: "resume", exit: undefined, session_time: undefined });
    const t2 = track(second.api);
    expect(await t2.start()).toEqual({ graded: true, resumed: true, savedState: withSequence(stateOf(firstCards(1)), 1), location: "exercise", restoredFromCopy: false });
    // The LMS gave back everything the copy held: the copy is dropped.
    expect(await store.get(copyOf(""))).toBeUndefined();
    t2.record(checkOf(unit, allWrong(unit)));
    t2.record(checkOf(unit, allRight(unit)));
    t2.finish();
    const ids = sets(second.calls).filter(([e]) => e.endsWith(".id")).map(([e]) => e);
    expect(ids[0]).toBe("cmi.interactions.0.id");
    expect(ids.at(-1)).toBe("cmi.interactions.29.id");
    expect(held(second.api)).toMatchObject({ completion_status: "completed", exit: "normal" });
    expect(failedSets(second.calls)).toEqual([]);
  });

  it.each([
    ["review", "credit"],
    ["browse", "credit"],
    ["normal", "no-credit"],
  ])("in %s mode with %s it writes nothing graded and leaves the attempt as it was", async (mode, credit) => {
    const checked = stateOf(allRight(unit), true);
    const { api, calls } = installLms({ mode, credit, completion_status: "completed", score: { raw: "40" }, suspend_data: checked });
    const tracker = track(api);
    const launch = await tracker.start();
    expect(launch).toMatchObject({ graded: false, savedState: checked });
    tracker.save({ state: stateOf(firstCards(2)), location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    expect(sets(calls).map(([e]) => e)).toEqual(["cmi.session_time", "cmi.exit"]);
    expect(held(api).score.raw).toBe("40");
    expect(held(api).suspend_data).toBe(checked);
    expect(count(calls, "Commit")).toBe(0);
    expect(await store.get(copyOf(""))).toBeUndefined();
  });

  it("no call reaches the LMS after Terminate", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.finish();
    const n = calls.length;
    tracker.save({ state: stateOf(firstCards(1)), location: "reading" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.suspend();
    tracker.finish();
    clock.advance(120_000);
    expect(calls.length).toBe(n);
  });
});

describe("LMS faults", () => {
  it("failed commits are retried with backoff; the learner is told until one succeeds", async () => {
    const { api, calls } = installLms(undefined, { commits: 2 });
    const tracker = track(api);
    const seen: boolean[] = [];
    tracker.onSyncChange((u) => seen.push(u));
    await tracker.start(); // commit 1 fails
    tracker.record(checkOf(unit, allRight(unit))); // commit 2 fails
    expect(seen.at(-1)).toBe(true);
    clock.advance(10_000); // the retry goes through
    expect(count(calls, "Commit")).toBe(3);
    expect(seen.at(-1)).toBe(false);
    // A "true" is no receipt: the copy stays until a launch reads the result back.
    expect(await store.get(copyOf(""))).toMatchObject({ record: { raw: 100, status: "completed" } });
    tracker.finish();
    expect(held(api).score.raw).toBe("100");
  });

  it("the LMS disappearing mid-session: nothing thrown, the result is kept and offered at the next launch", async () => {
    const broken = installLms();
    const t1 = track(broken.api);
    await t1.start();
    for (const name of ["SetValue", "Commit"]) {
      (broken.api as unknown as Record<string, unknown>)[name] = () => {
        throw new Error("the LMS frame is gone");
      };
    }
    expect(() => t1.save({ state: stateOf(firstCards(3)), location: "exercise" })).not.toThrow();
    expect(() => t1.record(checkOf(unit, allRight(unit)))).not.toThrow();
    expect(() => t1.finish()).not.toThrow();
    expect(held(broken.api).score.raw).toBe("");

    const next = installLms({ entry: "resume", completion_status: "incomplete" });
    const t2 = track(next.api);
    expect(await t2.start()).toMatchObject({ savedState: withSequence(stateOf(firstCards(3)), 1), restoredFromCopy: true });
    expect(held(next.api)).toMatchObject({
      completion_status: "completed",
      score: { raw: "100", scaled: "1" },
      suspend_data: withSequence(stateOf(firstCards(3)), 1),
      progress_measure: "0.2",
    });
    expect(interactions(next.api)).toHaveLength(15);
    expect(failedSets(next.calls)).toEqual([]);
    t2.finish();
    // The launch after that reads it all back: the copy is dropped, nothing is sent twice.
    const stored = held(next.api);
    const third = installLms({ ...stored, entry: "resume", exit: undefined, session_time: undefined });
    expect(await track(third.api).start()).toMatchObject({ restoredFromCopy: false });
    expect(sets(third.calls).filter(([e]) => e.startsWith("cmi.interactions"))).toEqual([]);
    expect(await store.get(copyOf(""))).toBeUndefined();
  });
});
