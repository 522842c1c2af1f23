/**
 * The xAPI tracker against a real HTTP LRS on 127.0.0.1 (tests/support/lrs.ts): statements arrive
 * valid, in order, once; state goes through the State API; an LRS that is down loses nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import validate from "xapi-validation";
import { encodeState, withSequence } from "../../../src/state/resume";
import { freshAttempt } from "../../../src/sorting/attempt";
import { openLocalStore } from "../../../src/tracking/localStore";
import { createXapiTracker } from "../../../src/tracking/lrs/xapi";
import type { XapiLaunch } from "../../../src/tracking/lrs/xapiLaunch";
import { checkOf } from "../../support/check";
import { manualClock } from "../../support/clock";
import { startLrs, type TestLrs } from "../../support/lrs";
import { verbsIn } from "../../support/lrsFlows";
import { memoryStorage } from "../../support/memoryStorage";
import { allRight, allWrong, peerMentoring } from "../../support/unit";

const unit = peerMentoring();
let lrs: TestLrs;
let launch: XapiLaunch;
let logs: string[];

beforeEach(async () => {
  lrs = await startLrs();
  logs = [];
  launch = {
    endpoint: lrs.endpoint,
    auth: lrs.auth,
    actor: { objectType: "Agent", name: "Anna", mbox: "mailto:anna@example.org" },
    registration: "7f8b3c2a-1d4e-4f6a-9b8c-0d1e2f3a4b5c",
    activityId: "https://lms.example.org/xapi/activities/peer-mentoring",
  };
});
afterEach(() => lrs.close());

/** One browser's store on a Storage the test can read (IndexedDB has its own tests: local-store.test.ts). */
const storeOn = (storage: Storage) => openLocalStore("pm-test", { storage, noIndexedDb: true });
/** A real saved state with the first `n` cards in Mentor (sequence 0: the tracker stamps its own). */
const stateWith = (n: number) => encodeState(unit, { ...freshAttempt(), placements: Object.fromEntries(unit.cards.slice(0, n).map((c) => [c.id, "mentor"])) });
/** How many different statements the LRS has refused (each arrived, and was answered 503). */
const refusedIds = () => new Set(lrs.posts.filter((p) => p.status === 503).flatMap((p) => p.ids)).size;
/** Where the tracker keeps Anna's copy of the state in the test store. */
const stateCopyKey = () => `pm-test/xapi:${launch.activityId}:mbox:mailto:anna@example.org:${launch.registration}:state`;
const verbs = () => verbsIn(lrs)();

