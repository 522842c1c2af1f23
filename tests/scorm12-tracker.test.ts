// @vitest-environment jsdom
/**
 * The SCORM 1.2 adapter against scorm-again's real Scorm12API installed as window.API (the LMS side),
 * strict errors on: every assertion reads what the runtime holds or which calls it received.
 */
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Scorm12API } from "scorm-again";
import type { Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { encodeState, withSequence } from "../src/state/resume";
import { openLocalStore, type LocalStore } from "../src/tracking/localStore";
import { createScorm12Tracker, type Scorm12Options } from "../src/tracking/scorm/scorm12";
import { findScorm12Api, selectTracker } from "../src/tracking/select";
import type { Tracker } from "../src/tracking/tracker";
import { checkOf } from "./support/check";
import { manualClock } from "./support/clock";
import { moodleRejects } from "./support/moodleRules";
import { allRight, allWrong, peerMentoring } from "./support/unit";

const unit = peerMentoring();
/** A real saved state with `n` cards placed (sequence 0: the tracker stamps its own). */
const stateWith = (n: number, checked = false) =>
  encodeState(unit, { placements: Object.fromEntries(Object.entries(allRight(unit)).slice(0, n)), checked, solutionSeen: false, solutionShown: false });
type Call = { name: string; args: string[]; result: string };

/** A fresh scorm-again runtime as window.API, holding `cmi` at launch; every call is logged. */
function installLms(cmi?: Record<string, unknown>, fault: { commits?: number; throwOnSet?: boolean } = {}) {
  const api = new Scorm12API({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true });
  if (cmi) api.loadFromJSON(cmi);
  const calls: Call[] = [];
  const logged = api as unknown as Record<string, (...a: string[]) => string>;
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
    const real = logged[name]!.bind(api);
    logged[name] = (...args: string[]) => {
      if (name === "LMSSetValue" && fault.throwOnSet) throw new Error("the LMS frame is gone");
      const result = name === "LMSCommit" && (fault.commits ?? 0) > 0 ? (fault.commits!--, "false") : String(real(...args));
      calls.push({ name, args, result });
      return result;
    };
  }
  (window as unknown as { API: unknown }).API = api;
  return { api, calls };
}

/** Everything the runtime holds, write-only elements included (what it would send to the server). */
const held = (api: Scorm12API) => JSON.parse(JSON.stringify(api.cmi));
const sets = (calls: Call[]) => calls.filter((c) => c.name === "LMSSetValue").map((c) => [c.args[0]!, c.args[1]!] as [string, string]);
/** The store key of a learner's copy of this unit. */
const copyOf = (learner: string) => `scorm12:peer-mentoring:da:${learner}`;
const count = (calls: Call[], name: string) => calls.filter((c) => c.name === name).length;

let clock: ReturnType<typeof manualClock>;
let logs: string[];
/** One browser's store across the launches of a test (IndexedDB: fake-indexeddb under jsdom). */
let store: LocalStore;
let stores = 0;
const track = (api: unknown, extra: Scorm12Options = {}): Tracker =>
  createScorm12Tracker(api as Scorm12Api, { clock, log: (m) => logs.push(m), store, unitKey: "peer-mentoring:da", ...extra });

beforeEach(() => {
  clock = manualClock();
  logs = [];
  store = openLocalStore(`test-${++stores}`);
});
afterEach(() => {
  delete (window as unknown as { API?: unknown }).API;
});

/** Launch, place every card one by one (a placement every 2 s), check, leave. */
async function fullSession(api: Scorm12API, placements = allRight(unit)) {
  const tracker = track(api);
  await tracker.start();
  let p: Record<string, string> = {};
  for (const [card, zone] of Object.entries(placements)) {
    clock.advance(2_000);
    p = { ...p, [card]: zone };
    tracker.save({ state: encodeState(unit, { placements: p, checked: false, solutionSeen: false, solutionShown: false }), location: "exercise" });
  }
  tracker.record(checkOf(unit, placements));
  clock.advance(5_000);
  tracker.finish();
  return tracker;
}

