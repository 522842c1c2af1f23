/**
 * The JSON Schema (draft-07) of a content file, for editors: with `"$schema": "./unit.schema.json"`
 * in a unit file, VS Code and other editors complete field names, show what each field is for and
 * underline most mistakes while the author types.
 *
 * Built from the validator's own rules (the exported constants of schema.ts), so the two cannot drift
 * apart on ids, limits, languages or field names. The validator stays the authority: it also checks
 * what a schema cannot say (an `accept` entry that is not one of the unit's zones, duplicate ids and
 * texts, the file name). `npm run schema` writes content/unit.schema.json from this; a test checks
 * that the committed file is up to date.
 */
import { BLOCK_TYPES, IDS, idPattern, LANGS, LIMITS, TOP_KEYS, VERSION_PATTERN } from "./schema";

type JsonSchema = { [key: string]: unknown };

/** A text learners see: at least one character that is not a space. */
const text = (description: string, maxLength?: number): JsonSchema => ({
  type: "string",
  description,
  pattern: "\\S",
  ...(maxLength === undefined ? {} : { maxLength }),
});

const ident = (what: keyof typeof IDS, description: string): JsonSchema => ({
  type: "string",
  description: `${description} Lowercase letters, digits and "-", starting with a letter, at most ${IDS[what].max} characters: ${IDS[what].why}.`,
  pattern: idPattern(IDS[what].max),
});

const object = (description: string, properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
  type: "object",
  description,
  properties,
  required,
  additionalProperties: false,
});

const [PARAGRAPH, HEADING, LIST] = BLOCK_TYPES;

export function unitJsonSchema(): JsonSchema {
  const properties: Record<(typeof TOP_KEYS)[number], JsonSchema> = {
    $schema: { type: "string", description: 'Where editors find this schema: "./unit.schema.json". The build ignores it.' },
    id: ident(
      "unit",
      "The unit's permanent id; the file must be named <id>.<lang>.json. Never change it once the unit is in use.",
    ),
    version: {
      type: "string",
      description: 'The release of this content, e.g. "1.0.0". Written into the package manifest; raise it when you change the content.',
      pattern: VERSION_PATTERN,
    },
    lang: {
      type: "string",
      description: "The language of the texts: the buttons and messages come in this language, and the file name ends in .<lang>.json.",
      enum: [...LANGS],
    },
    title: text(`The unit's title, shown to learners and as the activity title in the LMS (at most ${LIMITS.title} characters).`, LIMITS.title),
    topic: text('Optional small label above the title, e.g. "Topic".'),
    reading: object(
      "The reading part, shown before the exercise.",
      {
        heading: text("The heading of the reading part."),
        blocks: { type: "array", description: "Paragraphs, headings and lists, in order.", minItems: 1, items: { $ref: "#/definitions/block" } },
      },
      ["heading", "blocks"],
    ),
    bibliography: object(
      "Optional: the sources of the unit, shown after the reading part. Leave it out when there are none.",
      {
        heading: text('The heading of the bibliography, e.g. "Bibliography".'),
        entries: { type: "array", description: "The sources, one text each, in order.", minItems: 1, items: text("One source.") },
      },
      ["heading", "entries"],
    ),
    exercise: object(
      "The sorting exercise.",
      { heading: text("The heading of the exercise."), instructions: text("What the learner has to do.") },
      ["heading", "instructions"],
    ),
    zones: {
      type: "array",
      description: `The areas the cards are sorted into: ${LIMITS.zones.min} to ${LIMITS.zones.max}, each with its own id.`,
      minItems: LIMITS.zones.min,
      maxItems: LIMITS.zones.max,
      items: { $ref: "#/definitions/zone" },
    },
    cards: {
      type: "array",
      description: `The cards to sort: ${LIMITS.cards.min} to ${LIMITS.cards.max}, each with its own id and text.`,
      minItems: LIMITS.cards.min,
      maxItems: LIMITS.cards.max,
      items: { $ref: "#/definitions/card" },
    },
    masteryScore: {
      type: "integer",
      description:
        "Optional pass mark in percent. With it the unit reports passed or failed (score at or above the mark passes) instead of completed, and the LMS gets it as adlcp:masteryscore (SCORM 1.2) or as the passing score of the primary objective (SCORM 2004).",
      minimum: LIMITS.masteryScore.min,
      maximum: LIMITS.masteryScore.max,
    },
  };

  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Learning unit (content/<unit-id>.<lang>.json)",
    ...object(
      "One learning unit in one language: a reading part and a sorting exercise. Generated from src/content/schema.ts by `npm run schema`; do not edit by hand.",
      properties,
      ["id", "version", "lang", "title", "reading", "exercise", "zones", "cards"],
    ),
    definitions: {
      block: {
        description: `A block of the reading part: ${BLOCK_TYPES.join(", ")}.`,
        oneOf: [
          object(
            "A paragraph of text.",
            { type: { const: PARAGRAPH, description: "The kind of block." }, text: text("The text of the paragraph.") },
            ["type", "text"],
          ),
          object(
            "A sub-heading inside the reading part.",
            { type: { const: HEADING, description: "The kind of block." }, text: text("The text of the heading.") },
            ["type", "text"],
          ),
          object(
            "A bulleted list.",
            {
              type: { const: LIST, description: "The kind of block." },
              items: { type: "array", description: "The items of the list.", minItems: 1, items: { $ref: "#/definitions/listItem" } },
            },
            ["type", "items"],
          ),
        ],
      },
      listItem: {
        description: "A list item: a text, or a text that introduces a nested list.",
        oneOf: [
          text("A list item."),
          object(
            "A list item with a nested list.",
            {
              text: text("The phrase that introduces the nested list."),
              items: { type: "array", description: "The items of the nested list.", minItems: 1, items: text("A list item.") },
            },
            ["text", "items"],
          ),
        ],
      },
      zone: object(
        "An area the cards are sorted into.",
        { id: ident("zone", "The zone's permanent id, used in the cards' accept lists."), label: text("The zone's name shown to learners.") },
        ["id", "label"],
      ),
      card: object(
        "A card to sort.",
        {
          id: ident("card", "The card's permanent id; the LMS reports show it, so never change it once the unit is in use."),
          text: text(`The text shown on the card (at most ${LIMITS.cardText} characters; no two cards with the same text).`, LIMITS.cardText),
          accept: {
            type: "array",
            description: 'The ids of the zones that count as right for this card. The first one is where "Show solution" puts it.',
            minItems: 1,
            uniqueItems: true,
            items: { type: "string", pattern: idPattern(IDS.zone.max), description: "The id of one of the unit's zones." },
          },
        },
        ["id", "text", "accept"],
      ),
    },
  };
}

/** The schema file's text, exactly as committed in content/unit.schema.json. */
export function unitJsonSchemaText(): string {
  return `${JSON.stringify(unitJsonSchema(), null, 2)}\n`;
}