describe("xAPI tracker with a loopback LRS", () => {
  it("a full session: initialized, experienced, answered, completed, terminated; valid, with actor and registration", async () => {
    const storage = memoryStorage();
    const tracker = createXapiTracker(launch, unit, { store: storeOn(storage), log: (m) => logs.push(m), stateDebounceMs: 0 });
    expect(await tracker.start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    tracker.save({ state: "pm1.abc.0.", location: "exercise" });
    tracker.record(checkOf(unit, allRight(unit)));
    tracker.finish();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "terminated"]);
    for (const s of lrs.statements) {
      expect(validate(s)).toEqual([]);
      expect(s.actor).toEqual(launch.actor);
      expect((s.context as { registration: string }).registration).toBe(launch.registration);
    }
    const answered = lrs.statements[2] as { result: { score: { scaled: number } } };
    expect(answered.result.score.scaled).toBe(1);
    expect(lrs.requests.every((r) => r.version === "1.0.3")).toBe(true);
    // The credentials reach the LRS only as the Authorization header: not in statements, logs or storage.
    const secret = lrs.auth.replace(/^Basic /, "");
    const stored = Array.from({ length: storage.length }, (_, i) => storage.getItem(storage.key(i)!)).join();
    for (const place of [JSON.stringify(lrs.statements), logs.join(), stored]) expect(place).not.toContain(secret);
    // The LRS may hold the last statements a moment before the tracker has read its answer and
    // dropped them from the queue: wait for that, then only the state copy is left.
    await expect.poll(() => storage.length).toBe(1);
  });

  it("state goes to the State API and comes back at the next launch", async () => {
    const storage = memoryStorage();
    const first = createXapiTracker(launch, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    await first.start();
    first.save({ state: "pm1.abc.0.xxxyy", location: "exercise" });
    await expect.poll(() => lrs.states.size).toBe(1);
    first.finish();
    const second = createXapiTracker(launch, unit, { store: storeOn(memoryStorage()), stateDebounceMs: 0 });
    expect(await second.start()).toEqual({ graded: true, resumed: true, savedState: "pm1.abc.0.xxxyy", location: "exercise", restoredFromCopy: false });
  });

  it("never says 'not saved' while every request is answered: a state write waiting for its quiet time or on its way is not a failure", async () => {
    const clock = manualClock();
    const tracker = createXapiTracker(launch, unit, { store: storeOn(memoryStorage()), clock });
    const seen: boolean[] = [];
    tracker.onSyncChange((u) => seen.push(u));
    await tracker.start();
    for (let n = 1; n <= 15; n++) {
      tracker.save({ state: stateWith(n), location: "exercise" });
      clock.advance(n % 5 === 0 ? 2_000 : 300); // a pause now and then lets the quiet time pass
    }
    tracker.record(checkOf(unit, allRight(unit)));
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(15), 16));
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed"]);
    tracker.finish();
    await expect.poll(verbs).toEqual(["initialized", "experienced", "answered", "completed", "terminated"]);
    expect(seen).toEqual([false]);
  });

  it("writes the state at once when the page is hidden (suspend), without waiting for the quiet time", async () => {
    const clock = manualClock();
    const tracker = createXapiTracker(launch, unit, { store: storeOn(memoryStorage()), clock });
    await tracker.start();
    tracker.save({ state: stateWith(5), location: "exercise" });
    tracker.suspend(); // the clock never moves: only the flush can have written it
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(5), 1));
  });

  it("with the LRS down for the first attempts, every statement arrives once it is back, none twice", async () => {
    const clock = manualClock();
    const storage = memoryStorage();
    lrs.failNext(4);
    const tracker = createXapiTracker(launch, unit, { store: storeOn(storage), clock, log: (m) => logs.push(m), stateDebounceMs: 0 });
    const seen: boolean[] = [];
    tracker.onSyncChange((u) => seen.push(u));
    await tracker.start(); // getState fails (1), initialized fails (2)
    await expect.poll(() => seen.at(-1)).toBe(true);
    tracker.record(checkOf(unit, allWrong(unit)));
    // Time moves only when the test says: each poll lets the retries that are due run, until every
    // statement is in and the unit no longer says "not saved".
    await expect
      .poll(() => {
        clock.advance(30_000);
        return [verbs(), seen.at(-1)];
      })
      .toEqual([["initialized", "answered", "completed"], false]);
    expect(lrs.posts.filter((p) => p.status === 503).length).toBeGreaterThan(0);
    // The LRS stores a statement id once (as the spec says); that nothing was made twice shows in
    // the exact list of verbs above.
    expect(seen.at(-1)).toBe(false);
  });

  it("statements that never reached the LRS survive a reload and are sent by the next page, once", async () => {
    const storage = memoryStorage();
    lrs.failNext(1000);
    const first = createXapiTracker(launch, unit, { store: storeOn(storage), clock: manualClock(), stateDebounceMs: 0 });
    await first.start();
    first.record(checkOf(unit, allRight(unit)));
    first.finish();
    // finish() sends every waiting statement not already on its way: wait until the LRS has refused them all.
    await expect.poll(refusedIds).toBe(4);
    expect(lrs.statements).toEqual([]);
    lrs.failNext(0);
    const second = createXapiTracker(launch, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    await second.start();
    await expect.poll(verbs).toEqual(["initialized", "answered", "completed", "terminated", "initialized"]);
  });

  it("a copy newer than what the State API gives back wins, and is written to the LRS again", async () => {
    const storage = memoryStorage();
    const first = createXapiTracker(launch, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    await first.start();
    first.save({ state: stateWith(1), location: "exercise" });
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(1), 1));
    lrs.failNext(1000); // the LRS goes down before the next write
    first.save({ state: stateWith(2), location: "exercise" });
    const stateWrites = () => lrs.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/activities/state")).length;
    const before = stateWrites();
    first.finish();
    // The write of the newer state reaches the LRS and is refused before the LRS comes back.
    await expect.poll(stateWrites).toBeGreaterThan(before);
    lrs.failNext(0);
    const second = createXapiTracker(launch, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    expect(await second.start()).toMatchObject({ savedState: withSequence(stateWith(2), 2), restoredFromCopy: true });
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(2), 2));
    // Written but not yet read back: the copy is still there.
    expect(storage.getItem(stateCopyKey())).toContain(withSequence(stateWith(2), 2));
    second.finish();
    // The next launch reads it back from the State API: now the copy goes.
    const third = createXapiTracker(launch, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    expect(await third.start()).toMatchObject({ savedState: withSequence(stateWith(2), 2), restoredFromCopy: false });
    await expect.poll(() => storage.getItem(stateCopyKey())).toBeNull();
  });

  it("a confirmed write does not drop the copy; an LRS holding newer work (another device) wins over it", async () => {
    const here = memoryStorage();
    const first = createXapiTracker(launch, unit, { store: storeOn(here), stateDebounceMs: 0 });
    await first.start();
    first.save({ state: stateWith(1), location: "exercise" });
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(1), 1));
    first.finish();
    const copyKey = stateCopyKey();
    expect(here.getItem(copyKey)).toContain(withSequence(stateWith(1), 1));
    // The learner goes on in another browser: the LRS gets sequence 3.
    const elsewhere = createXapiTracker(launch, unit, { store: storeOn(memoryStorage()), stateDebounceMs: 0 });
    await elsewhere.start();
    elsewhere.save({ state: stateWith(2), location: "exercise" });
    elsewhere.save({ state: stateWith(3), location: "exercise" });
    await expect.poll(() => [...lrs.states.values()].join()).toContain(withSequence(stateWith(3), 3));
    elsewhere.finish();
    const back = createXapiTracker(launch, unit, { store: storeOn(here), stateDebounceMs: 0 });
    expect(await back.start()).toMatchObject({ savedState: withSequence(stateWith(3), 3), restoredFromCopy: false });
    await expect.poll(() => here.getItem(copyKey)).toBeNull();
  });

  it("another learner in the same browser (no registration) never gets Anna's copy or her queued statements", async () => {
    const storage = memoryStorage();
    const noRegistration = { ...launch, registration: "" };
    lrs.failNext(1000); // Anna's work stays in this browser: unconfirmed state, unsent statements
    const anna = createXapiTracker(noRegistration, unit, { store: storeOn(storage), clock: manualClock(), log: (m) => logs.push(m), stateDebounceMs: 0 });
    await anna.start();
    anna.save({ state: stateWith(3), location: "exercise" });
    anna.record(checkOf(unit, allRight(unit)));
    anna.finish();
    await expect.poll(refusedIds).toBe(5);
    // The state write at finish (a read first: the launch read failed) has had its answer too.
    await expect.poll(() => logs.some((m) => m.startsWith("saving the state failed"))).toBe(true);
    expect(JSON.stringify(Object.fromEntries(Array.from({ length: storage.length }, (_, i) => [storage.key(i), storage.getItem(storage.key(i)!)])))).toContain("anna@example.org");
    lrs.failNext(0);

    const boActor = { objectType: "Agent" as const, name: "Bo", account: { homePage: "https://lms.example.org", name: "bo" } };
    const bo = createXapiTracker({ ...noRegistration, actor: boActor }, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    expect(await bo.start()).toEqual({ graded: true, resumed: false, savedState: "", location: "", restoredFromCopy: false });
    bo.finish();
    await expect.poll(verbs).toEqual(["initialized", "terminated"]);
    expect(lrs.statements.map((s) => s.actor)).toEqual([boActor, boActor]);
    // Anna's work is still kept for her next launch, and comes back to her.
    const annaAgain = createXapiTracker(noRegistration, unit, { store: storeOn(storage), stateDebounceMs: 0 });
    // Sequence 2: the check raised it too (a copy holding a verdict wins over an LRS without it).
    expect(await annaAgain.start()).toMatchObject({ savedState: withSequence(stateWith(3), 2), restoredFromCopy: true });
    await expect.poll(verbs).toEqual(["initialized", "terminated", "initialized", "experienced", "answered", "completed", "terminated", "initialized"]);
  });

  describe("a failed state read at launch", () => {
    const stateWrites = () => lrs.requests.filter((r) => r.method === "PUT" && r.path.endsWith("/activities/state")).length;
    const held = () => [...lrs.states.values()].join();
    /** A fetch whose next `n` reads of the state get 503 (other requests go to the LRS as they are). */
    const failingReads = (n: number) => {
      const f = (async (input, init) => {
        if (init?.method === "GET" && String(input).includes("/activities/state") && f.left > 0) {
          f.left--;
          return new Response("{}", { status: 503 });
        }
        return fetch(input, init);
      }) as typeof fetch & { left: number };
      f.left = n;
      return f;
    };
    /** The learner's saved progress in the LRS: 14 cards, from two saves on another device (sequence 2). */
    const savedElsewhere = async () => {
      const elsewhere = createXapiTracker(launch, unit, { store: storeOn(memoryStorage()), stateDebounceMs: 0 });
      await elsewhere.start();
      elsewhere.save({ state: stateWith(13), location: "exercise" });
      elsewhere.save({ state: stateWith(14), location: "exercise" });
      await expect.poll(held).toContain(withSequence(stateWith(14), 2));
      elsewhere.finish();
      await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated"]);
    };

    it("does not let the first save replace the learner's saved progress: the LRS keeps 14 cards, the page's 1 card stays in this browser", async () => {
      await savedElsewhere();
      const storage = memoryStorage();
      // One 503: the launch's read of the state.
      const tracker = createXapiTracker(launch, unit, { store: storeOn(storage), fetch: failingReads(1), log: (m) => logs.push(m), stateDebounceMs: 0 });
      expect(await tracker.start()).toMatchObject({ graded: true, savedState: "" });
      const writesBefore = stateWrites();
      tracker.save({ state: stateWith(1), location: "exercise" });
      await expect.poll(() => logs.some((m) => m.startsWith("the LRS holds newer work"))).toBe(true);
      tracker.save({ state: stateWith(2), location: "exercise" });
      tracker.finish();
      await expect.poll(verbs).toEqual(["initialized", "experienced", "terminated", "initialized", "experienced", "terminated"]);
      expect(stateWrites()).toBe(writesBefore);
      expect(held()).toContain(withSequence(stateWith(14), 2));
      // Nothing is lost on this side either: the page's work is in this browser's copy.
      expect(storage.getItem(stateCopyKey())).toContain(withSequence(stateWith(2), 2));
    });

    it("writes once a read shows the LRS holds older work; a read that fails again is retried with the backoff", async () => {
      const clock = manualClock();
      const storage = memoryStorage();
      // An earlier page left a copy (sequence 1) the LRS never got.
      const first = createXapiTracker(launch, unit, { store: storeOn(storage), clock, stateDebounceMs: 0 });
      await first.start();
      await expect.poll(verbs).toEqual(["initialized"]);
      lrs.failNext(1000);
      first.save({ state: stateWith(5), location: "exercise" });
      first.finish();
      clock.advance(0);
      await expect.poll(() => lrs.requests.some((r) => r.method === "PUT")).toBe(true);
      lrs.failNext(0);
      // The launch's read fails, and so does the read again before the first write.
      const reads = failingReads(2);
      const tracker = createXapiTracker(launch, unit, { store: storeOn(storage), clock, fetch: reads, log: (m) => logs.push(m), stateDebounceMs: 0 });
      expect(await tracker.start()).toMatchObject({ savedState: withSequence(stateWith(5), 1) });
      tracker.save({ state: stateWith(6), location: "exercise" });
      clock.advance(0);
      await expect.poll(() => logs.some((m) => m.startsWith("saving the state failed (503)"))).toBe(true);
      expect(reads.left).toBe(0);
      expect(held()).toBe("");
      await expect
        .poll(() => {
          clock.advance(5_000);
          return held();
        })
        .toContain(withSequence(stateWith(6), 2));
    });
  
    it("in Browse or Review (read-only) shows nothing rather than this browser's copy", async () => {
      const storage = memoryStorage();
      const doc = { state: withSequence(stateWith(4), 3), location: "exercise", recorded: { status: "", raw: null }, experienced: true };
      storage.setItem(stateCopyKey(), JSON.stringify({ doc }));
      const tracker = createXapiTracker(launch, unit, { store: storeOn(storage), fetch: failingReads(1), readOnly: true, log: () => {} });
      expect(await tracker.start()).toEqual({ graded: false, resumed: false, savedState: "", location: "", restoredFromCopy: false });
      const graded = createXapiTracker(launch, unit, { store: storeOn(storage), fetch: failingReads(1), log: () => {} });
      expect(await graded.start()).toMatchObject({ graded: true, savedState: doc.state });
    });
  });
});
