/** The cmi5 launch steps: parameters, the token fetched once per launch, LMS.LaunchData, preferences. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  fetchAuthToken,
  looksLikeCmi5Launch,
  openCmi5Session,
  otherPreferredLanguage,
  parseCmi5Launch,
  parseLaunchData,
  readSession,
  writeSession,
} from "../../../src/tracking/lrs/cmi5Launch";
import { createLrsClient } from "../../../src/tracking/lrs/lrsClient";
import { ACTIVITY_ID, LEARNER, REGISTRATION, startCmi5Lms, type Cmi5Lms } from "../../support/cmi5Lms";
import { memoryStorage } from "../../support/memoryStorage";

const AU = "https://content.example.org/pm/index.html";
const q = (p: Record<string, string>) => `?${new URLSearchParams(p)}`;
const good = {
  endpoint: "https://lms.example.org/lrs",
  fetch: "https://lms.example.org/fetch?k=1",
  actor: JSON.stringify(LEARNER),
  registration: REGISTRATION,
  activityId: ACTIVITY_ID,
};

describe("cmi5 launch parameters", () => {
  it("reads the five parameters, in any order", () => {
    const reversed = new URLSearchParams(Object.entries(good).reverse()).toString();
    for (const search of [q(good), `?${reversed}`]) {
      expect(parseCmi5Launch(search)).toEqual({
        endpoint: "https://lms.example.org/lrs/",
        fetchUrl: "https://lms.example.org/fetch?k=1",
        actor: { objectType: "Agent", name: "Anna", account: { homePage: "https://lms.example.org", name: "anna-42" } },
        registration: REGISTRATION,
        activityId: ACTIVITY_ID,
      });
    }
  });

  it.each([
    ["no fetch", { ...good, fetch: "" }],
    ["no registration", { ...good, registration: "" }],
    ["a registration that is not a UUID", { ...good, registration: "42" }],
    ["no activityId", { ...good, activityId: "" }],
    ["actor not JSON", { ...good, actor: "{anna" }],
    ["an endpoint that is not http(s)", { ...good, endpoint: "javascript:alert(1)" }],
    ["xAPI (Tin Can) launch parameters", { endpoint: good.endpoint, auth: "Basic YTpi", actor: good.actor, activity_id: ACTIVITY_ID }],
  ])("is not a usable cmi5 launch: %s", (_name, params) => {
    expect(parseCmi5Launch(q(params as Record<string, string>))).toBeNull();
    expect(looksLikeCmi5Launch(q(params as Record<string, string>))).toBe(true);
  });

  it("an address without any cmi5 parameter is no launch at all", () => {
    expect(looksLikeCmi5Launch("")).toBe(false);
    expect(looksLikeCmi5Launch("?lang=da")).toBe(false);
  });
});

describe("LMS.LaunchData", () => {
  const tpl = { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s1" } };
  it("keeps what the AU uses", () => {
    expect(parseLaunchData({ contextTemplate: tpl, launchMode: "Normal", masteryScore: 0.8, moveOn: "Passed", returnURL: "https://lms.example.org/back", launchParameters: "x" })).toEqual({
      contextTemplate: tpl,
      launchMode: "Normal",
      masteryScore: 0.8,
      moveOn: "Passed",
      returnURL: "https://lms.example.org/back",
    });
    expect(parseLaunchData(JSON.stringify({ contextTemplate: tpl, launchMode: "Review" }))).toEqual({ contextTemplate: tpl, launchMode: "Review" });
  });

  it.each([
    ["no context template", { launchMode: "Normal" }],
    ["an unknown launch mode", { contextTemplate: tpl, launchMode: "normal" }],
    ["not JSON", "{"],
    ["nothing", null],
  ])("refuses %s", (_name, raw) => expect(parseLaunchData(raw)).toBeNull());

  it.each([
    [1.5, undefined],
    ["0.8", undefined],
    [0, 0],
  ])("masteryScore %s is kept as %s (0–1 only)", (given, kept) => {
    expect(parseLaunchData({ contextTemplate: tpl, launchMode: "Normal", masteryScore: given })?.masteryScore).toBe(kept);
  });

  it("a returnURL that is not http(s) is ignored", () => {
    expect(parseLaunchData({ contextTemplate: tpl, launchMode: "Normal", returnURL: "javascript:alert(1)" })?.returnURL).toBeUndefined();
  });
});

describe("learner preferences", () => {
  it.each([
    [{ languagePreference: "en-US,da-DK" }, "da", "en-US"],
    [{ languagePreference: "da-DK,en-US" }, "da", null],
    [{ languagePreference: "DA" }, "da", null],
    [{ audioPreference: "on" }, "da", null],
    [null, "da", null],
  ])("%j for a %s edition: other first preference %s", (prefs, lang, other) => expect(otherPreferredLanguage(prefs, lang)).toBe(other));
});

describe("the token, against a loopback cmi5 LMS", () => {
  let lms: Cmi5Lms;
  beforeEach(async () => {
    lms = await startCmi5Lms();
  });
  afterEach(() => lms.close());

  it("is fetched with one POST; a reload of the tab reuses it; the LMS's second POST answers an error object", async () => {
    const { url, token } = lms.launch(AU);
    const launch = parseCmi5Launch(new URL(url).search)!;
    const tab = memoryStorage();
    const first = await fetchAuthToken(launch, tab, fetch);
    expect(first).toEqual({ token });
    expect(await fetchAuthToken(launch, tab, fetch)).toEqual(first);
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }]);
    // Another tab (no sessionStorage of its own) would POST again, and the LMS refuses.
    expect(await fetchAuthToken(launch, memoryStorage(), fetch)).toEqual({ problem: "refused" });
    expect(lms.fetches).toEqual([{ launch: 0, answered: "token" }, { launch: 0, answered: "error" }]);
    // The tab keeps it under the fetch URL only: a new launch has a new one.
    const next = parseCmi5Launch(new URL(lms.launch(AU).url).search)!;
    expect(readSession(tab, next)).toBeNull();
  });

  it("an LMS that does not answer is 'unreachable'", async () => {
    const launch = { ...parseCmi5Launch(new URL(lms.launch(AU).url).search)!, fetchUrl: "http://127.0.0.1:9/fetch" };
    expect(await fetchAuthToken(launch, memoryStorage(), fetch)).toEqual({ problem: "unreachable" });
  });

  const open = (search: string, tab = memoryStorage(), logs: string[] = []) => {
    const launch = parseCmi5Launch(search)!;
    return openCmi5Session(launch, {
      session: tab,
      fetch,
      documents: (auth) => createLrsClient({ endpoint: launch.endpoint, auth }),
      log: (m) => logs.push(m),
      lang: "da",
    });
  };

  it("opens the session: token, then LMS.LaunchData, then the learner's preferences", async () => {
    lms.setPreferences({ languagePreference: "en-GB,da-DK" });
    const { url, session, token } = lms.launch(AU, { masteryScore: 0.8, returnURL: "https://lms.example.org/course/7" });
    const logs: string[] = [];
    const opened = await open(new URL(url).search, memoryStorage(), logs);
    expect(opened).toEqual({
      ok: true,
      auth: `Basic ${token}`,
      launchData: { contextTemplate: session.contextTemplate, launchMode: "Normal", masteryScore: 0.8, moveOn: "Completed", returnURL: "https://lms.example.org/course/7" },
      otherLanguage: "en-GB",
    });
    expect(lms.lrs.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /xapi/activities/state", "GET /xapi/agents/profile"]);
    expect(logs).toEqual(["the learner prefers en-GB; this edition is in da"]);
  });

  it("without preferences stored it opens all the same", async () => {
    const opened = await open(new URL(lms.launch(AU).url).search);
    expect(opened).toMatchObject({ ok: true, otherLanguage: null });
  });

  it.each([
    ["the token already given out", "noToken"],
    ["no LMS.LaunchData", "unreachable"],
    ["the LRS down", "unreachable"],
  ] as const)("says what went wrong: %s → %s", async (name, problem) => {
    const { url } = lms.launch(AU);
    const search = new URL(url).search;
    if (name === "the token already given out") await open(search);
    if (name === "no LMS.LaunchData") lms.lrs.states.clear();
    if (name === "the LRS down") lms.lrs.failNext(10);
    expect(await open(search)).toEqual({ ok: false, problem });
  });

  it("a tab whose session has ended neither fetches again, nor opens a new session, nor hands its token on", async () => {
    const { url } = lms.launch(AU);
    const launch = parseCmi5Launch(new URL(url).search)!;
    const tab = memoryStorage();
    writeSession(tab, launch, { token: "dGhlLXRva2Vu", terminated: true });
    expect(await open(new URL(url).search, tab)).toEqual({ ok: false, problem: "finished" });
    expect(lms.fetches).toEqual([]);
    expect(lms.lrs.requests).toEqual([]);
  });
});
