/**
 * Validates a unit as authors write it (content/<id>.<lang>.json) and turns it into a Unit.
 * Pure and browser-safe. Errors are one line, name the file and the field, and say what to write,
 * because authors read them, not developers.
 */
import type { Bibliography, Block, Card, Lang, ListItem, Unit, Zone } from "./types";

/** Languages a unit may be written in (the UI has strings for these). */
export const LANGS = ["da", "en"] as const satisfies readonly Lang[];

/**
 * The rules below, as data, so that src/content/jsonSchema.ts describes the same unit to editors.
 * Changing a limit here changes both the validator and content/unit.schema.json (`npm run schema`).
 */
export const TOP_KEYS = ["$schema", "id", "version", "lang", "title", "topic", "reading", "bibliography", "exercise", "zones", "cards", "masteryScore"] as const;
export const BLOCK_TYPES = ["paragraph", "heading", "list"] as const;
/** Identifiers: lowercase letters, digits and "-", starting with a letter, at most `max` characters. */
export const IDS = {
  unit: { max: 64, why: "it names files and LMS identifiers" },
  zone: { max: 32, why: "it is saved in learner state and LMS responses" },
  card: { max: 64, why: "it becomes the LMS interaction id card_<id>" },
} as const;
export const idPattern = (max: number) => `^[a-z][a-z0-9-]{0,${max - 1}}$`;
export const VERSION_PATTERN = "^\\d+\\.\\d+(\\.\\d+)?$";
export const LIMITS = {
  /** SCORM allows at most 200 characters in a title. */
  title: 200,
  /** Characters that fit on a card. */
  cardText: 120,
  zones: { min: 2, max: 10 },
  cards: { min: 1, max: 36 },
  masteryScore: { min: 0, max: 100 },
} as const;

/** A problem in a content file, e.g. `content/x.da.json: cards[3].accept[0]: "mentr" is not a zone (...)`. */
export class ContentError extends Error {
  readonly file: string;
  /** Field path such as `cards[3].accept[0]`; empty when the problem is the whole file. */
  readonly path: string;

  constructor(file: string, path: string, problem: string) {
    const oneLine = problem.replace(/\s*[\r\n]+\s*/g, " ");
    super(path ? `${file}: ${path}: ${oneLine}` : `${file}: ${oneLine}`);
    this.name = "ContentError";
    this.file = file;
    this.path = path;
  }
}

/** Parses the text of a unit file: JSON syntax first, then the unit itself. */
export function parseUnitJson(text: string, file: string): Unit {
  const src = text.replace(/^\uFEFF/, "");
  if (!src.trim()) throw new ContentError(file, "", "the file is empty; expected a JSON object with the unit");
  let raw: unknown;
  try {
    raw = JSON.parse(src);
  } catch (e) {
    throw jsonError(src, file, e instanceof Error ? e.message : String(e));
  }
  return parseUnit(raw, file);
}

/** Returns the validated, normalised unit, or throws the first ContentError found. */
export function parseUnit(raw: unknown, file: string): Unit {
  try {
    return unit(raw);
  } catch (e) {
    if (e instanceof Problem) throw new ContentError(file, e.path, e.problem);
    throw e;
  }
}

// ---- JSON syntax errors ----

