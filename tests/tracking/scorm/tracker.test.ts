// @vitest-environment jsdom
/**
 * The SCORM session (src/tracking/scorm/scormSession.ts) under both of scorm-again's runtimes, strict
 * errors on: its SCORM 1.2 API installed as window.API, its SCORM 2004 API as window.API_1484_11.
 * One table of cases runs over both; what only one version has (2004's passing score, progress
 * and descriptions; Chamilo's SCORM 1.2 time) follows it. Every assertion reads what the runtime
 * holds or which calls it received; for SCORM 2004 the runtime's error code after every SetValue
 * must be 0.
 */
import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Scorm12API } from "scorm-again";
import * as scorm2004 from "scorm-again/scorm2004";
import type { Scorm12Api, Scorm2004Api } from "pipwerks-scorm-api-wrapper";
import type { Unit } from "../../../src/content/types";
import { encodeState, withSequence } from "../../../src/state/resume";
import { openLocalStore, type LocalStore } from "../../../src/tracking/localStore";
import { createScorm12Tracker } from "../../../src/tracking/scorm/scorm12";
import { createScorm2004Tracker } from "../../../src/tracking/scorm/scorm2004";
import type { ScormOptions } from "../../../src/tracking/scorm/scormSession";
import { findScorm12Api, findScorm2004Api, selectTracker } from "../../../src/tracking/select";
import type { Tracker } from "../../../src/tracking/tracker";
import { checkOf } from "../../support/check";
import { manualClock } from "../../support/clock";
import { moodleRejects } from "../../support/moodleRules";
import { allRight, allWrong, peerMentoring } from "../../support/unit";

const unit = peerMentoring();
type Call = { name: string; args: string[]; result: string; error: string };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Fault = { commits?: number };
// The ESM build exports the class by name while its .d.ts declares a default export.
const Scorm2004API = (scorm2004 as unknown as { Scorm2004API: new (settings: object) => { cmi: unknown; loadFromJSON(json: object): void } }).Scorm2004API;

/** A scorm-again runtime as the window's API, holding `cmi` at launch; every call logged with the error code after it. */
function installRuntime(version: "1.2" | "2004", cmi: Json | undefined, fault: Fault) {
  const settings = { lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true };
  const api = version === "1.2" ? new Scorm12API(settings) : new Scorm2004API(settings);
  if (cmi) api.loadFromJSON(cmi);
  const calls: Call[] = [];
  const logged = api as unknown as Record<string, (...a: string[]) => string>;
  const names = version === "1.2" ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError"] : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError"];
  const commit = names[4]!;
  const lastError = logged[names[5]!]!.bind(api);
  for (const name of names.slice(0, 5)) {
    const real = logged[name]!.bind(api);
    logged[name] = (...args: string[]) => {
      const result = name === commit && (fault.commits ?? 0) > 0 ? (fault.commits!--, "false") : String(real(...args));
      calls.push({ name, args, result, error: String(lastError()) });
      return result;
    };
  }
  (window as unknown as Record<string, unknown>)[version === "1.2" ? "API" : "API_1484_11"] = api;
  return { api, calls };
}

/** Everything the runtime holds, write-only elements included (what it would send to the server). */
const held = (api: unknown): Json => JSON.parse(JSON.stringify((api as { cmi: unknown }).cmi));
const setsOf = (calls: Call[]) => calls.filter((c) => c.name.endsWith("SetValue")).map((c) => [c.args[0]!, c.args[1]!] as [string, string]);
const failedSets = (calls: Call[]) => calls.filter((c) => c.name.endsWith("SetValue") && (c.result !== "true" || c.error !== "0"));
const count = (calls: Call[], name: string) => calls.filter((c) => c.name === name).length;
/** A real saved state with `n` cards placed (sequence 0: the tracker stamps its own). */
const stateWith = (n: number, checked = false) =>
  encodeState(unit, { placements: Object.fromEntries(Object.entries(allRight(unit)).slice(0, n)), checked, solutionSeen: false, solutionShown: false });

