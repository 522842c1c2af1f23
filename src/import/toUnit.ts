/**
 * The document model → a unit in the content format, with a report of where each part came from.
 * The one mapper for every format. It decides nothing silently: a card whose zone the document does
 * not name stops the import with the card named. Its result is checked by the build's own validator
 * (parseUnit) before anything is written.
 */
import { ContentError, idProblem, LANGS, normalise } from "../content/schema";
import type { Bibliography, Block, Card, Lang, ListItem, Unit, Zone } from "../content/types";
import type { DocBlock, DocItem } from "./document";
import { cardKey } from "../state/resume";
import { freeId, idFromText } from "./ids";

/** Section headings, as teachers write them: matched without case, spacing or a trailing colon. */
export const SECTIONS = {
  topic: { da: ["Emne"], en: ["Topic"] },
  reading: { da: ["Læringsdel"], en: ["Learning part"] },
  bibliography: { da: ["Bibliografi", "Referencer"], en: ["Bibliography", "References"] },
  exercise: { da: ["Beskrivelse af øvelsen"], en: ["Exercise description"] },
} as const satisfies Record<string, Record<Lang, readonly string[]>>;
type Section = keyof typeof SECTIONS;

/** Words that name the zone for cards that are right for everyone; it gets the id "both", as in the hand-made unit. */
const SHARED_ZONE = ["begge", "both", "begge to", "both of them"];

export interface ImportOptions {
  /** The document, as the author named it: every error starts with it. */
  file: string;
  lang?: Lang;
  id?: string;
  /** The content file this import replaces (--force): its card and zone ids, version and mastery score are kept. */
  existing?: Unit;
  /**
   * Where the author reads what goes wrong: the command line names its options (--lang, --id), the
   * studio its own settings, next to which it shows the line.
   */
  place?: ImportPlace;
}

export type ImportPlace = "command line" | "studio";

export interface CardOrigin {
  card: Card;
  /** The lead-in line of every list the card stands in, in document order. */
  lists: string[];
}

export interface ImportReport {
  langFrom: "document" | "option";
  idFrom: "title" | "option";
  blocks: Block[];
  zones: Zone[];
  /** Where the zone names stand in the document, e.g. `"…: Mentor – mentee – begge" in the exercise description`. */
  zonesFrom: string;
  cards: CardOrigin[];
  /** Lists of the reading part that gave no cards, by their lead-in (or first item). */
  otherLists: string[];
  /** Texts the importer changed: [as written, as imported]. */
  tidied: [string, string][];
  /** Cards whose id was kept from the existing content file. */
  keptIds: number;
  warnings: string[];
}

