// @vitest-environment jsdom
/**
 * The launch page the build writes (dist/ is built by the global setup): the whole unit is in its
 * HTML, before any script, rendered by the app's own components; long words carry soft hyphens
 * in what is shown, never in the data the script and the LMS get.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadUnitFile } from "../../src/content/load";
import type { Unit } from "../../src/content/types";
import { strings } from "../../src/i18n";
import { hyphenateWord, hyphensFor, MIN_LETTERS } from "../../src/packaging/hyphenation";
import { withSoftHyphens } from "../../src/ui/softHyphens";

const SHY = /\u00ad/g;
const plain = (s: string | null | undefined) => (s ?? "").replace(SHY, "").replace(/\s+/g, " ").trim();
/** Shows the soft hyphens of a word as "-", for readable expectations. */
const marked = (s: string) => s.replace(SHY, "-");

const EDITIONS: [string, string][] = [
  ["dist/peer-mentoring", "content/peer-mentoring.da.json"],
  ["dist/peer-mentoring-xapi", "content/peer-mentoring.da.json"],
  ["dist/peer-mentoring.en", "content/peer-mentoring.en.json"],
  ["dist/peer-mentoring.en-xapi", "content/peer-mentoring.en.json"],
];

/** The text an element holds itself, without that of nested elements (a list item before its sub-list). */
const ownText = (el: Element) => plain([...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(""));

describe.each(EDITIONS)("the built %s/index.html", (dir, contentFile) => {
  const unit: Unit = loadUnitFile(contentFile);
  const t = strings(unit.lang);
  const html = readFileSync(`${dir}/index.html`, "utf8");
  const doc = new DOMParser().parseFromString(html, "text/html");
  const app = doc.getElementById("app")!;

  it("holds the title, every paragraph, heading and list item of the reading part, and the exercise's text", () => {
    expect(plain(app.querySelector("h1")?.textContent)).toBe(unit.title);
    const reading = app.querySelector(".reading")!;
    expect(plain(reading.querySelector("h2")?.textContent)).toBe(unit.reading.heading);
    const shown = {
      p: [...reading.querySelectorAll(":scope > p")].map(ownText),
      h3: [...reading.querySelectorAll(":scope > h3")].map(ownText),
      li: [...reading.querySelectorAll("li")].map(ownText),
    };
    const expected = { p: [] as string[], h3: [] as string[], li: [] as string[] };
    for (const block of unit.reading.blocks) {
      if (block.type === "paragraph") expected.p.push(block.text);
      else if (block.type === "heading") expected.h3.push(block.text);
      else for (const item of block.items) expected.li.push(...(typeof item === "string" ? [item] : [item.text, ...item.items]));
    }
    expect(shown).toEqual(expected);
    expect(expected.p.length).toBeGreaterThan(3);
    expect(plain(app.querySelector("#exercise-heading")?.textContent)).toBe(unit.exercise.heading);
    expect(plain(app.querySelector(".instructions")?.textContent)).toBe(unit.exercise.instructions);
  });

  it("holds every card in the pool and every zone with its label, each control disabled until the script runs", () => {
    const pool = app.querySelector('[data-drop-target=""]')!;
    const cards = [...pool.querySelectorAll("[data-card]")];
    expect(cards.map((c) => c.getAttribute("data-card")).sort()).toEqual(unit.cards.map((c) => c.id).sort());
    for (const card of unit.cards) expect(plain(pool.querySelector(`[data-card="${card.id}"] .card-text`)?.textContent)).toBe(card.text);
    for (const zone of unit.zones) {
      expect(plain(app.querySelector(`[data-drop-target="${zone.id}"] .zone-target`)?.textContent)).toBe(`${zone.label} (${t.zoneCount(0)})`);
    }
    // Nothing can be dragged (no data-card-id) and no button pretends to work without the script.
    expect(app.querySelectorAll("[data-card-id]").length).toBe(0);
    const buttons = [...app.querySelectorAll("button")];
    expect(buttons.length).toBe(unit.cards.length + unit.zones.length + 3); // + the pool's label, "check", "finish"
    expect(buttons.filter((b) => !b.hasAttribute("disabled")).map((b) => b.textContent)).toEqual([]);
    expect(plain(app.querySelector(".actions .button")?.textContent)).toBe(t.check);
    expect(plain(app.querySelector(".finish")?.textContent)).toBe(t.finishUnfinished);
  });

  it("says, without script, that the exercise needs JavaScript, and shows no notice meant for a launched unit", () => {
    expect(app.querySelector("noscript")?.textContent).toBe(t.needsScript);
    expect(app.querySelectorAll(".notice").length).toBe(0);
  });

  it("inlines the unit as plain JSON, and the soft hyphens only in a display map", () => {
    const data = doc.getElementById("unit-data")!.textContent!;
    expect(data).not.toMatch(SHY);
    const { $schema: _schema, ...expected } = unit;
    expect(JSON.parse(data)).toEqual(expected);
    const hyphens = JSON.parse(doc.getElementById("unit-hyphens")!.textContent!) as Record<string, string>;
    expect(hyphens).toEqual(hyphensFor(unit));
    for (const [word, shown] of Object.entries(hyphens)) {
      expect(shown.replace(SHY, "")).toBe(word);
      expect([...word].length).toBeGreaterThanOrEqual(MIN_LETTERS);
    }
  });

  it("adds no inline script or style: the CSP (script-src 'self'; style-src 'self') holds", () => {
    expect(doc.querySelectorAll("[style], style").length).toBe(0);
    const scripts = [...doc.querySelectorAll("script")].map((s) => s.getAttribute("src") ?? s.getAttribute("type"));
    expect(scripts).toEqual(["application/json", "application/json", "assets/app.js"]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});

describe("hyphenation at build time", () => {
  it("breaks the long Danish compounds of the zones at syllable boundaries, never before a single letter", () => {
    expect(marked(hyphenateWord("Konflikthåndteringsfærdigheder", "da"))).toBe("Kon-flikt-hånd-te-rings-fær-dig-he-der");
    expect(marked(hyphenateWord("Beslutningstagningsevner", "da"))).toBe("Be-slut-nings-tag-nings-ev-ner");
    expect(marked(hyphenateWord("kommunikationsevner", "da"))).toBe("kom-mu-ni-ka-tions-ev-ner");
    expect(marked(hyphenateWord("communication", "en"))).toBe("com-mu-ni-ca-tion");
  });

  it("maps only the unit's words of at least 12 letters, and shows whole words only", () => {
    const unit = loadUnitFile("content/peer-mentoring.da.json");
    const hyphens = hyphensFor(unit);
    expect(Object.keys(hyphens)).toContain("Konflikthåndteringsfærdigheder");
    expect(Object.keys(hyphens)).not.toContain("færdigheder"); // 11 letters
    expect(Object.keys(hyphens).filter((w) => [...w].length < MIN_LETTERS)).toEqual([]);
    expect(marked(withSoftHyphens("Bedre kommunikationsevner.", hyphens))).toBe("Bedre kom-mu-ni-ka-tions-ev-ner.");
    // A word that only contains a mapped one is another word: left as it is.
    expect(withSoftHyphens("Kommunikationsevnerne", hyphens)).toBe("Kommunikationsevnerne");
    expect(withSoftHyphens("constructor hasOwnProperty", hyphens)).toBe("constructor hasOwnProperty");
  });
});