function jsonError(src: string, file: string, message: string): ContentError {
  // Engines locate errors differently: "(line 3 column 5)" / "at line 3 column 5" (newer V8, Firefox),
  // "at position 123" (V8 in node 20), or nothing at all (V8's "Unexpected token ']', "..." is not valid JSON").
  const lc = /line (\d+),? column (\d+)/.exec(message);
  const pos = /at position (\d+)/.exec(message);
  let line: number;
  let column: number;
  if (lc) [line, column] = [Number(lc[1]), Number(lc[2])];
  else {
    const offset = pos ? Number(pos[1]) : /end of (JSON input|data)/i.test(message) ? src.length : errorOffset(src);
    const before = src.slice(0, offset);
    line = before.split("\n").length;
    column = offset - before.lastIndexOf("\n");
  }
  const reason = message
    .replace(/^JSON\.parse: /, "")
    .replace(/\s*(\(|in JSON at |at )(position|line) [\s\S]*$/, "")
    .replace(/, (\.\.\.)?"[\s\S]*is not valid JSON$/, "") // drop V8's quote of the source, it may span lines
    .replace(/\s+/g, " ")
    .trim();
  const said = reason.charAt(0).toLowerCase() + reason.slice(1);
  return new ContentError(file, "", `invalid JSON at line ${line}, column ${column}: ${said}`);
}

/** Offset of the first JSON syntax error, for engine messages that give no position. */
function errorOffset(s: string): number {
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const SCALAR = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  let i = 0;
  const space = () => {
    while (i < s.length && " \t\n\r".includes(s[i])) i++;
  };
  const token = (re: RegExp) => {
    re.lastIndex = i;
    if (!re.test(s)) throw i;
    i = re.lastIndex;
  };
  const value = (): void => {
    space();
    const open = s[i];
    if (open !== "{" && open !== "[") return token(open === '"' ? STRING : SCALAR);
    const close = open === "{" ? "}" : "]";
    i++;
    space();
    if (s[i] === close) return void i++;
    for (;;) {
      if (open === "{") {
        space();
        token(STRING);
        space();
        token(/:/y);
      }
      value();
      space();
      if (s[i] === close) return void i++;
      token(/,/y);
    }
  };
  try {
    value();
    space();
    if (i < s.length) throw i;
  } catch (at) {
    if (typeof at === "number") return at;
    throw at;
  }
  return s.length;
}

// ---- the unit ----

/** Thrown by the checks below; parseUnit adds the file name. */
class Problem {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {}
}

const fail = (path: string, problem: string): never => {
  throw new Problem(path, problem);
};

type Obj = Record<string, unknown>;

function unit(raw: unknown): Unit {
  const o = object(raw, "", "the unit");
  onlyKeys(o, "", TOP_KEYS);
  const schema = o.$schema;
  if (schema !== undefined && typeof schema !== "string") fail("$schema", `expected a text, got ${kind(schema)}`);

  const id = ident(o, "id", "", "unit");
  const version = string(get(o, "version", "", 'the release of this content, e.g. "1.0.0"'), "version");
  if (!new RegExp(VERSION_PATTERN).test(version)) fail("version", `${quote(version)} is not a version; write numbers like "1.0" or "1.0.0"`);
  const lang = string(get(o, "lang", "", `the language of the texts: ${LANGS.join(", ")}`), "lang");
  if (!(LANGS as readonly string[]).includes(lang)) fail("lang", `${quote(lang)} is not a supported language (${LANGS.join(", ")})`);
  const title = textField(o, "title", "", "the unit's title, shown to learners and in the LMS", LIMITS.title, `SCORM allows at most ${LIMITS.title} characters in a title`);
  const topic = o.topic === undefined ? undefined : text(o.topic, "topic", "the small label above the title");

  const r = object(get(o, "reading", "", "the reading part: heading and blocks"), "reading", "the reading part");
  onlyKeys(r, "reading", ["heading", "blocks"]);
  const reading = {
    heading: textField(r, "heading", "reading", "the heading of the reading part"),
    blocks: list(get(r, "blocks", "reading", "the paragraphs, headings and lists to read"), "reading.blocks", "block", 1).map(
      (b, i) => block(b, `reading.blocks[${i}]`),
    ),
  };

  const bibliography = o.bibliography === undefined ? undefined : sources(o.bibliography);

  const x = object(get(o, "exercise", "", "the exercise: heading and instructions"), "exercise", "the exercise");
  onlyKeys(x, "exercise", ["heading", "instructions"]);
  const exercise = {
    heading: textField(x, "heading", "exercise", "the heading of the exercise"),
    instructions: textField(x, "instructions", "exercise", "what the learner has to do"),
  };

  const zoneSeen = new Map<string, string>();
  const zones = list(get(o, "zones", "", "the areas the cards are sorted into"), "zones", "zone", LIMITS.zones.min, LIMITS.zones.max).map((v, i) => {
    const z = zone(v, `zones[${i}]`);
    once(zoneSeen, z.id, `zones[${i}]`, "id", (first) => `${quote(z.id)} is already used by ${first}`);
    return z;
  });
  const zoneIds = zones.map((z) => z.id);

  const idSeen = new Map<string, string>();
  const textSeen = new Map<string, string>();
  const cards = list(get(o, "cards", "", "the cards to sort"), "cards", "card", LIMITS.cards.min, LIMITS.cards.max).map((v, i) => {
    const c = card(v, `cards[${i}]`, zoneIds);
    once(idSeen, c.id, `cards[${i}]`, "id", (first) => `${quote(c.id)} is already used by ${first}`);
    once(textSeen, c.text.toLowerCase(), `cards[${i}]`, "text", (first) => `${quote(c.text)} is already the text of ${first}`);
    return c;
  });

  const mastery = o.masteryScore;
  if (mastery !== undefined) {
    if (typeof mastery !== "number") fail("masteryScore", `expected a number, got ${kind(mastery)}`);
    else if (!Number.isInteger(mastery) || mastery < LIMITS.masteryScore.min || mastery > LIMITS.masteryScore.max)
      fail("masteryScore", `${mastery} is not a whole number from ${LIMITS.masteryScore.min} to ${LIMITS.masteryScore.max} (the pass mark in percent)`);
  }

  return {
    ...(schema === undefined ? {} : { $schema: schema as string }),
    id,
    version,
    lang: lang as Lang,
    title,
    ...(topic === undefined ? {} : { topic }),
    reading,
    ...(bibliography === undefined ? {} : { bibliography }),
    exercise,
    zones,
    cards,
    ...(mastery === undefined ? {} : { masteryScore: mastery as number }),
  };
}

function sources(v: unknown): Bibliography {
  const b = object(v, "bibliography", "the bibliography: heading and entries");
  onlyKeys(b, "bibliography", ["heading", "entries"]);
  return {
    heading: textField(b, "heading", "bibliography", 'the heading of the bibliography, e.g. "Bibliography"'),
    entries: list(get(b, "entries", "bibliography", "the sources, one text each"), "bibliography.entries", "entry", 1).map((e, i) =>
      text(e, `bibliography.entries[${i}]`, "a source"),
    ),
  };
}

function block(v: unknown, path: string): Block {
  const b = object(v, path, "a block with a type");
  const type = get(b, "type", path, `the kind of block: ${BLOCK_TYPES.join(", ")}`);
  if (type === "paragraph" || type === "heading") {
    onlyKeys(b, path, ["type", "text"]);
    return { type, text: textField(b, "text", path, `the text of the ${type}`) };
  }
  if (type === "list") {
    onlyKeys(b, path, ["type", "items"]);
    const items = list(get(b, "items", path, "the items of the list"), `${path}.items`, "item", 1);
    return { type, items: items.map((it, i) => listItem(it, `${path}.items[${i}]`)) };
  }
  return fail(`${path}.type`, `${quote(type)} is not a block type (${BLOCK_TYPES.join(", ")})`);
}

function listItem(v: unknown, path: string): ListItem {
  if (typeof v === "string") return text(v, path, "a list item");
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, `expected a text, or an object with text and items, got ${kind(v)}`);
  const o = v as Obj;
  onlyKeys(o, path, ["text", "items"]);
  const intro = textField(o, "text", path, "the phrase that introduces the nested list");
  const items = list(get(o, "items", path, "the items of the nested list"), `${path}.items`, "item", 1);
  return { text: intro, items: items.map((it, i) => text(it, `${path}.items[${i}]`, "a list item")) };
}

function zone(v: unknown, path: string): Zone {
  const z = object(v, path, "a zone with id and label");
  onlyKeys(z, path, ["id", "label"]);
  return {
    id: ident(z, "id", path, "zone"),
    label: textField(z, "label", path, "the zone's name shown to learners"),
  };
}

function card(v: unknown, path: string, zoneIds: string[]): Card {
  const c = object(v, path, "a card with id, text and accept");
  onlyKeys(c, path, ["id", "text", "accept"]);
  const id = ident(c, "id", path, "card");
  const cardText = textField(c, "text", path, "the text shown on the card", LIMITS.cardText, `at most ${LIMITS.cardText} characters fit on a card`);
  const zonesHint = `(${zoneIds.join(", ")})`;
  const raw = get(c, "accept", path, `the zone ids that count as right; the first is shown as the solution ${zonesHint}`);
  if (Array.isArray(raw) && raw.length === 0) fail(`${path}.accept`, `no zone accepts this card; list at least one zone id ${zonesHint}`);
  const accept = list(raw, `${path}.accept`, "zone id", 1).map((a, i, all) => {
    const p = `${path}.accept[${i}]`;
    const zoneId = string(a, p);
    if (!zoneIds.includes(zoneId)) fail(p, `${quote(zoneId)} is not a zone ${zonesHint}`);
    if (all.indexOf(zoneId) < i) fail(p, `${quote(zoneId)} is listed twice`);
    return zoneId;
  });
  return { id, text: cardText, accept };
}

// ---- field helpers ----

/** How a JSON value is called in messages ("got number"). */
function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (typeof v === "string") return "text";
  return typeof v; // number, boolean, object
}