export function toUnit(doc: DocBlock[], options: ImportOptions): { unit: Unit; report: ImportReport } {
  const fail = (reason: string): never => {
    throw new ContentError(options.file, "", reason);
  };
  // The studio shows a problem with a setting next to its box, where the teacher can change it.
  const studio = options.place === "studio";
  const report: ImportReport = {
    langFrom: "document",
    idFrom: "title",
    blocks: [],
    zones: [],
    zonesFrom: "",
    cards: [],
    otherLists: [],
    tidied: [],
    keptIds: 0,
    warnings: [],
  };

  // ---- sections ----
  const found = doc.map((b) => (b.type === "list" ? null : sectionOf(b.text)));
  const at = (s: Section) => found.findIndex((f) => f?.section === s);
  const readingAt = at("reading");
  const exerciseAt = at("exercise");
  const bibliographyAt = at("bibliography");
  const names = (s: Section) => LANGS.map((l) => `"${SECTIONS[s][l][0]}"`).join(" / ");
  if (readingAt < 0) fail(`no ${names("reading")} heading; the reading part must start with one`);
  if (exerciseAt < 0) fail(`no ${names("exercise")} heading; the exercise description must start with one`);
  if (exerciseAt < readingAt) fail(`the ${names("exercise")} heading comes before the ${names("reading")} heading`);
  for (const s of ["reading", "exercise", "bibliography", "topic"] as const) {
    const twice = found.filter((f) => f?.section === s);
    if (twice.length > 1) fail(`the heading ${names(s)} stands ${twice.length} times; write each section once`);
  }
  if (bibliographyAt >= 0 && (bibliographyAt < readingAt || bibliographyAt > exerciseAt))
    fail(`the ${names("bibliography")} heading must stand between the reading part and the exercise description`);

  const langs = new Set(found.filter((f) => f !== null).map((f) => f.lang));
  let lang = options.lang;
  if (lang) {
    report.langFrom = "option";
    const [said] = langs;
    const given = studio ? `the language is set to "${lang}"` : `--lang ${lang} was given`;
    if (langs.size === 1 && said !== lang) report.warnings.push(`the headings are in "${said}", but ${given}: the buttons and messages will be in "${lang}"`);
  }
  else if (langs.size === 1) lang = [...langs][0];
  else if (studio) throw new ContentError(options.file, "lang", `cannot tell the language from the headings (${[...langs].join(" and ")}); choose it under Language`);
  else fail(`cannot tell the language from the headings (${[...langs].join(" and ")}); give --lang ${LANGS.join(" or --lang ")}`);

  // ---- title and topic: the lines before the reading part ----
  let topic: string | undefined;
  const titles: string[] = [];
  for (const [i, b] of doc.slice(0, readingAt).entries()) {
    if (b.type === "list") fail(`a list stands before the ${names("reading")} heading; only the topic and the title go there`);
    else if (found[i]?.section === "topic") {
      topic = found[i]!.heading;
      if (found[i]!.rest) titles.push(found[i]!.rest!);
    } else titles.push(b.text);
  }
  if (titles.length === 0) fail(`no title; write it on its own line before the ${names("reading")} heading`);
  if (titles.length > 1)
    fail(`expected one title line before the ${names("reading")} heading, found ${titles.length}: ${titles.map(q).join(", ")}`);
  const title = titles[0]!;

  let id = options.id;
  if (id) {
    report.idFrom = "option";
    const problem = idProblem(id, "unit");
    if (problem) throw new ContentError(options.file, "--id", problem);
  } else {
    id = idFromText(title, "unit") ?? undefined;
    if (!id && studio) throw new ContentError(options.file, "id", `cannot make a unit id from the title ${q(title)}; type one in the Unit id box (lowercase letters, digits and "-")`);
    if (!id) fail(`cannot make a unit id from the title ${q(title)}; give --id <unit-id> (lowercase letters, digits and "-")`);
  }

  // ---- the reading part ----
  const readingEnd = bibliographyAt >= 0 ? bibliographyAt : exerciseAt;
  const readingDoc = doc.slice(readingAt + 1, readingEnd);
  const blocks = readingDoc.map((b) => block(b, report, fail));
  report.blocks = blocks;

  // ---- the bibliography ----
  let bibliography: Bibliography | undefined;
  if (bibliographyAt >= 0) {
    const heading = found[bibliographyAt]!.heading;
    const entries = doc.slice(bibliographyAt + 1, exerciseAt).flatMap((b) => (b.type === "list" ? flatten(b.items) : [b.text]));
    if (entries.length > 0) bibliography = { heading, entries };
    else report.warnings.push(`the bibliography ${q(heading)} is empty, so it is left out; write one source per line under it, or delete the heading`);
  }

  // ---- the exercise and its zones ----
  const exerciseDoc = doc.slice(exerciseAt + 1);
  const paragraphs = exerciseDoc.filter((b) => b.type !== "list").map((b) => b.text);
  const instructions = paragraphs.join(" ");
  if (!instructions) fail(`the exercise description is empty; write under ${names("exercise")} what the learner has to do`);
  const named = zoneNames(exerciseDoc);
  if (!named)
    fail(`the exercise description does not name the zones; end it with their names, e.g. "…: Mentor – mentee – begge" or "…: Mentor, mentee and both"`);
  const { names: labels, from: zonesFrom } = named!;
  const zones = labels.map((label) => zone(cap(label), options.existing) ?? fail(`cannot make a zone id from ${q(label)}; name the zone with some letters a–z`));
  for (const [i, z] of zones.entries()) {
    const first = zones.findIndex((o) => o.id === z.id);
    if (first < i) fail(`the zones ${q(zones[first]!.label)} and ${q(z.label)} get the same id ${q(z.id)}; give them different names`);
  }
  report.zones = zones;
  report.zonesFrom = zonesFrom;
  /** The zones and where they came from, for messages that send the author back to the document. */
  const zonesSaid = `${zones.map((z) => z.label).join(", ")}, from ${zonesFrom}`;

  // ---- the cards: the items of the lists whose lead-in names a zone ----
  const groups = cardLists(readingDoc).map((g) => ({ ...g, named: zones.filter((z) => namesZone(g.leadIn, z)) }));
  // In a list of lead-ins, one that names a zone makes all of them card lists: a sibling that names
  // none (or two) is a list of cards whose zone the document does not say.
  const cardFamilies = new Set(groups.filter((g) => g.named.length === 1).map((g) => g.family));
  const unnamed: string[] = [];
  const byText = new Map<string, { text: string; zones: string[]; lists: string[] }>();
  for (const g of groups) {
    const named = g.named;
    if (named.length !== 1) {
      if (named.length > 1 || cardFamilies.has(g.family)) unnamed.push(...g.items.map((t) => `${q(t)} (in ${q(g.leadIn)}${named.length > 1 ? `, which names ${named.map((z) => z.label).join(" and ")}` : ""})`));
      else report.otherLists.push(g.leadIn);
      continue;
    }
    for (const text of g.items) {
      const key = text.toLowerCase();
      const card = byText.get(key) ?? { text, zones: [], lists: [] };
      byText.set(key, card);
      if (!card.zones.includes(named[0]!.id)) card.zones.push(named[0]!.id);
      card.lists.push(g.leadIn);
    }
  }
  if (unnamed.length > 0)
    fail(`the document does not say which one zone these cards belong to: ${unnamed.join("; ")}. Start each list with a line that names one zone (${zonesSaid})`);
  if (byText.size === 0)
    fail(`no cards: no list in the reading part starts with a line that names a zone (${zonesSaid}), e.g. "The benefits for the mentee are:"`);
  // A zone no card belongs to is an exercise that cannot be what the author meant: say so, with the
  // lists that might have been its cards.
  const empty = zones.filter((z) => ![...byText.values()].some((c) => c.zones.includes(z.id)));
  if (empty.length > 0) {
    const one = empty.length === 1;
    const others = report.otherLists.length > 0 ? `the lists under ${report.otherLists.map(q).join(", ")} name no zone` : `no list names ${one ? "it" : "them"}`;
    fail(
      `no card for the zone${one ? "" : "s"} ${empty.map((z) => q(z.label)).join(", ")} (zones ${zonesSaid}); ${others}. Start a list of ${one ? "its" : "each one's"} cards with a line that names it, e.g. ${q(`For ${empty[0]!.label}:`)}`,
    );
  }

  // A phrase listed for one party and again for everyone is, by the document's words, a benefit for
  // everyone: "Show solution" puts it in the shared zone, and the other zones still count as right.
  const shared = zones.find((z) => z.id === "both");
  const oldCards = new Map((options.existing?.cards ?? []).map((c) => [c.text.toLowerCase(), c]));
  const taken = new Set((options.existing?.cards ?? []).map((c) => c.id));
  // An id whose short key in the saved state (src/state/resume.ts) is already used is taken too:
  // the build refuses a unit whose keys collide.
  const takenKeys = new Set([...taken].map(cardKey));
  const cards = [...byText.values()].map(({ text, zones: accept, lists }) => {
    if (shared && accept.length > 1 && accept.includes(shared.id)) accept = [shared.id, ...accept.filter((a) => a !== shared.id)];
    const old = oldCards.get(text.toLowerCase());
    let cardId: string;
    if (old) {
      cardId = old.id;
      report.keptIds++;
    } else {
      const base = idFromText(text, "card");
      if (!base) fail(`cannot make a card id from ${q(text)}; write the card with some letters a–z`);
      cardId = freeId(base!, (id) => taken.has(id) || takenKeys.has(cardKey(id)), "card");
      taken.add(cardId);
      takenKeys.add(cardKey(cardId));
    }
    const card: Card = { id: cardId, text, accept };
    report.cards.push({ card, lists });
    return card;
  });

  const unit: Unit = {
    id: id!,
    version: options.existing?.version ?? "1.0.0",
    lang: lang!,
    title,
    ...(topic === undefined ? {} : { topic }),
    reading: { heading: found[readingAt]!.heading, blocks },
    ...(bibliography === undefined ? {} : { bibliography }),
    exercise: { heading: found[exerciseAt]!.heading, instructions },
    zones,
    cards,
    ...(options.existing?.masteryScore === undefined ? {} : { masteryScore: options.existing.masteryScore }),
  };
  return { unit, report };
}

