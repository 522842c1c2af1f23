/** xAPI statements, built from the real unit and checked with Learning Locker's xapi-validation. */
import { describe, expect, it } from "vitest";
import validate from "xapi-validation";
import { lrsStrings } from "../../../src/i18n/lrs";
import { score } from "../../../src/sorting/score";
import { isoDuration } from "../../../src/tracking/isoDuration";
import { learnerOf, parseXapiLaunch } from "../../../src/tracking/lrs/xapiLaunch";
import * as build from "../../../src/tracking/lrs/xapiStatements";
import { allRight, allWrong, peerMentoring } from "../../support/unit";

const unit = peerMentoring();
const launch = {
  actor: { objectType: "Agent" as const, name: "Anna", mbox: "mailto:anna@example.org" },
  registration: "7f8b3c2a-1d4e-4f6a-9b8c-0d1e2f3a4b5c",
  activityId: "https://lms.example.org/xapi/activities/peer-mentoring",
};
const scope: build.StatementScope = { launch, unit, t: lrsStrings("da") };
let n = 0;
const stamp = (): build.Stamp => ({ id: `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`, timestamp: "2026-11-29T14:03:27.000Z" });

const right = score(unit, allRight(unit));
const wrong = score(unit, allWrong(unit));
const mastery = { ...unit, masteryScore: 80 };

describe("statements", () => {
  it.each([
    ["initialized", build.initialized(scope, stamp()), "http://adlnet.gov/expapi/verbs/initialized", launch.activityId],
    ["experienced", build.experienced(scope, stamp()), "http://adlnet.gov/expapi/verbs/experienced", `${launch.activityId}/reading`],
    ["answered (all right)", build.answered(scope, stamp(), right, 95.5), "http://adlnet.gov/expapi/verbs/answered", `${launch.activityId}/exercise`],
    ["answered (all wrong)", build.answered(scope, stamp(), wrong, 3600.25), "http://adlnet.gov/expapi/verbs/answered", `${launch.activityId}/exercise`],
    ["completed", build.judged(scope, stamp(), "completed", right), "http://adlnet.gov/expapi/verbs/completed", launch.activityId],
    ["passed", build.judged({ ...scope, unit: mastery }, stamp(), "passed", right), "http://adlnet.gov/expapi/verbs/passed", launch.activityId],
    ["failed", build.judged({ ...scope, unit: mastery }, stamp(), "failed", wrong), "http://adlnet.gov/expapi/verbs/failed", launch.activityId],
    ["terminated", build.terminated(scope, stamp(), 61), "http://adlnet.gov/expapi/verbs/terminated", launch.activityId],
  ])("%s: valid with zero warnings, launch's actor and registration, Danish language maps", (_name, statement, verb, object) => {
    expect(validate(statement)).toEqual([]);
    expect(statement.verb.id).toBe(verb);
    expect(statement.object.id).toBe(object);
    expect(statement.actor).toEqual(launch.actor);
    expect(statement.context.registration).toBe(launch.registration);
    expect(statement.context.language).toBe("da");
    expect(Object.keys(statement.verb.display)).toEqual(["da"]);
    expect(JSON.stringify(statement)).not.toContain("en-US");
  });

  it("answered is a matching interaction: 15 cards as source, 3 zones as target, responses in spec order", () => {
    const s = build.answered(scope, stamp(), right, 95.5);
    const def = s.object.definition as Record<string, unknown>;
    expect(def.type).toBe("http://adlnet.gov/expapi/activities/cmi.interaction");
    expect(def.interactionType).toBe("matching");
    expect((def.source as unknown[]).length).toBe(15);
    expect(def.target).toEqual([
      { id: "mentor", description: { da: "Mentor" } },
      { id: "mentee", description: { da: "Mentee" } },
      { id: "both", description: { da: "Begge" } },
    ]);
    // "Forbedrede sociale færdigheder" is right in Begge and in Mentee: two right answers.
    const patterns = def.correctResponsesPattern as string[];
    expect(patterns).toHaveLength(2);
    expect(patterns[0]).toContain("sociale-faerdigheder[.]both");
    expect(patterns[1]).toContain("sociale-faerdigheder[.]mentee");
    expect(patterns[0]!.split("[,]")).toHaveLength(15);
    expect(s.result).toEqual({
      score: { raw: 15, min: 0, max: 15, scaled: 1 },
      success: true,
      completion: true,
      response: patterns[0],
      duration: "PT1M35.5S",
    });
    expect(build.answered(scope, stamp(), wrong, 1).result).toMatchObject({ success: false, score: { raw: 0, scaled: 0 } });
    expect(s.context.extensions).toBeUndefined();
  });

  it("an answer given after the solution was shown says so, and stays valid", () => {
    const s = build.answered(scope, stamp(), right, 12, true);
    expect(s.context.extensions).toEqual({ [build.SOLUTION_SEEN]: true });
    expect(validate(s)).toEqual([]);
  });

  it.each([
    [0, "PT0S"],
    [0.5, "PT0.5S"],
    [60, "PT1M"],
    [3600.25, "PT1H0.25S"],
    [3725, "PT1H2M5S"],
  ])("duration of %f s is %s", (s, iso) => expect(isoDuration(s)).toBe(iso));
});

