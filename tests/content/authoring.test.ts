/**
 * What an author meets: the real build refusing content mistakes with one readable line, the JSON
 * Schema their editor uses, packages that are byte-identical when rebuilt, and the English edition
 * working end to end (manifest, launch page, UI strings in Chromium).
 * Builds run as child processes (`node --import tsx build.ts`) in throwaway copies of the project.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import JSZip from "jszip";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitJsonSchema, unitJsonSchemaText } from "../../src/content/jsonSchema";
import { LANGS } from "../../src/content/schema";
import { launchChromium } from "../support/browser";
import { projectCopy, runTs } from "../support/project";
import { clickPlace, scoFrame } from "../support/learner";
import { lmsData, openLms } from "../support/lms";
import { serveZip, type TestServer } from "../support/server";

const ROOT = resolve(".");
const DA = "content/peer-mentoring.da.json";
const EN = "content/peer-mentoring.en.json";
const REAL = { [DA]: JSON.parse(readFileSync(DA, "utf8")), [EN]: JSON.parse(readFileSync(EN, "utf8")) };

const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** A throwaway copy of the project (sources and content; node_modules linked), with `files` written into it. */
function copyWith(files: Record<string, string> = {}): string {
  const dir = projectCopy("authoring-", files);
  copies.push(dir);
  return dir;
}

const build = (cwd: string, ...args: string[]) => runTs(cwd, "build.ts", ...args);

/** A real content file, changed by `fn`, as an author would save it. */
function mutate(file: typeof DA | typeof EN, fn: (u: any) => void): Record<string, string> {
  const copy = structuredClone(REAL[file]);
  fn(copy);
  return { [file]: JSON.stringify(copy, null, 2) };
}