/** What differs between the versions, as the cases need it. */
interface Runtime {
  version: "1.2" | "2004";
  kind: "scorm12" | "scorm2004";
  calls: { initialize: string; commit: string; terminate: string; setValue: string };
  /** The element names the cases read and write. */
  el: { status: string; exit: string; sessionTime: string; suspendData: string };
  /** What the runtime holds, in the shared words. */
  status(cmi: Json): string;
  exit(cmi: Json): string;
  raw(cmi: Json): string;
  /** The exit of a finished attempt. */
  doneExit: string;
  /** What else the LMS holds once a kept copy of 3 cards and an all-right check was sent again. */
  restoredAlso: Json;
  wrong: string;
  zeroTime: string;
  /** The LMS data of a learner, of a review launch, and of the next launch after exit suspend. */
  learner(id: string): Json;
  review(extra: Json): Json;
  relaunch(stored: Json, extra?: Json): Json;
  create(api: unknown, u: Unit, opts: ScormOptions): Tracker;
  find(w: Window): unknown;
  adapters: Parameters<typeof selectTracker>[2];
}

const RUNTIMES: Runtime[] = [
  {
    version: "1.2",
    kind: "scorm12",
    calls: { initialize: "LMSInitialize", commit: "LMSCommit", terminate: "LMSFinish", setValue: "LMSSetValue" },
    el: { status: "cmi.core.lesson_status", exit: "cmi.core.exit", sessionTime: "cmi.core.session_time", suspendData: "cmi.suspend_data" },
    status: (cmi) => cmi.core.lesson_status,
    exit: (cmi) => cmi.core.exit,
    raw: (cmi) => cmi.core.score.raw,
    doneExit: "",
    restoredAlso: { core: { score: { raw: "100" } } },
    wrong: "wrong",
    zeroTime: "00:00:00.00",
    learner: (id) => ({ core: { student_id: id } }),
    review: (extra) => ({ core: { lesson_mode: "review", credit: "no-credit", lesson_status: "completed", score: { raw: "40" }, ...extra.core }, ...extra.rest }),
    relaunch: (stored, extra = {}) => ({ ...stored, core: { ...stored.core, entry: "resume", exit: undefined, session_time: undefined, ...extra } }),
    create: (api, _u, opts) => createScorm12Tracker(api as Scorm12Api, opts),
    find: findScorm12Api,
    adapters: { scorm12: (api: Scorm12Api) => createScorm12Tracker(api) },
  },
  {
    version: "2004",
    kind: "scorm2004",
    calls: { initialize: "Initialize", commit: "Commit", terminate: "Terminate", setValue: "SetValue" },
    el: { status: "cmi.completion_status", exit: "cmi.exit", sessionTime: "cmi.session_time", suspendData: "cmi.suspend_data" },
    status: (cmi) => cmi.completion_status,
    exit: (cmi) => cmi.exit,
    raw: (cmi) => cmi.score.raw,
    doneExit: "normal",
    restoredAlso: { score: { raw: "100", scaled: "1" }, progress_measure: "0.2" },
    wrong: "incorrect",
    zeroTime: "PT0S",
    learner: (id) => ({ learner_id: id }),
    review: (extra) => ({ mode: "review", credit: "no-credit", completion_status: "completed", score: { raw: "40" }, ...extra.core2004, ...extra.rest }),
    relaunch: (stored, extra = {}) => ({ ...stored, entry: "resume", exit: undefined, session_time: undefined, ...extra }),
    create: (api, u, opts) => createScorm2004Tracker(api as Scorm2004Api, u, opts),
    find: findScorm2004Api,
    adapters: { scorm2004: (api: Scorm2004Api, u: Unit) => createScorm2004Tracker(api, u) },
  },
];

let clock: ReturnType<typeof manualClock>;
let logs: string[];
/** One browser's store across the launches of a test (IndexedDB: fake-indexeddb under jsdom). */
let store: LocalStore;
let stores = 0;

beforeEach(() => {
  clock = manualClock();
  logs = [];
  store = openLocalStore(`scorm-test-${++stores}`);
});
afterEach(() => {
  delete (window as unknown as { API?: unknown }).API;
  delete (window as unknown as { API_1484_11?: unknown }).API_1484_11;
});

