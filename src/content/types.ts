/**
 * The shape of a learning unit as authors write it in content/<unit>.<lang>.json.
 * The validator in schema.ts turns unknown JSON into these types or names the field that is wrong.
 */

/** Languages the UI has strings for (src/i18n). */
export type Lang = "da" | "en";

export interface Zone {
  /** Stable identifier, [a-z0-9-], used in saved state and LMS responses. */
  id: string;
  label: string;
}

export interface Card {
  /** Stable identifier, [a-z0-9-]: becomes the interaction id `card_<id>` in the LMS. Never rename. */
  id: string;
  text: string;
  /** Zone ids that count as right. The first is the one "Vis løsning" shows. */
  accept: string[];
}

/** A list item is a phrase, or a phrase that introduces a nested list. */
export type ListItem = string | { text: string; items: string[] };

export type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; text: string }
  | { type: "list"; items: ListItem[] };

export interface Bibliography {
  heading: string;
  entries: string[];
}

export interface Unit {
  /** Optional pointer to the JSON Schema, for editors. Ignored by the build. */
  $schema?: string;
  /** Stable unit id, [a-z0-9-]: names the build folder, the zip and the manifest identifiers. */
  id: string;
  /** Release of this unit's content (semver-like), written into the manifest. */
  version: string;
  lang: Lang;
  title: string;
  /** Small label above the title ("Emne"). */
  topic?: string;
  reading: { heading: string; blocks: Block[] };
  /** Optional sources, shown after the reading part: a heading and one entry per source. */
  bibliography?: Bibliography;
  exercise: { heading: string; instructions: string };
  zones: Zone[];
  cards: Card[];
  /** 0-100. When set, the LMS gets passed/failed instead of completed, and the manifest carries it (1.2: adlcp:masteryscore; 2004: imsss:minNormalizedMeasure = masteryScore / 100). */
  masteryScore?: number;
}