describe("an author's mistake", () => {
  const idRule = 'use lowercase letters, digits and "-", starting with a letter, at most 64 characters';
  it.each<[string, Record<string, string>, string, string[]?]>([
    [
      "invalid JSON (a missing comma): line and column",
      { [EN]: readFileSync(EN, "utf8").replace('"lang": "en",', '"lang": "en"') },
      "content/peer-mentoring.en.json: invalid JSON at line 6, column 3: expected ',' or '}' after property value",
    ],
    [
      "invalid JSON (a trailing comma)",
      { [DA]: readFileSync(DA, "utf8").replace('"Tålmodighed", "accept": ["mentor"] }', '"Tålmodighed", "accept": ["mentor",] }') },
      "content/peer-mentoring.da.json: invalid JSON at line 74, column 72: unexpected token ']'",
    ],
    [
      "a missing field",
      mutate(EN, (u) => delete u.exercise.instructions),
      "content/peer-mentoring.en.json: exercise.instructions: missing (what the learner has to do)",
    ],
    [
      "a misspelt field",
      mutate(DA, (u) => ((u.titel = u.title), delete u.title)),
      "content/peer-mentoring.da.json: titel: unknown field; expected one of $schema, id, version, lang, title, topic, reading, bibliography, exercise, zones, cards, masteryScore",
    ],
    [
      "an unknown zone",
      mutate(EN, (u) => (u.cards[3].accept = ["mentr"])),
      'content/peer-mentoring.en.json: cards[3].accept[0]: "mentr" is not a zone (mentor, mentee, both)',
    ],
    [
      "a duplicate card id",
      mutate(DA, (u) => (u.cards[11].id = "empati")),
      'content/peer-mentoring.da.json: cards[11].id: "empati" is already used by cards[9]',
    ],
    [
      "a duplicate zone id",
      mutate(EN, (u) => (u.zones[1].id = "mentor")),
      'content/peer-mentoring.en.json: zones[1].id: "mentor" is already used by zones[0]',
    ],
    [
      "an empty text",
      mutate(EN, (u) => (u.zones[2].label = "  ")),
      "content/peer-mentoring.en.json: zones[2].label: is empty (the zone's name shown to learners)",
    ],
    [
      "a card no zone accepts",
      mutate(DA, (u) => (u.cards[0].accept = [])),
      "content/peer-mentoring.da.json: cards[0].accept: no zone accepts this card; list at least one zone id (mentor, mentee, both)",
    ],
    [
      "a card id that is not a valid SCORM identifier",
      mutate(EN, (u) => (u.cards[9].id = "empathy & care")),
      `content/peer-mentoring.en.json: cards[9].id: "empathy & care" is not a valid card id; ${idRule} (it becomes the LMS interaction id card_<id>)`,
    ],
    [
      "a mastery score above 100",
      mutate(DA, (u) => (u.masteryScore = 150)),
      "content/peer-mentoring.da.json: masteryScore: 150 is not a whole number from 0 to 100 (the pass mark in percent)",
    ],
    [
      "a mastery score below 0",
      mutate(EN, (u) => (u.masteryScore = -5)),
      "content/peer-mentoring.en.json: masteryScore: -5 is not a whole number from 0 to 100 (the pass mark in percent)",
    ],
    [
      "an unknown language",
      mutate(DA, (u) => (u.lang = "de")),
      'content/peer-mentoring.da.json: lang: "de" is not a supported language (da, en)',
    ],
    [
      "a language that does not match the file name",
      mutate(EN, (u) => (u.lang = "da")),
      'content/peer-mentoring.en.json: lang: "da" does not match the file name (expected "en")',
    ],
    [
      "a unit id that would make a bad file name",
      mutate(DA, (u) => (u.id = "../Peer Mentoring")),
      `content/peer-mentoring.da.json: id: "../Peer Mentoring" is not a valid unit id; ${idRule} (it names files and LMS identifiers)`,
    ],
    [
      "a content file named unlike its unit",
      { "content/Peer Mentoring.da.json": readFileSync(DA, "utf8") },
      'content/Peer Mentoring.da.json: id: "peer-mentoring" does not match the file name (expected "Peer Mentoring")',
    ],
    [
      "a version that is not a version",
      mutate(EN, (u) => (u.version = "first")),
      'content/peer-mentoring.en.json: version: "first" is not a version; write numbers like "1.0" or "1.0.0"',
    ],
    [
      "a card text too long for a card",
      mutate(DA, (u) => (u.cards[2].text = "Større følelse af forbindelse ".repeat(5))),
      "content/peer-mentoring.da.json: cards[2].text: is 149 characters long; at most 120 characters fit on a card",
    ],
    [
      "cards written as an object",
      mutate(EN, (u) => (u.cards = { empathy: "mentor" })),
      "content/peer-mentoring.en.json: cards: expected a list of 1 to 36 cards, got object",
    ],
    [
      "zone ids that collide in the saved state",
      mutate(DA, (u) => u.zones.push({ id: "zone-31", label: "Andre" })),
      "content/peer-mentoring.da.json: ids collide in the saved-state encoding (zones: both / zones: zone-31); rename one of each pair",
    ],
    [
      "a unit name on the command line that has no content",
      {},
      "no content for peer-mentorin (have: peer-mentoring, peer-mentoring.en)",
      ["peer-mentorin"],
    ],
  ])("%s: refused in one line, exit 1, nothing written", (_name, files, message, args = []) => {
    const dir = copyWith(files);
    const r = build(dir, ...args);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    // Nothing written: no zip, no unit folder, no temporary folder.
    expect(existsSync(join(dir, "dist"))).toBe(false);
  });

  it("leaves an earlier build untouched and no temporary folder behind", () => {
    const dir = copyWith();
    expect(build(dir).status).toBe(0);
    const snapshot = (d: string) => readdirSync(d, { recursive: true, encoding: "utf8" }).sort();
    const before = snapshot(join(dir, "dist"));
    const zipBefore = readFileSync(join(dir, "dist/peer-mentoring.en-scorm12.zip"));
    writeFileSync(join(dir, EN), mutate(EN, (u) => (u.cards[3].accept = ["mentr"]))[EN]);
    const r = build(dir);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(snapshot(join(dir, "dist"))).toEqual(before);
    expect(before.some((f) => f.includes(".tmp"))).toBe(false);
    expect(readFileSync(join(dir, "dist/peer-mentoring.en-scorm12.zip")).equals(zipBefore)).toBe(true);
  });
});

