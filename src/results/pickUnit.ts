/**
 * Which of the project's units a class's answers belong to, when the teacher named none: the unit
 * whose cards most answers are to; of its editions, the one in the answers' language (an LRS says
 * it), else the first language the project has (Moodle's report does not say it).
 */
import { LANGS } from "../content/schema";
import type { Unit } from "../content/types";
import { cardIdOf } from "./analyse";
import { ResultsError, type ClassAnswers } from "./types";

export interface PickedUnit {
  unit: Unit;
  /** The other editions of the same unit, for a hint on how to get the page in their language. */
  others: Unit[];
}

export function pickUnit(units: Unit[], answers: ClassAnswers | undefined, files: Map<Unit, string>): PickedUnit {
  if (units.length === 0) throw new ResultsError("no unit found in content/: pass the unit with --unit content/<unit>.<lang>.json or --unit dist/<unit>-scorm12.zip");
  const ids = new Set<string>();
  for (const l of answers?.learners ?? []) for (const a of l.attempts) for (const c of a.checks) for (const x of c.answers) ids.add(cardIdOf(x.interactionId));
  const byUnit = new Map<string, Unit[]>();
  for (const u of units) byUnit.set(u.id, [...(byUnit.get(u.id) ?? []), u]);
  const hits = (u: Unit) => u.cards.filter((c) => ids.has(c.id)).length;
  const ranked = [...byUnit.values()].sort((a, b) => hits(b[0]!) - hits(a[0]!));
  const best = ranked[0]!;
  if (ranked.length > 1 && hits(ranked[1]![0]!) === hits(best[0]!))
    throw new ResultsError(
      `the project has several units (${[...byUnit.keys()].join(", ")}) and the answers do not tell which: pass one with --unit, e.g. --unit ${files.get(best[0]!) ?? "content/<unit>.<lang>.json"}`,
    );
  const order = (u: Unit) => (u.lang === answers?.lang ? -1 : LANGS.indexOf(u.lang));
  const editions = [...best].sort((a, b) => order(a) - order(b));
  return { unit: editions[0]!, others: editions.slice(1) };
}
