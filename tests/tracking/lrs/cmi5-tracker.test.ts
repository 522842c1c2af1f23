/**
 * The cmi5 tracker against the loopback cmi5 LMS over real HTTP: the exact statements of each
 * session, held to the cmi5 rules by the checker; launch problems give one notice and a unit that
 * works in this browser.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lrsStrings } from "../../../src/i18n/lrs";
import { createCmi5Tracker } from "../../../src/tracking/lrs/cmi5";
import { SESSION_ID } from "../../../src/tracking/lrs/cmi5Launch";
import { manualClock } from "../../support/clock";
import { openLocalStore } from "../../../src/tracking/localStore";
import { checkOf } from "../../support/check";
import { startCmi5Lms, type Cmi5Lms, type LaunchOptions } from "../../support/cmi5Lms";
import { verbOf } from "../../support/cmi5Rules";
import { memoryStorage } from "../../support/memoryStorage";
import { allRight, allWrong, peerMentoring } from "../../support/unit";
import { encodeState, withSequence } from "../../../src/state/resume";
import { freshAttempt } from "../../../src/sorting/attempt";

const unit = peerMentoring();
const AU = "https://content.example.org/pm/index.html";
let lms: Cmi5Lms;
beforeEach(async () => {
  lms = await startCmi5Lms();
});
afterEach(() => lms.close());

const verbs = () => lms.lrs.statements.map(verbOf);
/** One browser: its localStorage, the units' store on it (IndexedDB has its own tests), and the tab's sessionStorage. */
const browser = () => {
  const storage = memoryStorage();
  return { storage, store: openLocalStore("pm-test", { storage, noIndexedDb: true }), session: memoryStorage() };
};
const tracker = (url: string, b = browser(), spy?: typeof fetch) => createCmi5Tracker(new URL(url).search, unit, { ...b, fetch: spy, stateDebounceMs: 0, log: () => {} });
/** A fetch that goes through and remembers every request the tracker made ("METHOD path"). */
const fetchSpy = () => {
  const sent: string[] = [];
  const spy: typeof fetch = (input, init) => {
    sent.push(`${init?.method ?? "GET"} ${new URL(String(input instanceof Request ? input.url : input)).pathname}`);
    return fetch(input, init);
  };
  return { spy, sent, writes: () => sent.filter((r) => !r.startsWith("GET ")) };
};
/** Lets whatever the tracker started in this event run on to its next request (a macrotask later). */
const macrotask = () => new Promise((done) => setTimeout(done, 0));
const launchUrl = (opts?: LaunchOptions) => lms.launch(AU, opts).url;
/** A real saved state with the first `n` cards in their zones (sequence 0: the tracker stamps its own). */
const stateWith = (n: number) => encodeState(unit, { ...freshAttempt(), placements: Object.fromEntries(Object.entries(allRight(unit)).slice(0, n)) });