describe("launch parameters", () => {
  const q = (p: Record<string, string>) => `?${new URLSearchParams(p)}`;
  const base = {
    endpoint: "https://lrs.example.org/xapi",
    auth: "Basic YTpi",
    actor: JSON.stringify({ name: "Anna", mbox: "mailto:anna@example.org" }),
    registration: launch.registration,
    activity_id: launch.activityId,
  };

  it("reads the five parameters", () => {
    expect(parseXapiLaunch(q(base))).toEqual({
      endpoint: "https://lrs.example.org/xapi/",
      auth: "Basic YTpi",
      actor: { objectType: "Agent", name: "Anna", mbox: "mailto:anna@example.org" },
      registration: launch.registration,
      activityId: launch.activityId,
    });
  });

  it("normalises a Tin Can 0.9 actor", () => {
    const actor = JSON.stringify({ name: ["Bo"], account: [{ accountServiceHomePage: "https://lms.example.org", accountName: "bo42" }] });
    expect(parseXapiLaunch(q({ ...base, actor }))!.actor).toEqual({ objectType: "Agent", name: "Bo", account: { homePage: "https://lms.example.org", name: "bo42" } });
  });

  it("names the learner by the agent's identifier, whatever the display name or the launch's auth", () => {
    const learner = (actor: object, auth = "Basic YTpi") => learnerOf(parseXapiLaunch(q({ ...base, auth, actor: JSON.stringify(actor) }))!.actor);
    expect(learner({ name: "Anna", mbox: "anna@example.org" })).toBe("mbox:mailto:anna@example.org");
    expect(learner({ name: "Anna B.", mbox: "mailto:anna@example.org" }, "Basic b3RoZXI=")).toBe("mbox:mailto:anna@example.org");
    expect(learner({ mbox_sha1sum: "ab12" })).toBe("sha1:ab12");
    expect(learner({ openid: "https://id.example.org/anna" })).toBe("openid:https://id.example.org/anna");
    expect(learner({ account: { homePage: "https://lms.example.org", name: "bo42" } })).toBe("account:https://lms.example.org|bo42");
  });

  it.each([
    ["no parameters", {}],
    ["no endpoint", { ...base, endpoint: "" }],
    ["actor not JSON", { ...base, actor: "{anna" }],
    ["actor without an identifier", { ...base, actor: '{"name":"Anna"}' }],
    ["endpoint not http(s)", { ...base, endpoint: "javascript:alert(1)" }],
  ])("is not an xAPI launch: %s", (_name, params) => {
    expect(parseXapiLaunch(q(params as Record<string, string>))).toBeNull();
  });
});