describe("reproducible packages", () => {
  const ZIPS = ["peer-mentoring-scorm12.zip", "peer-mentoring.en-scorm12.zip"];
  let first: string;
  let firstOut: string;

  beforeAll(() => {
    first = copyWith();
    const r = build(first);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    firstOut = r.stdout;
  });

  it("prints each zip with its size", () => {
    for (const zip of ZIPS) {
      const size = readFileSync(join(first, "dist", zip)).byteLength;
      expect(firstOut).toContain(`dist/${zip}  ${size.toLocaleString("en")} bytes\n`);
    }
  });

  it("gives byte-identical zips for both languages, rebuilt in place and in another folder", () => {
    const bytes = (dir: string) => ZIPS.map((z) => readFileSync(join(dir, "dist", z)));
    const a = bytes(first);
    expect(build(first).status).toBe(0);
    const again = bytes(first);
    const other = copyWith();
    expect(build(other).status).toBe(0);
    const elsewhere = bytes(other);
    ZIPS.forEach((zip, i) => {
      expect(again[i]!.equals(a[i]!), `${zip} rebuilt in place`).toBe(true);
      expect(elsewhere[i]!.equals(a[i]!), `${zip} built in another folder`).toBe(true);
    });
  });

  it("has fixed entry dates, sorted entries and no build path or build time inside", async () => {
    for (const name of ZIPS) {
      const zip = await JSZip.loadAsync(readFileSync(join(first, "dist", name)));
      const entries = Object.values(zip.files);
      expect(entries.map((e) => e.name)).toEqual(entries.map((e) => e.name).sort());
      for (const entry of entries) {
        expect(entry.dir, entry.name).toBe(false);
        expect(entry.date.toISOString(), entry.name).toBe("2000-01-01T00:00:00.000Z");
        const text = await entry.async("string");
        expect(text.includes(first), `${name}/${entry.name} holds the build folder`).toBe(false);
        expect(text.includes(tmpdir()), `${name}/${entry.name} holds a temporary path`).toBe(false);
        expect(text.includes(ROOT), `${name}/${entry.name} holds the project path`).toBe(false);
        expect(text, `${name}/${entry.name} holds today's date`).not.toContain(new Date().toISOString().slice(0, 10));
      }
    }
  });

  it("writes the English edition's title, version and language", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(first, "dist/peer-mentoring.en-scorm12.zip")));
    const manifest = await zip.file("imsmanifest.xml")!.async("string");
    expect(manifest).toMatch(/<manifest identifier="MANIFEST-peer-mentoring" version="1\.0\.0"/);
    expect(manifest.match(/<title>Peer Mentoring<\/title>/g)).toHaveLength(2);
    const html = await zip.file("index.html")!.async("string");
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('"reading":{"heading":"Learning part"');
    expect(html).toContain('"exercise":{"heading":"Exercise description"');
  });

  it("carries the unit's version into the manifest of its own edition only", async () => {
    const dir = copyWith(mutate(EN, (u) => (u.version = "1.2")));
    const r = build(dir, "peer-mentoring.en");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^dist\/peer-mentoring\.en-scorm12\.zip {2}[\d,]+ bytes$/m);
    expect(r.stdout).not.toContain("dist/peer-mentoring-scorm12.zip");
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "dist/peer-mentoring.en-scorm12.zip")));
    expect(await zip.file("imsmanifest.xml")!.async("string")).toMatch(/<manifest identifier="MANIFEST-peer-mentoring" version="1\.2"/);
  });
});

describe("the English edition in Chromium", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveZip("dist/peer-mentoring.en-scorm12.zip");
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows lang=en, English buttons and messages, the zone Both and 15 cards", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await openLms(page, server.url);
    const frame = await scoFrame(page);
    expect(await frame.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await frame.locator("main.unit").getAttribute("lang")).toBe("en");
    expect(await frame.locator("[data-card]").count()).toBe(15);
    await expect.poll(() => frame.getByRole("heading", { name: "Learning part" }).count()).toBe(1);
    expect(await frame.getByRole("heading", { name: "Exercise description" }).count()).toBe(1);
    expect(await frame.locator('[data-drop-target="both"] .zone-label').textContent()).toContain("Both");
    expect(await frame.locator("[data-card=empati]").textContent()).toBe("Empathy");
    expect(await frame.getByRole("button", { name: "Check answers" }).count()).toBe(1);
    expect(await frame.locator("body").textContent()).toContain("Cards still to place");

    await clickPlace(frame, "empati", "mentor");
    await expect.poll(() => frame.locator("body").textContent()).toContain("Place 14 more cards, then you can check your answers.");
    expect(await frame.locator('[data-drop-target="mentor"]').textContent()).toContain("1 card");
    await expect.poll(async () => (await lmsData(page)).suspend_data).toMatch(/^pm2\./);
    expect(errors).toEqual([]);
    await page.close();
  });
});

// ---- the JSON Schema for editors ----