describe("cmi5 tracker, Normal mode", () => {
  it("all right with the LMS's mastery score: initialized … passed, terminated; LaunchData read before the first statement; every rule holds", async () => {
    const t = tracker(launchUrl({ masteryScore: 0.8, returnURL: "https://lms.example.org/course/7" }));
    expect(await t.start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false, exitUrl: "https://lms.example.org/course/7" });
    expect(t.kind).toBe("cmi5");
    t.save({ state: "pm1.abc.0.", location: "exercise" });
    t.record(checkOf(unit, allRight(unit)));
    t.finish();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "passed", "terminated"]);
    expect(lms.problems()).toEqual([]);
    const paths = lms.lrs.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf("GET /xapi/activities/state")).toBeLessThan(paths.indexOf("POST /xapi/statements"));
    expect(lms.lrs.statements[4]!.result).toMatchObject({ score: { scaled: 1 }, success: true });
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }]);
  });

  it("all wrong: failed, with the session's best score, just before terminated", async () => {
    const t = tracker(launchUrl({ masteryScore: 0.8 }));
    await t.start();
    t.record(checkOf(unit, allWrong(unit)));
    t.finish();
    await expect.poll(verbs).toEqual(["initialized", "answered", "completed", "failed", "terminated"]);
    expect(lms.problems()).toEqual([]);
    expect(lms.lrs.statements[3]!.result).toMatchObject({ score: { scaled: 0 }, success: false });
  });

  it("failed first, right after 'Prøv igen': passed only (one of passed/failed per session)", async () => {
    const t = tracker(launchUrl({ masteryScore: 0.8 }));
    await t.start();
    t.record(checkOf(unit, allWrong(unit)));
    t.record(checkOf(unit, allRight(unit)));
    t.finish();
    await expect.poll(verbs).toEqual(["initialized", "answered", "completed", "answered", "passed", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("no mastery score anywhere: completed, no passed/failed", async () => {
    const t = tracker(launchUrl());
    await t.start();
    t.record(checkOf(unit, allWrong(unit)));
    t.finish();
    await expect.poll(verbs).toEqual(["initialized", "answered", "completed", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("the unit's own mastery score applies when the LMS gives none; the LMS's wins when it does", async () => {
    const strict = { ...unit, masteryScore: 100 };
    const t = createCmi5Tracker(new URL(launchUrl({ masteryScore: 0.5 })).search, strict, { ...browser(), log: () => {} });
    await t.start();
    const tenRight = { ...allRight(unit), ...Object.fromEntries(Object.entries(allWrong(unit)).slice(0, 5)) };
    t.record(checkOf(strict, tenRight)); // 10 of 15: below the unit's 100, above the LMS's 0.5
    t.finish();
    await expect.poll(verbs).toEqual(["initialized", "answered", "completed", "passed", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("leave half-way, relaunch (new fetch URL, same registration): placements from the State API, completed not again", async () => {
    const first = tracker(launchUrl({ masteryScore: 0.8 }));
    await first.start();
    first.save({ state: "pm1.abc.0.xxyy", location: "exercise" });
    first.record(checkOf(unit, allWrong(unit)));
    first.finish();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "failed", "terminated"]);
    await expect.poll(() => [...lms.lrs.states.values()].join()).toContain("xxyy");

    const second = tracker(launchUrl({ masteryScore: 0.8 }), browser());
    expect(await second.start()).toMatchObject({ graded: true, resumed: true, savedState: "pm1.abc.0.xxyy", location: "exercise" });
    second.record(checkOf(unit, allRight(unit)));
    second.finish();
    await expect.poll(() => verbs().slice(6)).toEqual(["initialized", "answered", "passed", "terminated"]);
    expect(lms.problems()).toEqual([]);
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }, { launch: 1, answered: "token" }]);
  });
});

describe("cmi5 tracker, Browse and Review", () => {
  it.each(["Browse", "Review"] as const)("%s: the saved work shows, only initialized and terminated are sent, nothing is written", async (launchMode) => {
    const first = tracker(launchUrl());
    await first.start();
    first.save({ state: "pm1.abc.0.zz", location: "exercise" });
    first.finish();
    await expect.poll(() => [...lms.lrs.states.values()].join()).toContain("zz");
    // The document goes first, the last statements once it is answered (leaveStep): wait for those too.
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
    const before = lms.lrs.statements.length;
    const url = launchUrl({ launchMode, masteryScore: 0.8 });
    const states = () => JSON.stringify([...lms.lrs.states]);
    const statesBefore = states();

    const requests = fetchSpy();
    const t = tracker(url, browser(), requests.spy);
    expect(await t.start()).toMatchObject({ graded: false, resumed: true, savedState: "pm1.abc.0.zz" });
    t.save({ state: "pm1.abc.0.changed", location: "exercise" });
    t.record(checkOf(unit, allRight(unit)));
    t.finish();
    await expect.poll(() => verbs().slice(before)).toEqual(["initialized", "terminated"]);
    await macrotask();
    expect(lms.problems()).toEqual([]);
    expect(states()).toBe(statesBefore);
    // The only writes: the token, initialized and terminated; no state document was ever sent.
    expect(requests.writes().filter((r) => r.includes("activities/state"))).toEqual([]);
  });
});

describe("cmi5 tracker, reload and launch problems", () => {
  it("a reload after terminated: no request at all; the work goes on in this browser, is told once, and the next launch restores and reports it", async () => {
    const b = browser();
    const url = launchUrl({ masteryScore: 0.8 });
    const first = tracker(url, b);
    await first.start();
    first.save({ state: stateWith(1), location: "exercise" });
    first.finish(); // pagehide of the reload
    await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
    await expect.poll(() => [...lms.lrs.states.values()].join()).toContain(withSequence(stateWith(1), 1));

    const requests = fetchSpy();
    const again = tracker(url, b, requests.spy); // same address, same tab
    expect(await again.start()).toEqual({
      graded: true,
      resumed: true,
      savedState: withSequence(stateWith(1), 1),
      location: "exercise",
      restoredFromCopy: false,
      notice: { id: "cmi5Finished", text: lrsStrings("da").cmi5Finished },
    });
    const told: boolean[] = [];
    again.onSyncChange((u) => told.push(u));
    again.save({ state: stateWith(15), location: "exercise" });
    again.record(checkOf(unit, allRight(unit)));
    again.finish();
    await macrotask();
    // The ended session's token is never used again (CATAPULT refuses it: 8.1.2.0-2), and nothing is "not saved".
    expect(requests.sent).toEqual([]);
    expect(told).toEqual([false]);
    expect(lms.fetches).toHaveLength(1);

    // The next launch from the LMS: new fetch URL, same registration, the same browser.
    const next = tracker(launchUrl({ masteryScore: 0.8 }), b);
    expect(await next.start()).toMatchObject({ graded: true, savedState: withSequence(stateWith(15), 3), restoredFromCopy: true });
    await expect.poll(() => verbs().slice(3)).toEqual(["initialized", "answered", "completed", "passed"]);
    await expect.poll(() => [...lms.lrs.states.values()].join()).toContain(withSequence(stateWith(15), 3));
    next.finish();
    await expect.poll(() => verbs().slice(3)).toEqual(["initialized", "answered", "completed", "passed", "terminated"]);
    expect(lms.problems()).toEqual([]);
    expect(lms.fetches.map((f) => f.launch)).toEqual([0, 1]);
    // Reported once: a third launch sends nothing of it again.
    const third = tracker(launchUrl({ masteryScore: 0.8 }), b);
    await third.start();
    third.finish();
    await expect.poll(() => verbs().slice(8)).toEqual(["initialized", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  /** A session opened and left at once in this browser `b`: what a reload of its tab finds. */
  const endedSession = async (url: string, b: ReturnType<typeof browser>) => {
    const first = tracker(url, b);
    await first.start();
    first.finish();
    await expect.poll(verbs).toEqual(["initialized", "terminated"]);
  };

  it("a reload after terminated in Browse mode keeps nothing for later: its work never counts", async () => {
    const b = browser();
    const url = launchUrl({ launchMode: "Browse" });
    await endedSession(url, b);
    const again = tracker(url, b);
    expect(await again.start()).toMatchObject({ graded: false, notice: { id: "cmi5FinishedNotGraded" } });
    again.record(checkOf(unit, allRight(unit)));
    const next = tracker(launchUrl(), b);
    await next.start();
    next.finish();
    await expect.poll(verbs).toEqual(["initialized", "terminated", "initialized", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("a reload after terminated still leads to the LMS's returnURL on Finish", async () => {
    const b = browser();
    const url = launchUrl({ returnURL: "https://lms.example.org/course/7" });
    await endedSession(url, b);
    expect(await tracker(url, b).start()).toMatchObject({ notice: { id: "cmi5Finished" }, exitUrl: "https://lms.example.org/course/7" });
  });

  it("statements an earlier session left unsent are dropped at the next launch, not sent with its token after its initialized", async () => {
    const b = browser();
    const logs: string[] = [];
    const withClock = (url: string) => createCmi5Tracker(new URL(url).search, unit, { ...b, clock: manualClock(), stateDebounceMs: 0, log: (m) => logs.push(m) });
    const first = withClock(launchUrl({ masteryScore: 0.8 }));
    await first.start();
    await expect.poll(verbs).toEqual(["initialized"]);
    lms.lrs.failNext(1000);
    first.record(checkOf(unit, allWrong(unit)));
    first.finish(); // answered, completed, failed, terminated: none reaches the LMS
    const refused = () => new Set(lms.lrs.posts.filter((p) => p.status === 503).flatMap((p) => p.ids)).size;
    await expect.poll(refused).toBe(4);
    lms.lrs.failNext(0);

    const second = withClock(launchUrl({ masteryScore: 0.8 }));
    await second.start();
    second.finish();
    await expect.poll(verbs).toEqual(["initialized", "initialized", "terminated"]);
    const [, secondSession] = lms.sessions.map((x) => x.sessionId);
    expect(lms.lrs.statements.slice(1).map((x) => (x.context as { extensions: Record<string, string> }).extensions[SESSION_ID])).toEqual([secondSession, secondSession]);
    expect(logs).toContain("4 unsent statement(s) of another session dropped");
  });

  it.each(["the token", "the saved state"])("a page closed while waiting for %s: terminated still comes after initialized", async (waitingFor) => {
    let t: ReturnType<typeof tracker> | null = null;
    // pagehide arrives while the request is on its way.
    const closingFetch: typeof fetch = (input, init) => {
      const url = String(input);
      if (waitingFor === "the token" ? url.includes("/cmi5/fetch/") : url.includes("stateId=progress")) t!.finish();
      return fetch(input, init);
    };
    t = createCmi5Tracker(new URL(launchUrl()).search, unit, { ...browser(), fetch: closingFetch, log: () => {} });
    await t.start();
    await expect.poll(verbs).toEqual(["initialized", "terminated"]);
    expect(lms.problems()).toEqual([]);
  });

  it("the same launch address in another tab: the token is gone, one sentence, the unit works in this browser", async () => {
    const url = launchUrl();
    await tracker(url).start();
    const b = browser();
    const other = tracker(url, b);
    expect(await other.start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false, notice: { id: "cmi5NoToken", text: lrsStrings("da").cmi5NoToken } });
    expect(other.kind).toBe("local");
    other.save({ state: "pm1.abc.0.local", location: "exercise" });
    expect(JSON.stringify(b.storage.getItem("local:peer-mentoring:da"))).toContain("local");
    expect(lms.fetches.map((f) => f.answered)).toEqual(["token", "error"]);
  });

  it("the LMS unreachable at launch: one sentence, local", async () => {
    const url = launchUrl();
    lms.lrs.failNext(5);
    expect(await tracker(url).start()).toMatchObject({ notice: { id: "cmi5Unreachable", text: lrsStrings("da").cmi5Unreachable } });
  });

  it("launched with cmi5 parameters missing: one sentence, local, nothing fetched", async () => {
    const url = new URL(launchUrl());
    url.searchParams.delete("fetch");
    const t = tracker(url.toString());
    expect(await t.start()).toMatchObject({ notice: { id: "cmi5NoLaunch" }, graded: true });
    expect(t.kind).toBe("local");
    expect(lms.fetches).toEqual([]);
  });
});
