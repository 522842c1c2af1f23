/** What the importer tells the author: what it found, where each card came from, and what to check. */
import type { Block, Unit } from "../content/types";
import type { ImportReport } from "./toUnit";

const q = (s: string) => `"${s}"`;

function blockSummary(blocks: Block[]): string {
  const count = (type: Block["type"]) => blocks.filter((b) => b.type === type).length;
  const parts = [
    [count("paragraph"), "paragraph"],
    [count("heading"), "heading"],
    [count("list"), "list"],
  ]
    .filter(([n]) => n)
    .map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`);
  return `${blocks.length} block${blocks.length === 1 ? "" : "s"} (${parts.join(", ")})`;
}

/**
 * Where the report is read: on the command line, the content file written and the edition's name
 * that build.ts gives it (src/content/edition.ts), which preview takes; or in the studio page, which
 * shows the unit and has the settings beside the report.
 */
export type ReportPlace = { path: string; edition: string } | "studio";

export function describeImport(file: string, unit: Unit, report: ImportReport, place: ReportPlace, existing?: Unit): string[] {
  const label = (id: string) => unit.zones.find((z) => z.id === id)!.label;
  const out: string[] = [place === "studio" ? file : `${file} → ${place.path}${existing ? " (replaced)" : ""}`, ""];
  out.push(`title      ${q(unit.title)}${unit.topic ? `, topic ${q(unit.topic)}` : ""}`);
  out.push(`unit id    ${unit.id} (${report.idFrom === "option" ? (place === "studio" ? "as you set it" : "from --id") : "from the title"}), language ${unit.lang} (${report.langFrom === "option" ? (place === "studio" ? "as you set it" : "from --lang") : "from the headings"})`);
  out.push(`reading    ${q(unit.reading.heading)}: ${blockSummary(unit.reading.blocks)}`);
  if (unit.bibliography) out.push(`sources    ${q(unit.bibliography.heading)}: ${unit.bibliography.entries.length} entr${unit.bibliography.entries.length === 1 ? "y" : "ies"}`);
  out.push(`exercise   ${q(unit.exercise.heading)}`);
  out.push(`zones      ${unit.zones.map((z) => `${z.label} (${z.id})`).join(", ")}, from ${report.zonesFrom}`);
  out.push(`cards      ${unit.cards.length}:`);
  const width = Math.max(...unit.cards.map((c) => c.text.length));
  for (const { card, lists } of report.cards) {
    const zones = card.accept.map(label).join(" + ");
    out.push(`  ${card.text.padEnd(width)}  → ${zones.padEnd(16)} from ${lists.map(q).join(" and ")}  (id ${card.id})`);
  }

  const check: string[] = [...report.warnings.map((w) => `warning: ${w}`)];
  for (const list of report.otherLists) check.push(`the list under ${q(list)} names no zone, so it is reading text only, not cards`);
  for (const { card, lists } of report.cards)
    if (card.accept.length > 1)
      check.push(`${q(card.text)} stands in ${lists.length} lists: right in ${card.accept.map(label).join(" and ")}; "show solution" puts it in ${label(card.accept[0]!)}`);
  if (report.tidied.length > 0) {
    const shown = report.tidied.slice(0, 3).map(([from, to]) => `${q(from)} → ${q(to)}`);
    const more = report.tidied.length - shown.length;
    check.push(`list items tidied (capital first letter, no trailing ";" or ","): ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  const newIds = unit.cards.length - report.keptIds;
  if (existing) check.push(`card ids: ${report.keptIds} kept from the file replaced, ${newIds} new (LMS reports and saved progress are keyed by them)`);
  else check.push(`card ids are made from the texts; they become permanent once learners use the unit (LMS reports are keyed by them), so change them now if you want others`);
  check.push(`version ${unit.version}${existing ? " (kept)" : ""}: raise it whenever you change a unit that is in use`);
  check.push(
    unit.masteryScore === undefined
      ? `no mastery score: the unit reports "completed" after "check answers", whatever the score; ${place === "studio" ? "choose one under Settings" : `add "masteryScore": 80 (for example)`} to report passed/failed`
      : `mastery score ${unit.masteryScore}${existing ? " (kept from the file replaced)" : ""}`,
  );
  check.push(`feedback is the unit's standard one (right/wrong per card, the score); the document's texts are not used as feedback`);
  check.push(place === "studio" ? "look at it: try it in the frame below" : `look at it: npm run preview -- ${place.edition}`);
  return [...out, "", "Check before you use it:", ...check.map((c) => `  - ${c}`)];
}