describe("SCORM 1.2 tracker under scorm-again", () => {
  it("is selected when window.API exists, and the local one otherwise", () => {
    const adapters = { scorm12: (api: Scorm12Api) => createScorm12Tracker(api) };
    expect(selectTracker(window, unit, adapters).kind).toBe("local");
    installLms();
    expect(findScorm12Api(window)).toBe((window as unknown as { API: unknown }).API);
    expect(selectTracker(window, unit, adapters).kind).toBe("scorm12");
    // A bundle without the SCORM adapter (the xAPI package) never picks it.
    expect(selectTracker(window, unit, {}).kind).toBe("local");
  });

  it("first launch: initializes once, sets incomplete, commits once", async () => {
    const { api, calls } = installLms();
    expect(await track(api).start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    expect(calls.filter((c) => c.name === "LMSInitialize")).toEqual([{ name: "LMSInitialize", args: [""], result: "true" }]);
    expect(sets(calls)).toEqual([["cmi.core.lesson_status", "incomplete"], ["cmi.core.session_time", "00:00:00.00"]]);
    expect(count(calls, "LMSCommit")).toBe(1);
    expect(api.cmi.core.lesson_status).toBe("incomplete");
  });

  it("a full session: score 100, completed, 15 per-card answers, at most 4 commits, exactly one finish", async () => {
    const { api, calls } = installLms();
    await fullSession(api);
    const cmi = held(api);
    expect(cmi.core.score).toEqual({ raw: "100", min: "0", max: "100" });
    expect(cmi.core.lesson_status).toBe("completed");
    expect(cmi.core.exit).toBe("");
    // The time so far before every commit, and the whole session's before LMSFinish (Moodle adds that one).
    expect(sets(calls).filter(([e]) => e === "cmi.core.session_time").map(([, v]) => v)).toEqual(["00:00:00.00", "00:00:05.00", "00:00:30.00", "00:00:35.00"]);
    expect(cmi.core.lesson_location).toBe("exercise");
    // Stamped with the attempt's sequence: 15 changes.
    expect(cmi.suspend_data).toBe(encodeState(unit, { placements: allRight(unit), checked: false, solutionSeen: false, solutionShown: false }, 15));
    expect(Object.keys(cmi.interactions)).toHaveLength(15);
    const social = Object.values(cmi.interactions as Record<string, Record<string, unknown>>).find((i) => i.id === "card_sociale-faerdigheder")!;
    expect(social).toMatchObject({
      type: "fill-in",
      student_response: "both",
      result: "correct",
      weighting: "1",
      time: "14:03:27",
    });
    // scorm-again stores latency normalised; what the SCO sent is exactly two fraction digits.
    expect(sets(calls).filter(([e]) => e.endsWith(".latency")).every(([, v]) => v === "00:01:35.50")).toBe(true);
    expect(Object.values(social.correct_responses as Record<string, { pattern: string }>).map((r) => r.pattern)).toEqual(["both", "mentee"]);

    // Score before status, id first in every interaction, nothing refused, nothing Moodle would refuse.
    const order = sets(calls).map(([e]) => e);
    expect(order.indexOf("cmi.core.score.raw")).toBeLessThan(order.lastIndexOf("cmi.core.lesson_status"));
    expect(calls.filter((c) => c.name === "LMSSetValue" && c.result !== "true")).toEqual([]);
    expect(moodleRejects(sets(calls))).toEqual([]);
    // Launch, 3 s after the first placement, the check; LMSFinish with no commit right before it.
    expect(calls.filter((c) => c.name === "LMSCommit" || c.name === "LMSFinish").map((c) => c.name)).toEqual(["LMSCommit", "LMSCommit", "LMSCommit", "LMSFinish"]);
    expect(calls.at(-1)).toEqual({ name: "LMSFinish", args: [""], result: "true" });
    expect(calls.at(-2)?.name).toBe("LMSSetValue");
  });

  it("commits the first placement after 3 s, then at most once per 30 s, and never on every placement", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    for (let i = 0; i < 30; i++) {
      clock.advance(3_000);
      tracker.save({ state: `pm1.abc.0.${i}`, location: "exercise" });
    }
    clock.advance(30_000);
    // 90 s of placements: launch at 0 s, 3 s after the first placement (6 s), then 36, 66 and a
    // trailing 96 s for the last placement. Never 31 (one per placement).
    expect(count(calls, "LMSCommit")).toBe(5);
    expect(api.cmi.suspend_data).toBe("pm1.abc.0.29");
  });

  it("all wrong gives raw 0 and still completed, each card marked wrong", async () => {
    const { api } = installLms();
    await fullSession(api, allWrong(unit));
    const cmi = held(api);
    expect(cmi.core.score.raw).toBe("0");
    expect(cmi.core.lesson_status).toBe("completed");
    expect(Object.values(cmi.interactions as Record<string, { result: string }>).every((i) => i.result === "wrong")).toBe(true);
  });

  it("with a mastery score: failed below it, passed above it, never back to failed", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    const { api } = installLms({ student_data: { mastery_score: "80" } });
    const tracker = track(api);
    await tracker.start();
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(api.cmi.core.lesson_status).toBe("failed");
    tracker.record(checkOf(mastery, allRight(mastery)));
    expect(api.cmi.core.lesson_status).toBe("passed");
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(api.cmi.core.lesson_status).toBe("passed");
    expect(api.cmi.core.score.raw).toBe("100");
    tracker.finish();
    expect(api.cmi.core.lesson_status).toBe("passed");
  });

  it("a better score after the solution was shown is not recorded", async () => {
    const { api } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.record(checkOf(unit, allWrong(unit)));
    tracker.record(checkOf(unit, allRight(unit), true));
    expect(api.cmi.core.score.raw).toBe("0");
    expect(api.cmi.interactions.childArray).toHaveLength(30);
  });

  it("leaving after a check ends with exit \"\"; the next launch appends answers after the stored ones", async () => {
    const first = installLms();
    const t1 = track(first.api);
    await t1.start();
    t1.record(checkOf(unit, allWrong(unit)));
    t1.save({ state: stateWith(0), location: "exercise" });
    t1.finish();
    const stored = held(first.api);
    expect(stored.core.exit).toBe("");

    // What the LMS gives the next launch of the same attempt.
    const second = installLms({ ...stored, core: { ...stored.core, entry: "resume", exit: undefined, session_time: undefined } });
    const t2 = track(second.api);
    // The LMS gives back the copy's sequence: the LMS wins and the copy is dropped.
    expect(await t2.start()).toEqual({ graded: true, resumed: true, savedState: withSequence(stateWith(0), 1), location: "exercise", restoredFromCopy: false });
    expect(await store.get(copyOf(""))).toBeUndefined();
    t2.record(checkOf(unit, allRight(unit)));
    t2.finish();
    const ids = sets(second.calls).filter(([e]) => e.endsWith(".id")).map(([e]) => e);
    expect(ids[0]).toBe("cmi.interactions.15.id");
    expect(ids.at(-1)).toBe("cmi.interactions.29.id");
    expect(second.api.cmi.core.score.raw).toBe("100");
  });

  it("suspend exit while unfinished", async () => {
    const { api } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.save({ state: "pm1.abc.0.", location: "exercise" });
    tracker.finish();
    expect(held(api).core.exit).toBe("suspend");
  });

  it("in review mode (no-credit) writes nothing graded and leaves the attempt as it was", async () => {
    const { api, calls } = installLms({
      core: { lesson_mode: "review", credit: "no-credit", lesson_status: "completed", score: { raw: "40" } },
      suspend_data: "pm1.abc.1.",
    });
    const tracker = track(api);
    const launch = await tracker.start();
    expect(launch).toMatchObject({ graded: false, savedState: "pm1.abc.1." });
    tracker.save({ state: "pm1.abc.0.", location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    expect(sets(calls).map(([e]) => e)).toEqual(["cmi.core.session_time", "cmi.core.exit"]);
    expect(api.cmi.core.score.raw).toBe("40");
    expect(api.cmi.suspend_data).toBe("pm1.abc.1.");
  });

  it("no call reaches the LMS after LMSFinish", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.finish();
    const n = calls.length;
    tracker.save({ state: "pm1.abc.0.", location: "reading" });
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
    clock.advance(1_000);
    expect(count(calls, "LMSCommit")).toBe(2);
    clock.advance(10_000); // the retry goes through
    expect(count(calls, "LMSCommit")).toBe(3);
    expect(seen.at(-1)).toBe(false);
    // A "true" is not a receipt: the copy stays until a later launch reads the state back.
    expect(await store.get(copyOf(""))).toMatchObject({ record: { raw: 100, status: "completed" } });
    tracker.finish();
    expect(held(api).core.score.raw).toBe("100");
  });

  it("the LMS disappearing mid-session: nothing thrown, the result is kept and offered at the next launch", async () => {
    const broken = installLms(undefined);
    const t1 = track(broken.api);
    await t1.start();
    (broken.api as unknown as Record<string, unknown>).LMSSetValue = () => {
      throw new Error("the LMS frame is gone");
    };
    (broken.api as unknown as Record<string, unknown>).LMSCommit = () => {
      throw new Error("the LMS frame is gone");
    };
    expect(() => t1.save({ state: stateWith(3), location: "exercise" })).not.toThrow();
    expect(() => t1.record(checkOf(unit, allRight(unit)))).not.toThrow();
    expect(() => t1.finish()).not.toThrow();
    expect(broken.api.cmi.core.score.raw).toBe("");

    const next = installLms({ core: { entry: "resume", lesson_status: "incomplete" } });
    const t2 = track(next.api);
    const launch = await t2.start();
    expect(launch).toMatchObject({ savedState: withSequence(stateWith(3), 1), restoredFromCopy: true });
    expect(next.api.cmi.suspend_data).toBe(withSequence(stateWith(3), 1));
    expect(next.api.cmi.core.score.raw).toBe("100");
    expect(next.api.cmi.core.lesson_status).toBe("completed");
    expect(held(next.api).interactions["14"].id).toMatch(/^card_/);
    expect(next.calls.filter((c) => c.name === "LMSCommit").every((c) => c.result === "true")).toBe(true);
    t2.finish();
    // The launch after that reads it all back: the copy is dropped, nothing is sent twice.
    const stored = held(next.api);
    const third = installLms({ ...stored, core: { ...stored.core, entry: "resume", exit: undefined, session_time: undefined } });
    expect(await track(third.api).start()).toMatchObject({ restoredFromCopy: false });
    expect(sets(third.calls).filter(([e]) => e.startsWith("cmi.interactions"))).toEqual([]);
    expect(await store.get(copyOf(""))).toBeUndefined();
  });

  it("another learner on the same browser is not given the kept result", async () => {
    const broken = installLms({ core: { student_id: "anna" } }, { commits: 99 });
    const t1 = track(broken.api);
    await t1.start();
    t1.record(checkOf(unit, allRight(unit)));
    t1.finish();
    const other = installLms({ core: { student_id: "bo" } });
    await track(other.api).start();
    expect(other.api.cmi.core.score.raw).toBe("");
  });

  it("keeps working when LMSInitialize fails; with the learner unknown, no later launch gets that work", async () => {
    const { api, calls } = installLms();
    (api as unknown as { LMSInitialize: () => string }).LMSInitialize = () => "false";
    const tracker = track(api);
    const seen: boolean[] = [];
    tracker.onSyncChange((u) => seen.push(u));
    await tracker.start();
    tracker.save({ state: stateWith(3), location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    expect(count(calls, "LMSSetValue") + count(calls, "LMSFinish") + count(calls, "LMSCommit")).toBe(0);
    expect(logs[0]).toMatch(/LMSInitialize failed/);
    expect(seen.at(-1)).toBe(true);
    // Bo's LMSInitialize fails too in the same browser: Anna's placements are not his to see.
    const again = track(api);
    expect(await again.start()).toMatchObject({ savedState: "", location: "", resumed: false });
  });

  it("commits that fail but an LMSFinish that stores everything: nothing is offered twice at the next launch", async () => {
    const first = installLms(undefined, { commits: 99 });
    const t1 = track(first.api);
    await t1.start();
    t1.record(checkOf(unit, allRight(unit)));
    t1.finish();
    const stored = held(first.api);
    const second = installLms({ ...stored, core: { ...stored.core, entry: "resume", exit: undefined, session_time: undefined } });
    await track(second.api).start();
    expect(sets(second.calls).filter(([e]) => e.startsWith("cmi.interactions"))).toEqual([]);
  });
});

describe("the local copy against what the LMS gives back", () => {
  const relaunch = (api: Scorm12API, extra: Record<string, unknown> = {}) => {
    const stored = held(api);
    return installLms({ ...stored, core: { ...stored.core, entry: "resume", exit: undefined, session_time: undefined, ...extra } });
  };

  it("a commit answering \"false\" while the session lives shows the not-saved notice at once", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    const seen: boolean[] = [];
    tracker.onSyncChange((u) => seen.push(u));
    await tracker.start();
    expect(seen.at(-1)).toBe(false);
    // The Moodle session ends: from now on every commit answers "false".
    (api as unknown as { LMSCommit: () => string }).LMSCommit = () => (calls.push({ name: "LMSCommit", args: [""], result: "false" }), "false");
    tracker.save({ state: stateWith(1), location: "exercise" });
    expect(seen.at(-1)).toBe(false);
    clock.advance(3_000); // the first placement's commit
    expect(calls.at(-1)).toEqual({ name: "LMSCommit", args: [""], result: "false" });
    expect(seen.at(-1)).toBe(true);
  });

  it("the LMS holds newer work than the copy (the learner went on elsewhere): the LMS wins, the copy is dropped", async () => {
    const here = installLms({ core: { student_id: "anna" } });
    const t1 = track(here.api);
    await t1.start();
    t1.save({ state: stateWith(2), location: "exercise" }); // sequence 1, kept in this browser
    t1.finish();
    const elsewhere = relaunch(here.api);
    const t2 = createScorm12Tracker(elsewhere.api as unknown as Scorm12Api, { clock, store: openLocalStore(`other-${++stores}`), unitKey: "peer-mentoring:da" });
    await t2.start();
    t2.save({ state: stateWith(3), location: "exercise" });
    t2.save({ state: stateWith(4), location: "exercise" }); // sequence 3, in the LMS
    t2.finish();
    const back = relaunch(elsewhere.api);
    const launch = await track(back.api).start();
    expect(launch).toMatchObject({ savedState: withSequence(stateWith(4), 3), restoredFromCopy: false });
    expect(await store.get(copyOf("anna"))).toBeUndefined();
    expect(sets(back.calls).filter(([e]) => e === "cmi.suspend_data")).toEqual([]);
  });

  it("review mode never reads nor writes the copy", async () => {
    const broken = installLms({ core: { student_id: "anna" } }, { commits: 99 });
    const t1 = track(broken.api);
    await t1.start();
    t1.save({ state: stateWith(5), location: "exercise" });
    t1.finish();
    const kept = await store.get(copyOf("anna"));
    expect(kept).toMatchObject({ seq: 1 });
    const review = installLms({ core: { student_id: "anna", lesson_mode: "review", credit: "no-credit", lesson_status: "completed" }, suspend_data: stateWith(2) });
    const t2 = track(review.api);
    expect(await t2.start()).toMatchObject({ graded: false, savedState: stateWith(2), restoredFromCopy: false });
    t2.save({ state: stateWith(9), location: "exercise" });
    t2.finish();
    expect(await store.get(copyOf("anna"))).toEqual(kept);
    expect(sets(review.calls).map(([e]) => e)).toEqual(["cmi.core.session_time", "cmi.core.exit"]);
  });

  it("a finished attempt's copy does not fill the next, fresh attempt", async () => {
    const broken = installLms(undefined, { commits: 99 });
    const t1 = track(broken.api);
    await t1.start();
    t1.save({ state: stateWith(15), location: "exercise" });
    t1.record(checkOf(unit, allRight(unit)));
    t1.finish();
    const fresh = installLms({ core: { entry: "ab-initio" } });
    expect(await track(fresh.api).start()).toMatchObject({ savedState: "", restoredFromCopy: false });
    expect(fresh.api.cmi.core.score.raw).toBe("");
    expect(await store.get(copyOf(""))).toBeUndefined();
  });

  it("an LMS that adds session_time at every store (Chamilo) gets the time since the previous store each time", async () => {
    const { api, calls } = installLms();
    const realGet = (api as unknown as { LMSGetValue: (e: string) => string }).LMSGetValue;
    // Chamilo 1.11 gives total_time back as "00 : 00 : 00" (scorm12.md §8).
    (api as unknown as { LMSGetValue: (e: string) => string }).LMSGetValue = (e) => (e === "cmi.core.total_time" ? "00 : 00 : 00" : realGet(e));
    const tracker = track(api);
    await tracker.start();
    clock.advance(10_000);
    tracker.save({ state: stateWith(1), location: "exercise" });
    clock.advance(3_000);
    tracker.record(checkOf(unit, allRight(unit)));
    clock.advance(20_000);
    tracker.finish();
    const times = sets(calls).filter(([e]) => e === "cmi.core.session_time").map(([, v]) => v);
    // Launch, first placement's commit, the check's commit, LMSFinish: the sum is the true 33 s.
    expect(times).toEqual(["00:00:00.00", "00:00:13.00", "00:00:00.00", "00:00:20.00"]);
  });
});