type Schema = Record<string, any>;
const KEYWORDS = new Set(["$schema", "$ref", "title", "description", "definitions", "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "oneOf"]);

/**
 * A small draft-07 checker for exactly the keywords the unit schema uses (it refuses any other, so a
 * keyword it does not know cannot be silently ignored). Returns the problems as `path: problem`.
 */
function check(root: Schema, value: unknown, schema: Schema = root, path = "$"): string[] {
  for (const k of Object.keys(schema)) if (!KEYWORDS.has(k)) throw new Error(`checker does not know the keyword ${k}`);
  if (schema.$ref) return check(root, value, root.definitions[schema.$ref.replace("#/definitions/", "")], path);
  const out: string[] = [];
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : Number.isInteger(value) ? "integer" : typeof value;
  if (schema.type && !(schema.type === kind || (schema.type === "number" && kind === "integer"))) return [`${path}: expected ${schema.type}, got ${kind}`];
  if (schema.enum && !schema.enum.includes(value)) out.push(`${path}: not one of ${schema.enum.join(", ")}`);
  if ("const" in schema && value !== schema.const) out.push(`${path}: not ${schema.const}`);
  if (typeof value === "string") {
    const length = [...value].length;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) out.push(`${path}: does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && length < schema.minLength) out.push(`${path}: too short`);
    if (schema.maxLength !== undefined && length > schema.maxLength) out.push(`${path}: too long`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) out.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) out.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push(`${path}: items not unique`);
    if (schema.items) value.forEach((v, i) => out.push(...check(root, v, schema.items, `${path}[${i}]`)));
  }
  if (kind === "object") {
    const o = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in o)) out.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(o)) {
      if (schema.properties?.[key]) out.push(...check(root, v, schema.properties[key], `${path}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${path}.${key}: not allowed`);
    }
  }
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s: Schema) => check(root, value, s, path).length === 0).length;
    if (fits !== 1) out.push(`${path}: fits ${fits} of the oneOf alternatives`);
  }
  return out;
}

describe("the JSON Schema for content files", () => {
  const committed = readFileSync("content/unit.schema.json", "utf8");
  const schema = JSON.parse(committed) as Schema;

  it("is committed as generated (run `npm run schema` after changing src/content/schema.ts)", () => {
    expect(committed).toBe(unitJsonSchemaText());
    expect(schema).toEqual(unitJsonSchema());
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
  });

  it("is referenced by every content file, and both content files validate against it", () => {
    const files = readdirSync("content").filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"));
    expect(files).toEqual(expect.arrayContaining(["peer-mentoring.da.json", "peer-mentoring.en.json"]));
    for (const f of files) {
      const unit = JSON.parse(readFileSync(join("content", f), "utf8"));
      expect(unit.$schema, f).toBe("./unit.schema.json");
      expect(check(schema, unit), f).toEqual([]);
    }
  });

  it("shares the validator's rules: languages, ids, limits", () => {
    expect(schema.properties.lang.enum).toEqual([...LANGS]);
    expect(schema.properties.id.pattern).toBe("^[a-z][a-z0-9-]{0,63}$");
    expect(schema.definitions.zone.properties.id.pattern).toBe("^[a-z][a-z0-9-]{0,31}$");
    expect(schema.properties.zones).toMatchObject({ minItems: 2, maxItems: 10 });
    expect(schema.properties.cards).toMatchObject({ minItems: 1, maxItems: 36 });
    expect(schema.properties.masteryScore).toMatchObject({ type: "integer", minimum: 0, maximum: 100 });
    expect(schema.required).toEqual(["id", "version", "lang", "title", "reading", "exercise", "zones", "cards"]);
  });

  it.each<[string, (u: any) => void, string]>([
    ["a misspelt field", (u) => (u.titel = "x"), "$.titel: not allowed"],
    ["a missing title", (u) => delete u.title, "$.title: required"],
    ["an unknown language", (u) => (u.lang = "de"), "$.lang: not one of da, en"],
    ["a card id with a space", (u) => (u.cards[0].id = "self efficacy"), "$.cards[0].id: does not match ^[a-z][a-z0-9-]{0,63}$"],
    ["an empty accept list", (u) => (u.cards[0].accept = []), "$.cards[0].accept: fewer than 1 items"],
    ["an empty card text", (u) => (u.cards[0].text = "  "), "$.cards[0].text: does not match \\S"],
    ["a mastery score of 150", (u) => (u.masteryScore = 150), "$.masteryScore: above 100"],
    ["a mastery score of 50.5", (u) => (u.masteryScore = 50.5), "$.masteryScore: expected integer, got number"],
    ["a block of an unknown type", (u) => (u.reading.blocks[0].type = "image"), "$.reading.blocks[0]: fits 0 of the oneOf alternatives"],
    ["one zone only", (u) => (u.zones = [u.zones[0]]), "$.zones: fewer than 2 items"],
  ])("underlines %s in the editor", (_name, fn, problem) => {
    const unit = structuredClone(REAL[EN]);
    fn(unit);
    expect(check(schema, unit)).toContain(problem);
  });
});
