// @vitest-environment jsdom
/**
 * The SCORM 1.2 adapter against scorm-again's real Scorm12API installed as window.API (the LMS side),
 * with strict errors: every assertion reads what the runtime holds.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Scorm12API } from "scorm-again";
import type { Scorm12Api } from "pipwerks-scorm-api-wrapper";
import { score } from "../src/sorting/score";
import { createScorm12Tracker } from "../src/tracking/scorm12";
import { findScorm12Api, selectTracker } from "../src/tracking/select";
import type { Tracker } from "../src/tracking/tracker";
import { allRight, allWrong, peerMentoring } from "./support/unit";

const unit = peerMentoring();
const CMI_TIMESPAN = /^\d{2,4}:\d{2}:\d{2}\.\d{2}$/;

type Call = { name: string; args: unknown[]; result: string };

function installLms(cmi?: Record<string, unknown>) {
  const api = new Scorm12API({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true });
  if (cmi) api.loadFromJSON(cmi);
  const calls: Call[] = [];
  const logged = api as unknown as Record<string, (...a: unknown[]) => string>;
  for (const name of ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]) {
    const real = logged[name]!.bind(api);
    logged[name] = (...args: unknown[]) => {
      const result = String(real(...args));
      calls.push({ name, args, result });
      return result;
    };
  }
  (window as unknown as { API: unknown }).API = api;
  return { api, calls };
}

/** Everything the runtime holds, write-only elements included (what it would send to the LMS server). */
const held = (api: Scorm12API) => JSON.parse(JSON.stringify(api.cmi));

const sets = (calls: Call[]) => calls.filter((c) => c.name === "LMSSetValue").map((c) => [c.args[0], c.args[1], c.result]);
const count = (calls: Call[], name: string) => calls.filter((c) => c.name === name).length;

let clock = 0;
const track = (api: unknown, extra = {}): Tracker =>
  createScorm12Tracker(api as Scorm12Api, { now: () => clock, log: () => {}, ...extra });

beforeEach(() => {
  clock = 1_000_000;
});
afterEach(() => {
  delete (window as unknown as { API?: unknown }).API;
});