// ---- sections ----

const key = (s: string) => normalise(s).replace(/\s*:$/, "").toLowerCase();

/** The section a line opens, in which language, and anything after "Emne:" on the same line. */
function sectionOf(text: string): { section: Section; lang: Lang; heading: string; rest?: string } | null {
  const colon = /^([^:]+):\s*(\S.*)$/.exec(text);
  for (const [section, byLang] of Object.entries(SECTIONS) as [Section, Record<Lang, readonly string[]>][]) {
    for (const lang of LANGS) {
      for (const name of byLang[lang]) {
        if (key(text) === key(name)) return { section, lang, heading: normalise(text).replace(/\s*:$/, "") };
        if (section === "topic" && colon && key(colon[1]!) === key(name)) return { section, lang, heading: normalise(colon[1]!), rest: normalise(colon[2]!) };
      }
    }
  }
  return null;
}

// ---- the reading part ----

type Fail = (reason: string) => never;

function block(b: DocBlock, report: ImportReport, fail: Fail): Block {
  if (b.type === "heading") return { type: "heading", text: b.text };
  if (b.type === "paragraph") return { type: "paragraph", text: b.text };
  return {
    type: "list",
    items: b.items.map((item): ListItem => {
      const text = listText(item.text, report);
      if (item.items.length === 0) return text;
      const deeper = item.items.find((i) => i.items.length > 0);
      if (deeper) fail(`the list under ${q(deeper.text)} is nested three levels deep; a unit shows lists of at most two levels`);
      return { text, items: item.items.map((i) => listText(i.text, report)) };
    }),
  };
}