/** The cases' access to one runtime: install it, track it, read it. */
function runtimeKit(rt: Runtime) {
  const install = (cmi?: Json, fault: Fault = {}) => installRuntime(rt.version, cmi, fault);
  const track = (api: unknown, u: Unit = unit, extra: ScormOptions = {}): Tracker =>
    rt.create(api, u, { clock, log: (m) => logs.push(m), store, unitKey: "peer-mentoring:da", ...extra });
  /** The store key of a learner's copy of this unit. */
  const copyOf = (learner: string) => `${rt.kind}:peer-mentoring:da:${learner}`;
  /** Launch, place every card one by one (a placement every second: a burst), check, leave. */
  async function fullSession(api: unknown, placements = allRight(unit), u: Unit = unit) {
    const tracker = track(api, u);
    await tracker.start();
    let p: Record<string, string> = {};
    for (const [card, zone] of Object.entries(placements)) {
      clock.advance(1_000);
      p = { ...p, [card]: zone };
      tracker.save({ state: encodeState(unit, { placements: p, checked: false, solutionSeen: false, solutionShown: false }), location: "exercise" });
    }
    tracker.record(checkOf(u, placements));
    clock.advance(5_000);
    tracker.finish();
    return tracker;
  }
  return { install, track, copyOf, fullSession };
}