describe("SCORM 1.2 tracker under scorm-again", () => {
  it("is selected when window.API exists, and the local one otherwise", () => {
    expect(selectTracker(window, "k").kind).toBe("local");
    installLms();
    expect(findScorm12Api(window)).toBe((window as unknown as { API: unknown }).API);
    expect(selectTracker(window, "k").kind).toBe("scorm12");
  });

  it("first launch: initializes once and sets incomplete with one commit", async () => {
    const { api, calls } = installLms();
    const launch = await track(api).start();
    expect(launch).toEqual({ graded: true, resumed: false, savedState: "", location: "" });
    expect(count(calls, "LMSInitialize")).toBe(1);
    expect(calls.find((c) => c.name === "LMSInitialize")!.args).toEqual([""]);
    expect(api.cmi.core.lesson_status).toBe("incomplete");
    expect(sets(calls)).toEqual([["cmi.core.lesson_status", "incomplete", "true"]]);
    expect(count(calls, "LMSCommit")).toBe(1);
  });

  it("all right: score 100 (min 0, max 100) before status completed, one commit, then exactly one finish", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.save({ state: "pm1.x.0.", location: "exercise" });
    calls.length = 0;
    tracker.record({ result: score(unit, allRight(unit)), solutionSeen: false });
    expect(sets(calls)).toEqual([
      ["cmi.core.score.min", "0", "true"],
      ["cmi.core.score.max", "100", "true"],
      ["cmi.core.score.raw", "100", "true"],
      ["cmi.core.lesson_status", "completed", "true"],
    ]);
    expect(count(calls, "LMSCommit")).toBe(1);
    clock += 83_456;
    calls.length = 0;
    tracker.finish();
    tracker.finish();
    expect(sets(calls)).toEqual([
      ["cmi.core.session_time", "00:01:23.46", "true"],
      ["cmi.core.exit", "", "true"],
    ]);
    expect(calls.map((c) => c.name).filter((n) => n !== "LMSSetValue")).toEqual(["LMSCommit", "LMSFinish"]);
    expect(calls.at(-1)).toMatchObject({ name: "LMSFinish", args: [""], result: "true" });
    expect(api.cmi.core.score.raw).toBe("100");
    expect(api.cmi.core.score.min).toBe("0");
    expect(api.cmi.core.score.max).toBe("100");
    expect(api.cmi.core.lesson_status).toBe("completed");
    expect(held(api).core.session_time).toBe("00:01:23.46");
    expect(held(api).core.session_time).toMatch(CMI_TIMESPAN);
    expect(held(api).core.exit).toBe("");
    expect(api.cmi.suspend_data).toBe("pm1.x.0.");
    expect(api.cmi.core.lesson_location).toBe("exercise");
  });

  it("all wrong gives raw 0 and still completed", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.record({ result: score(unit, allWrong(unit)), solutionSeen: false });
    tracker.finish();
    expect(api.cmi.core.score.raw).toBe("0");
    expect(api.cmi.core.lesson_status).toBe("completed");
    expect(calls.filter((c) => c.result !== "true" && c.name !== "LMSGetValue")).toEqual([]);
  });

  it("with a mastery score: failed below it, passed at or above it", async () => {
    const mastery = { ...unit, masteryScore: 80 };
    const { api } = installLms({ student_data: { mastery_score: "80" } });
    const tracker = track(api);
    await tracker.start();
    tracker.record({ result: score(mastery, allWrong(mastery)), solutionSeen: false });
    expect(api.cmi.core.lesson_status).toBe("failed");
    tracker.record({ result: score(mastery, allRight(mastery)), solutionSeen: false });
    expect(api.cmi.core.lesson_status).toBe("passed");
    expect(api.cmi.core.score.raw).toBe("100");
    tracker.finish();
    expect(api.cmi.core.lesson_status).toBe("passed");
  });

  it("leaving unfinished suspends, so the next launch resumes", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.save({ state: "pm1.abc.0.xxxyy", location: "exercise" });
    tracker.finish();
    expect(sets(calls).find((s) => s[0] === "cmi.core.exit")).toEqual(["cmi.core.exit", "suspend", "true"]);
    expect(count(calls, "LMSFinish")).toBe(1);
  });

  it("resumes with what the LMS holds", async () => {
    const { api } = installLms({
      core: { entry: "resume", lesson_status: "incomplete", lesson_location: "exercise" },
      suspend_data: "pm1.abc.0.",
    });
    const launch = await track(api).start();
    expect(launch).toEqual({ graded: true, resumed: true, savedState: "pm1.abc.0.", location: "exercise" });
  });

  it("in review mode writes nothing graded", async () => {
    const { api, calls } = installLms({ core: { lesson_mode: "review", credit: "no-credit", lesson_status: "completed", score: { raw: "40" } } });
    const tracker = track(api);
    const launch = await tracker.start();
    expect(launch.graded).toBe(false);
    tracker.record({ result: score(unit, allRight(unit)), solutionSeen: false });
    tracker.finish();
    const written = sets(calls).map((s) => s[0]);
    expect(written).not.toContain("cmi.core.score.raw");
    expect(written).not.toContain("cmi.core.lesson_status");
    expect(api.cmi.core.score.raw).toBe("40");
  });

  it("no call reaches the LMS after LMSFinish", async () => {
    const { api, calls } = installLms();
    const tracker = track(api);
    await tracker.start();
    tracker.finish();
    const n = calls.length;
    tracker.save({ state: "pm1.abc.0.", location: "reading" });
    tracker.record({ result: score(unit, allRight(unit)), solutionSeen: false });
    tracker.finish();
    expect(calls.length).toBe(n);
  });

  it("keeps working when LMSInitialize fails", async () => {
    const { api, calls } = installLms();
    (api as unknown as { LMSInitialize: () => string }).LMSInitialize = () => "false";
    const logs: string[] = [];
    const tracker = track(api, { log: (m: string) => logs.push(m) });
    const launch = await tracker.start();
    expect(launch.graded).toBe(false);
    tracker.record({ result: score(unit, allRight(unit)), solutionSeen: false });
    tracker.finish();
    expect(count(calls, "LMSSetValue") + count(calls, "LMSFinish")).toBe(0);
    expect(logs[0]).toMatch(/LMSInitialize failed/);
  });
});
