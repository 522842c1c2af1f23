// @vitest-environment jsdom
/** The bibliography of a unit, as learners see it: its own section after the reading part, entries as text. */
import { h, render } from "preact";
import { describe, expect, it } from "vitest";
import { parseUnit } from "../../src/content/schema";
import { decodeState } from "../../src/state/resume";
import { createLocalTracker } from "../../src/tracking/local";
import { UnitView } from "../../src/ui/UnitView";
import { peerMentoring } from "../support/unit";

// interact.js cannot run in jsdom (it recurses through jsdom's window); dragging is tested in Chromium.
const bindDrag = () => () => {};

describe("the bibliography in the unit", () => {
  it("stands between the reading part and the exercise, one list item per source, markup as text", async () => {
    const entries = ["Rogers, C. R. (1957). Active listening.", '<script>alert("x")</script>'];
    const unit = parseUnit({ ...peerMentoring(), bibliography: { heading: "Bibliografi", entries } }, "u.json");
    const tracker = createLocalTracker(localStorage, "bibliography-test");
    const launch = await tracker.start();
    const root = document.createElement("div");
    document.body.append(root);
    render(h(UnitView, { unit, hyphens: {}, runtime: { tracker, launch, initial: decodeState(unit, "").attempt, bindDrag } }), root);

    expect([...root.querySelectorAll("h2")].map((e) => e.textContent)).toEqual(["Læringsdel", "Bibliografi", "Beskrivelse af øvelsen"]);
    const section = root.querySelector("section.bibliography")!;
    expect(section.getAttribute("aria-labelledby")).toBe("bibliography-heading");
    expect([...section.querySelectorAll("li")].map((e) => e.textContent)).toEqual(entries);
    expect(root.querySelector("script")).toBeNull();
  });

  it("is not there when the unit has none", async () => {
    const unit = peerMentoring();
    const tracker = createLocalTracker(localStorage, "bibliography-test-2");
    const root = document.createElement("div");
    render(h(UnitView, { unit, hyphens: {}, runtime: { tracker, launch: await tracker.start(), initial: decodeState(unit, "").attempt, bindDrag } }), root);
    expect(root.querySelector(".bibliography")).toBeNull();
    expect([...root.querySelectorAll("h2")].map((e) => e.textContent)).toEqual(["Læringsdel", "Beskrivelse af øvelsen"]);
  });
});