describe.each(RUNTIMES)("SCORM $version session under scorm-again", (rt) => {
  const { install, track, copyOf, fullSession } = runtimeKit(rt);
  const sets = setsOf;

  it("is selected when its API exists, and the local one otherwise", () => {
    expect(selectTracker(window, unit, rt.adapters).kind).toBe("local");
    const { api } = install();
    expect(rt.find(window)).toBe(api);
    expect(selectTracker(window, unit, rt.adapters).kind).toBe(rt.kind);
    // A bundle without this adapter never picks it.
    expect(selectTracker(window, unit, {}).kind).toBe("local");
  });

  it("first launch: initializes once, sets incomplete and exit suspend, commits once", async () => {
    const { api, calls } = install();
    expect(await track(api).start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    expect(calls.filter((c) => c.name === rt.calls.initialize)).toEqual([{ name: rt.calls.initialize, args: [""], result: "true", error: "0" }]);
    // The LMS holds a resumable attempt from the first commit on (exit suspend), not only from the
    // page's last save: without it SCORM 2004 (and ILIAS) end the attempt.
    expect(sets(calls)).toEqual([
      [rt.el.status, "incomplete"],
      [rt.el.exit, "suspend"],
      [rt.el.sessionTime, rt.zeroTime],
    ]);
    expect(count(calls, rt.calls.commit)).toBe(1);
    expect(rt.status(held(api))).toBe("incomplete");
  });

  it("a full session: completed, 15 answers, 2 commits, exit suspend then the finished one, one closing call and no commit right before it", async () => {
    const { api, calls } = install();
    await fullSession(api);
    const cmi = held(api);
    expect(rt.status(cmi)).toBe("completed");
    expect(rt.raw(cmi)).toBe("100");
    expect(rt.exit(cmi)).toBe(rt.doneExit);
    // Stamped with the attempt's sequence: 15 changes.
    expect(cmi.suspend_data).toBe(withSequence(stateWith(15), 15));
    expect(Object.keys(cmi.interactions)).toHaveLength(15);
    // Score before status, nothing refused, nothing Moodle would refuse.
    const order = sets(calls).map(([e]) => e);
    expect(order.indexOf(rt.version === "1.2" ? "cmi.core.score.raw" : "cmi.score.scaled")).toBeLessThan(order.lastIndexOf(rt.el.status));
    expect(failedSets(calls)).toEqual([]);
    expect(moodleRejects(sets(calls), rt.version)).toEqual([]);
    // Launch and the check (the placements came in one burst, the check right after the last).
    expect(calls.filter((c) => c.name === rt.calls.commit || c.name === rt.calls.terminate).map((c) => c.name)).toEqual([rt.calls.commit, rt.calls.commit, rt.calls.terminate]);
    // Exit suspend from the launch commit on, the finished one from the check's; not written again at the end.
    expect(sets(calls).filter(([e]) => e === rt.el.exit).map(([, v]) => v)).toEqual(["suspend", rt.doneExit]);
    expect(count(calls, rt.calls.terminate)).toBe(1);
    expect(calls.at(-1)).toEqual({ name: rt.calls.terminate, args: [""], result: "true", error: "0" });
    expect(calls.at(-2)!.name).toBe(rt.calls.setValue);
  });

  it("commits 2 s after the learner's last change: a burst is one commit, a learner who never pauses is committed every 30 s", async () => {
    const { api, calls } = install();
    const tracker = track(api);
    await tracker.start();
    const commits = () => count(calls, rt.calls.commit);
    // A burst: 5 placements 1 s apart, then a pause: one commit, 2 s after the last.
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      tracker.save({ state: stateWith(i + 1), location: "exercise" });
    }
    clock.advance(1_999);
    expect(commits()).toBe(1);
    clock.advance(1);
    expect(commits()).toBe(2);
    expect(held(api).suspend_data).toBe(withSequence(stateWith(5), 5));
    // 90 s of placements 1.5 s apart, never a pause of 2 s: committed 30 s after the first change
    // that waits (at 31.5 s and 63 s), then 2 s after the last.
    for (let i = 0; i < 60; i++) {
      clock.advance(1_500);
      tracker.save({ state: stateWith((i % 15) + 1), location: "exercise" });
    }
    expect(commits()).toBe(4);
    clock.advance(2_000);
    expect(commits()).toBe(5);
    expect(held(api).suspend_data).toBe(withSequence(stateWith(15), 65));
    clock.advance(60_000);
    expect(commits()).toBe(5);
  });

  it("the page being hidden commits what waits at once, and nothing when nothing waits", async () => {
    const { api, calls } = install();
    const tracker = track(api);
    await tracker.start();
    tracker.suspend();
    expect(count(calls, rt.calls.commit)).toBe(1);
    tracker.save({ state: stateWith(1), location: "exercise" });
    tracker.suspend();
    expect(count(calls, rt.calls.commit)).toBe(2);
    clock.advance(10_000);
    expect(count(calls, rt.calls.commit)).toBe(2);
  });

  it("all wrong gives raw 0 and still completed, each card marked wrong", async () => {
    const { api, calls } = install();
    await fullSession(api, allWrong(unit));
    const cmi = held(api);
    expect(rt.raw(cmi)).toBe("0");
    expect(rt.status(cmi)).toBe("completed");
    expect(Object.values(cmi.interactions as Json).every((i) => i.result === rt.wrong)).toBe(true);
    expect(failedSets(calls)).toEqual([]);
  });

  it("a better score after the solution was shown is not recorded", async () => {
    const { api } = install();
    const tracker = track(api);
    await tracker.start();
    tracker.record(checkOf(unit, allWrong(unit)));
    tracker.record(checkOf(unit, allRight(unit), true));
    expect(rt.raw(held(api))).toBe("0");
    expect(Object.keys(held(api).interactions)).toHaveLength(30);
  });

  it("leaving unfinished keeps exit suspend; the next launch resumes and appends answers after the stored ones", async () => {
    const first = install();
    const t1 = track(first.api);
    await t1.start();
    t1.save({ state: stateWith(1), location: "exercise" });
    t1.finish();
    const stored = held(first.api);
    expect(rt.exit(stored)).toBe("suspend");
    expect(rt.status(stored)).toBe("incomplete");

    const second = install(rt.relaunch(stored));
    const t2 = track(second.api);
    expect(await t2.start()).toEqual({ graded: true, resumed: true, savedState: withSequence(stateWith(1), 1), location: "exercise", restoredFromCopy: false });
    // The LMS gave back everything the copy held: the copy is dropped.
    expect(await store.get(copyOf(""))).toBeUndefined();
    t2.record(checkOf(unit, allWrong(unit)));
    t2.record(checkOf(unit, allRight(unit)));
    t2.finish();
    const ids = sets(second.calls).filter(([e]) => e.endsWith(".id")).map(([e]) => e);
    expect(ids[0]).toBe("cmi.interactions.0.id");
    expect(ids.at(-1)).toBe("cmi.interactions.29.id");
    expect(rt.status(held(second.api))).toBe("completed");
    expect(rt.exit(held(second.api))).toBe(rt.doneExit);
    expect(rt.raw(held(second.api))).toBe("100");
    expect(failedSets(second.calls)).toEqual([]);
  });

  it("leaving after a check ends with the finished exit; the next launch appends answers after the stored ones", async () => {
    const first = install();
    const t1 = track(first.api);
    await t1.start();
    t1.record(checkOf(unit, allWrong(unit)));
    t1.save({ state: stateWith(0), location: "exercise" });
    t1.finish();
    const stored = held(first.api);
    expect(rt.exit(stored)).toBe(rt.doneExit);

    // What the LMS gives the next launch of the same attempt.
    const second = install(rt.relaunch(stored));
    const t2 = track(second.api);
    // The LMS gives back the copy's sequence: the LMS wins and the copy is dropped.
    expect(await t2.start()).toEqual({ graded: true, resumed: true, savedState: withSequence(stateWith(0), 1), location: "exercise", restoredFromCopy: false });
    expect(await store.get(copyOf(""))).toBeUndefined();
    t2.record(checkOf(unit, allRight(unit)));
    t2.finish();
    const ids = sets(second.calls).filter(([e]) => e.endsWith(".id")).map(([e]) => e);
    expect(ids[0]).toBe("cmi.interactions.15.id");
    expect(ids.at(-1)).toBe("cmi.interactions.29.id");
    expect(rt.raw(held(second.api))).toBe("100");
  });

  it("in review mode (no-credit) writes nothing graded and leaves the attempt as it was", async () => {
    const checked = stateWith(15, true);
    const { api, calls } = install(rt.review({ rest: { suspend_data: checked } }));
    const tracker = track(api);
    expect(await tracker.start()).toMatchObject({ graded: false, savedState: checked });
    tracker.save({ state: stateWith(2), location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    expect(sets(calls).map(([e]) => e)).toEqual([rt.el.sessionTime, rt.el.exit]);
    expect(rt.raw(held(api))).toBe("40");
    expect(held(api).suspend_data).toBe(checked);
    expect(count(calls, rt.calls.commit)).toBe(0);
    expect(await store.get(copyOf(""))).toBeUndefined();
  });

  it("no call reaches the LMS after the closing call", async () => {
    const { api, calls } = install();
    const tracker = track(api);
    await tracker.start();
    tracker.finish();
    const n = calls.length;
    tracker.save({ state: stateWith(1), location: "reading" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.suspend();
    tracker.finish();
    clock.advance(120_000);
    expect(calls.length).toBe(n);
  });

  describe("LMS faults", () => {
    it("failed commits are retried with backoff; the learner is told until one succeeds", async () => {
      const { api, calls } = install(undefined, { commits: 2 });
      const tracker = track(api);
      const seen: boolean[] = [];
      tracker.onSyncChange((u) => seen.push(u));
      await tracker.start(); // commit 1 fails
      tracker.record(checkOf(unit, allRight(unit))); // commit 2 fails
      expect(seen.at(-1)).toBe(true);
      clock.advance(1_000);
      expect(count(calls, rt.calls.commit)).toBe(2);
      clock.advance(10_000); // the retry goes through
      expect(count(calls, rt.calls.commit)).toBe(3);
      expect(seen.at(-1)).toBe(false);
      // A "true" is not a receipt: the copy stays until a later launch reads the state back.
      expect(await store.get(copyOf(""))).toMatchObject({ record: { raw: 100, status: "completed" } });
      tracker.finish();
      expect(rt.raw(held(api))).toBe("100");
    });

    it("the LMS disappearing mid-session: nothing thrown, the result is kept and offered at the next launch", async () => {
      const broken = install();
      const t1 = track(broken.api);
      await t1.start();
      for (const name of [rt.calls.setValue, rt.calls.commit]) {
        (broken.api as unknown as Record<string, unknown>)[name] = () => {
          throw new Error("the LMS frame is gone");
        };
      }
      expect(() => t1.save({ state: stateWith(3), location: "exercise" })).not.toThrow();
      expect(() => t1.record(checkOf(unit, allRight(unit)))).not.toThrow();
      expect(() => t1.finish()).not.toThrow();
      expect(rt.raw(held(broken.api))).toBe("");

      const next = install(rt.relaunch({}, rt.version === "1.2" ? { lesson_status: "incomplete" } : { completion_status: "incomplete" }));
      const t2 = track(next.api);
      expect(await t2.start()).toMatchObject({ savedState: withSequence(stateWith(3), 1), restoredFromCopy: true });
      const cmi = held(next.api);
      expect(cmi.suspend_data).toBe(withSequence(stateWith(3), 1));
      expect(rt.raw(cmi)).toBe("100");
      expect(rt.status(cmi)).toBe("completed");
      expect(Object.keys(cmi.interactions)).toHaveLength(15);
      expect(cmi.interactions["14"].id).toMatch(/^card_/);
      expect(cmi).toMatchObject(rt.restoredAlso);
      expect(next.calls.filter((c) => c.name === rt.calls.commit).every((c) => c.result === "true")).toBe(true);
      expect(failedSets(next.calls)).toEqual([]);
      t2.finish();
      // The launch after that reads it all back: the copy is dropped, nothing is sent twice.
      const third = install(rt.relaunch(held(next.api)));
      expect(await track(third.api).start()).toMatchObject({ restoredFromCopy: false });
      expect(sets(third.calls).filter(([e]) => e.startsWith("cmi.interactions"))).toEqual([]);
      expect(await store.get(copyOf(""))).toBeUndefined();
    });

    it("another learner on the same browser is not given the kept result", async () => {
      const broken = install(rt.learner("anna"), { commits: 99 });
      const t1 = track(broken.api);
      await t1.start();
      t1.record(checkOf(unit, allRight(unit)));
      t1.finish();
      const other = install(rt.learner("bo"));
      await track(other.api).start();
      expect(rt.raw(held(other.api))).toBe("");
    });

    it("keeps working when Initialize fails; with the learner unknown, no later launch gets that work", async () => {
      const { api, calls } = install();
      (api as unknown as Record<string, () => string>)[rt.calls.initialize] = () => "false";
      const tracker = track(api);
      const seen: boolean[] = [];
      tracker.onSyncChange((u) => seen.push(u));
      await tracker.start();
      tracker.save({ state: stateWith(3), location: "exercise" });
      tracker.record(checkOf(unit, allRight(unit)));
      tracker.finish();
      expect(count(calls, rt.calls.setValue) + count(calls, rt.calls.terminate) + count(calls, rt.calls.commit)).toBe(0);
      expect(logs[0]).toMatch(new RegExp(`${rt.calls.initialize} failed`));
      expect(seen.at(-1)).toBe(true);
      // Bo's Initialize fails too in the same browser: Anna's placements are not his to see.
      const again = track(api);
      expect(await again.start()).toMatchObject({ savedState: "", location: "", resumed: false });
    });

    it("commits that fail but a closing call that stores everything: nothing is offered twice at the next launch", async () => {
      const first = install(undefined, { commits: 99 });
      const t1 = track(first.api);
      await t1.start();
      t1.record(checkOf(unit, allRight(unit)));
      t1.finish();
      const second = install(rt.relaunch(held(first.api)));
      await track(second.api).start();
      expect(sets(second.calls).filter(([e]) => e.startsWith("cmi.interactions"))).toEqual([]);
    });

    it("a commit answering \"false\" while the session lives shows the not-saved notice at once, not while it waits", async () => {
      const { api, calls } = install();
      const tracker = track(api);
      const seen: boolean[] = [];
      tracker.onSyncChange((u) => seen.push(u));
      await tracker.start();
      expect(seen.at(-1)).toBe(false);
      // The Moodle session ends: from now on every commit answers "false".
      (api as unknown as Record<string, () => string>)[rt.calls.commit] = () => (calls.push({ name: rt.calls.commit, args: [""], result: "false", error: "0" }), "false");
      tracker.save({ state: stateWith(1), location: "exercise" });
      clock.advance(1_999); // waiting for the learner's pause is not "not saved"
      expect(seen.at(-1)).toBe(false);
      clock.advance(1); // the placement's commit
      expect(calls.at(-1)).toMatchObject({ name: rt.calls.commit, result: "false" });
      expect(seen.at(-1)).toBe(true);
    });
  });

  describe("the local copy against what the LMS gives back", () => {
    it("the LMS holds newer work than the copy (the learner went on elsewhere): the LMS wins, the copy is dropped", async () => {
      const here = install(rt.learner("anna"));
      const t1 = track(here.api);
      await t1.start();
      t1.save({ state: stateWith(2), location: "exercise" }); // sequence 1, kept in this browser
      t1.finish();
      const elsewhere = install(rt.relaunch(held(here.api)));
      const t2 = rt.create(elsewhere.api, unit, { clock, store: openLocalStore(`other-${++stores}`), unitKey: "peer-mentoring:da" });
      await t2.start();
      t2.save({ state: stateWith(3), location: "exercise" });
      t2.save({ state: stateWith(4), location: "exercise" }); // sequence 3, in the LMS
      t2.finish();
      const back = install(rt.relaunch(held(elsewhere.api)));
      const launch = await track(back.api).start();
      expect(launch).toMatchObject({ savedState: withSequence(stateWith(4), 3), restoredFromCopy: false });
      expect(await store.get(copyOf("anna"))).toBeUndefined();
      expect(sets(back.calls).filter(([e]) => e === rt.el.suspendData)).toEqual([]);
    });

    it("review mode never reads nor writes the copy", async () => {
      const broken = install(rt.learner("anna"), { commits: 99 });
      const t1 = track(broken.api);
      await t1.start();
      t1.save({ state: stateWith(5), location: "exercise" });
      t1.finish();
      const kept = await store.get(copyOf("anna"));
      expect(kept).toMatchObject({ seq: 1 });
      const review = install(rt.review({ core: { student_id: "anna" }, core2004: { learner_id: "anna" }, rest: { suspend_data: stateWith(2) } }));
      const t2 = track(review.api);
      expect(await t2.start()).toMatchObject({ graded: false, savedState: stateWith(2), restoredFromCopy: false });
      t2.save({ state: stateWith(9), location: "exercise" });
      t2.finish();
      expect(await store.get(copyOf("anna"))).toEqual(kept);
      expect(sets(review.calls).map(([e]) => e)).toEqual([rt.el.sessionTime, rt.el.exit]);
    });

    it("a finished attempt's copy does not fill the next, fresh attempt", async () => {
      const broken = install(undefined, { commits: 99 });
      const t1 = track(broken.api);
      await t1.start();
      t1.save({ state: stateWith(15), location: "exercise" });
      t1.record(checkOf(unit, allRight(unit)));
      t1.finish();
      const fresh = install(rt.version === "1.2" ? { core: { entry: "ab-initio" } } : { entry: "ab-initio" });
      expect(await track(fresh.api).start()).toMatchObject({ savedState: "", restoredFromCopy: false });
      expect(rt.raw(held(fresh.api))).toBe("");
      expect(await store.get(copyOf(""))).toBeUndefined();
    });
  });
});

describe("SCORM 1.2 only", () => {
  const rt = RUNTIMES[0]!;
  const { install, track, fullSession } = runtimeKit(rt);

  it("a full session holds score min and max, the time so far before every commit, and each card's answer in 1.2's formats", async () => {
    const { api, calls } = install();
    await fullSession(api);
    const cmi = held(api);
    expect(cmi.core.score).toEqual({ raw: "100", min: "0", max: "100" });
    // The time so far before every commit, and the whole session's before LMSFinish (Moodle adds that one).
    expect(setsOf(calls).filter(([e]) => e === "cmi.core.session_time").map(([, v]) => v)).toEqual(["00:00:00.00", "00:00:15.00", "00:00:20.00"]);
    expect(cmi.core.lesson_location).toBe("exercise");
    const social = Object.values(cmi.interactions as Json).find((i) => i.id === "card_sociale-faerdigheder")!;
    expect(social).toMatchObject({ type: "fill-in", student_response: "both", result: "correct", weighting: "1", time: "14:03:27" });
    // scorm-again stores latency normalised; what the SCO sent is exactly two fraction digits.
    expect(setsOf(calls).filter(([e]) => e.endsWith(".latency")).every(([, v]) => v === "00:01:35.50")).toBe(true);
    expect(Object.values(social.correct_responses as Json).map((r) => r.pattern)).toEqual(["both", "mentee"]);
  });

  it("with a mastery score: failed below it, passed above it, never back to failed", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    const { api } = install({ student_data: { mastery_score: "80" } });
    const tracker = track(api);
    await tracker.start();
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(held(api).core.lesson_status).toBe("failed");
    tracker.record(checkOf(mastery, allRight(mastery)));
    expect(held(api).core.lesson_status).toBe("passed");
    tracker.record(checkOf(mastery, allWrong(mastery)));
    expect(held(api).core.lesson_status).toBe("passed");
    expect(held(api).core.score.raw).toBe("100");
    tracker.finish();
    expect(held(api).core.lesson_status).toBe("passed");
  });

  it("an LMS that adds session_time at every store (Chamilo) gets the time since the previous store each time", async () => {
    const { api, calls } = install();
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
    const times = setsOf(calls).filter(([e]) => e === "cmi.core.session_time").map(([, v]) => v);
    // Launch, the placement's commit 2 s after it, the check's commit, LMSFinish: the sum is the true 33 s.
    expect(times).toEqual(["00:00:00.00", "00:00:12.00", "00:00:01.00", "00:00:20.00"]);
  });
});

describe("SCORM 2004 only", () => {
  const rt = RUNTIMES[1]!;
  const { install, track, copyOf, fullSession } = runtimeKit(rt);
  const interactions = (api: unknown) => Object.values(held(api).interactions as Json);
  const stateOf = (placements: Record<string, string>) => encodeState(unit, { placements, checked: false, solutionSeen: false, solutionShown: false });

  it("is found from a frame inside the LMS page (the SCO's iframe), as for SCORM 1.2's API", () => {
    const { api } = install();
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

  it("a full session, all right: success unknown (no passing score), scaled 1, 15 described answers", async () => {
    const { api, calls } = install();
    await fullSession(api);
    const cmi = held(api);
    expect(cmi.success_status).toBe("unknown");
    expect(cmi.score).toEqual({ scaled: "1", raw: "100", min: "0", max: "100" });
    expect(cmi.progress_measure).toBe("1");
    expect(cmi.session_time).toBe("PT20S");
    expect(cmi.location).toBe("exercise");
    const all = interactions(api);
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
    expect(Object.values(social.correct_responses as Json).map((r) => r.pattern)).toEqual(["both", "mentee"]);
    expect(all.every((i) => typeof i.description === "string" && (i.description as string).startsWith("{lang=da}"))).toBe(true);
    expect(setsOf(calls).map(([e]) => e)).not.toContain("cmi.success_status");
  });

  it("all wrong: scaled 0", async () => {
    const { api } = install();
    await fullSession(api, allWrong(unit));
    expect(held(api).score).toEqual({ scaled: "0", raw: "0", min: "0", max: "100" });
  });

  it("progress_measure follows the cards placed; completion stays incomplete until the check", async () => {
    const { api } = install();
    const tracker = track(api);
    await tracker.start();
    const seven = Object.fromEntries(Object.entries(allRight(unit)).slice(0, 7));
    tracker.save({ state: stateOf(seven), location: "exercise" });
    expect(held(api).progress_measure).toBe("0.4667");
    tracker.save({ state: stateOf(allRight(unit)), location: "exercise" });
    expect(held(api).progress_measure).toBe("1");
    expect(held(api).completion_status).toBe("incomplete");
  });

  it("with the unit's mastery score and none from the LMS: failed below it, passed above it, never back to failed", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    const { api, calls } = install();
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
    const { api, calls } = install({ scaled_passing_score: "0.5" });
    const tracker = track(api, mastery);
    await tracker.start();
    tracker.record(checkOf(mastery, nine));
    expect(setsOf(calls).filter(([e]) => e === "cmi.score.scaled" || e === "cmi.success_status")).toEqual([
      ["cmi.score.scaled", "0.6"],
      ["cmi.success_status", "passed"],
    ]);
    expect(held(api).success_status).toBe("passed");
  });

  it("leaving unfinished writes an ISO session time", async () => {
    const { api } = install();
    const t1 = track(api);
    await t1.start();
    t1.save({ state: stateOf({ empati: "mentor" }), location: "exercise" });
    t1.finish();
    expect(held(api).session_time).toMatch(/^PT\d+(\.\d{1,2})?S$/);
  });

  it.each([
    ["review", "credit"],
    ["browse", "credit"],
    ["normal", "no-credit"],
  ])("in %s mode with %s it writes nothing graded and leaves the attempt as it was", async (mode, credit) => {
    const checked = encodeState(unit, { placements: allRight(unit), checked: true, solutionSeen: false, solutionShown: false });
    const { api, calls } = install({ mode, credit, completion_status: "completed", score: { raw: "40" }, suspend_data: checked });
    const tracker = track(api);
    expect(await tracker.start()).toMatchObject({ graded: false, savedState: checked });
    tracker.save({ state: stateOf({ empati: "mentor" }), location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    expect(setsOf(calls).map(([e]) => e)).toEqual(["cmi.session_time", "cmi.exit"]);
    expect(held(api).score.raw).toBe("40");
    expect(held(api).suspend_data).toBe(checked);
    expect(count(calls, "Commit")).toBe(0);
    expect(await store.get(copyOf(""))).toBeUndefined();
  });
});