/** The value as JSON, cut short so the message stays readable. */
function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 76)}…${s.slice(-1)}` : s;
}

/**
 * Trims, turns no-break spaces into spaces, collapses runs of whitespace and drops soft hyphens
 * (U+00AD) and zero-width spaces (U+200B): Word's optional hyphens and text pasted from the web carry
 * them, and they would reach the LMS in card texts and ids. Every text in a content file is plain;
 * the build adds its own soft hyphens for display (src/packaging/hyphenation.ts).
 */
export function normalise(s: string): string {
  return s.replace(/[\u00ad\u200b]/g, "").replace(/[\s\u00a0]+/g, " ").trim();
}

function object(v: unknown, path: string, what: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, `expected an object (${what}), got ${kind(v)}`);
  return v as Obj;
}

function onlyKeys(o: Obj, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(path ? `${path}.${key}` : key, `unknown field; expected one of ${allowed.join(", ")}`);
  }
}

function get(o: Obj, key: string, path: string, help: string): unknown {
  const v = o[key];
  if (v === undefined) fail(path ? `${path}.${key}` : key, `missing (${help})`);
  return v;
}

function string(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, `expected a text, got ${kind(v)}`);
  return v as string;
}

/** A text shown to learners: normalised, non-empty, optionally limited in length. */
function text(v: unknown, path: string, help: string, max = Infinity, why = ""): string {
  const s = normalise(string(v, path));
  if (!s) fail(path, `is empty (${help})`);
  const length = [...s].length;
  if (length > max) fail(path, `is ${length} characters long; ${why}`);
  return s;
}

function textField(o: Obj, key: string, path: string, help: string, max?: number, why?: string): string {
  return text(get(o, key, path, help), path ? `${path}.${key}` : key, help, max, why);
}

/** A stable identifier: lowercase letters, digits and "-", starting with a letter. Never normalised. */
function ident(o: Obj, key: string, path: string, what: keyof typeof IDS): string {
  const p = path ? `${path}.${key}` : key;
  const id = string(get(o, key, path, `the ${what} id; ${IDS[what].why}`), p);
  const problem = idProblem(id, what);
  if (problem) fail(p, problem);
  return id;
}

/** Why `id` is not a valid id of its kind, or null when it is (also for ids given on a command line). */
export function idProblem(id: string, what: keyof typeof IDS): string | null {
  const { max, why } = IDS[what];
  if (new RegExp(idPattern(max)).test(id)) return null;
  return `${quote(id)} is not a valid ${what} id; use lowercase letters, digits and "-", starting with a letter, at most ${max} characters (${why})`;
}

function list(v: unknown, path: string, noun: string, min: number, max = Infinity): unknown[] {
  const expected = max === Infinity ? `at least ${min === 1 ? "one" : min} ${noun}` : `${min} to ${max} ${noun}s`;
  if (!Array.isArray(v)) fail(path, `expected a list of ${expected}, got ${kind(v)}`);
  const n = (v as unknown[]).length;
  if (n < min || n > max) fail(path, `${n === 0 ? "is empty" : `has ${n} ${noun}${n === 1 ? "" : "s"}`}; expected ${expected}`);
  return v as unknown[];
}

/** Fails when `key` was seen before, naming where: `zones[2].id: "mentor" is already used by zones[0]`. */
function once(seen: Map<string, string>, key: string, where: string, field: string, problem: (first: string) => string): void {
  const first = seen.get(key);
  if (first !== undefined) fail(`${where}.${field}`, problem(first));
  seen.set(key, where);
}