/**
 * A list item as the hand-made unit writes it: a capital first letter, and no ";" or "," left over
 * from a running sentence ("at modtage nye perspektiver;" → "At modtage nye perspektiver").
 */
function listText(raw: string, report: ImportReport): string {
  const text = itemText(raw);
  if (text !== raw && !report.tidied.some(([from]) => from === raw)) report.tidied.push([raw, text]);
  return text;
}

const itemText = (raw: string) => cap(raw.replace(/\s*[;,]+$/, ""));
const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
const flatten = (items: DocItem[]): string[] => items.flatMap((i) => [i.text, ...flatten(i.items)]);
const q = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);

interface CardList {
  leadIn: string;
  items: string[];
  /** Lists with the same family are lead-ins of one outer list. */
  family: number;
}

/**
 * The lists that may hold cards: each nested list with its lead-in item ("Fordelene for mentee'en er:"),
 * and a list right after a paragraph that ends in ":" (its lead-in).
 */
function cardLists(doc: DocBlock[]): CardList[] {
  const groups: CardList[] = [];
  doc.forEach((b, i) => {
    if (b.type !== "list") return;
    const nested = b.items.filter((item) => item.items.length > 0);
    if (nested.length > 0) {
      for (const item of nested)
        groups.push({ leadIn: item.text, items: item.items.map((c) => itemText(c.text)), family: i });
      return;
    }
    const before = doc[i - 1];
    if (before?.type === "paragraph" && before.text.endsWith(":"))
      groups.push({ leadIn: before.text, items: b.items.map((c) => itemText(c.text)), family: i });
  });
  return groups;
}

// ---- zones ----

/**
 * The zone names of the exercise description, and where they stand. A sentence with a colon followed
 * by short names ("…: Mentor – mentee – begge", "…: A, B and C") wins over a list in the description
 * (which may be the steps of the exercise); among sentences, names separated by dashes (the documented
 * form) win, then the first such sentence, so a later tip ("Tip: read it again, then check") does not.
 */
function zoneNames(exercise: DocBlock[]): { names: string[]; from: string } | null {
  const sentences: { names: string[]; dashes: boolean; from: string }[] = [];
  for (const b of exercise) {
    if (b.type === "list") continue;
    // Every colon opens a candidate: what follows it up to the end of its sentence or the next colon.
    for (const m of b.text.matchAll(/:\s*([^:]*?)(?=[.!?](?:\s|$)|:|$)/g)) {
      const tail = m[1]!.trim();
      // Dashes, when there are any, are the only separators, so a name may hold "og"/"and"
      // ("Mentor – elev og forælder – begge"); otherwise commas, "/", "og", "and".
      const dashes = /[–—]|\s-\s/.test(tail);
      const names = tail
        .split(dashes ? /\s*[–—]\s*|\s+-\s+/ : /\s*,\s*|\s*\/\s*|\s+(?:og|and|eller|or)\s+/i)
        .map(normalise)
        .filter(Boolean);
      if (short(names)) sentences.push({ names, dashes, from: `${q(`…: ${tail}`)} in the exercise description` });
    }
  }
  const sentence = sentences.find((c) => c.dashes) ?? sentences[0];
  if (sentence) return { names: sentence.names, from: sentence.from };
  const list = exercise.find((b): b is Extract<DocBlock, { type: "list" }> => b.type === "list" && short(flatten(b.items)));
  return list ? { names: flatten(list.items), from: "the list in the exercise description" } : null;
}

/** Zone names are short; a colon followed by a sentence is not a list of zones. */
const short = (names: string[]) => names.length >= 2 && names.every((n) => n.split(" ").length <= 4);

function zone(label: string, existing?: Unit): Zone | null {
  const old = existing?.zones.find((z) => z.label.toLowerCase() === label.toLowerCase());
  if (old) return { id: old.id, label };
  if (SHARED_ZONE.includes(label.toLowerCase())) return { id: "both", label };
  const id = idFromText(label, "zone");
  return id ? { id, label } : null;
}

/**
 * Whether a lead-in line names the zone: its label as a word, also with the endings Danish and English
 * put on it ("mentoren", "mentee'en", "mentors"), but not inside a longer word ("mentoring").
 */
function namesZone(line: string, zone: Zone): boolean {
  const label = zone.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${label}(?:['’]?(?:en|et|n|ne|s|er|erne|e|es))?(?![\\p{L}\\p{N}])`, "iu").test(line);
}
