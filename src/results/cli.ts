/**
 * `npm run results`: a Moodle Interactions report download or an LRS in, a results page out (and a
 * summary, or `--json`). The only part of src/results that touches the file system; nothing is
 * written until everything has been read and analysed.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { ContentError } from "../content/schema";
import { listContentFiles, loadUnitFile, readProblem } from "../content/load";
import type { Unit } from "../content/types";
import { resultsStrings } from "../i18n/results";
import { xapiActivityId } from "../packaging/tincan";
import { parseResultsArgs, type ResultsArgs } from "./args";
import { fetchAnsweredStatements } from "./lrsFetch";
import { answersFromStatements } from "./lrsStatements";
import { localDate, makeResultsPage } from "./makePage";
import { renderSummary } from "./page";
import { pickUnit } from "./pickUnit";
import { readMoodleReport } from "./readReport";
import { ResultsError, type ClassAnswers } from "./types";
import { unitFromPackage } from "./unitFromPackage";

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new ResultsError(`${path}: ${readProblem(e, "file")}`);
  }
}

async function unitsFor(args: ResultsArgs): Promise<{ units: Unit[]; files: Map<Unit, string> }> {
  const files = new Map<Unit, string>();
  const paths = args.unit ? [args.unit] : listContentFiles("content");
  for (const path of paths) {
    const unit = path.endsWith(".zip") ? await unitFromPackage(readBytes(path), path) : loadUnitFile(path);
    files.set(unit, path);
  }
  return { units: [...files.keys()], files };
}

async function main(argv: string[]): Promise<void> {
  const args = parseResultsArgs(argv);
  const { units, files } = await unitsFor(args);
  let answers: ClassAnswers;
  let picked;
  if (args.lrs) {
    // The activity id comes from the unit, and every edition of a unit shares it.
    const ids = new Set(units.map((u) => u.id));
    if (ids.size > 1) throw new ResultsError(`the project has several units (${[...ids].join(", ")}): pass the one to read with --unit`);
    const statements = await fetchAnsweredStatements({ ...args.lrs, activity: xapiActivityId(units[0]!) });
    answers = answersFromStatements(statements);
    if (answers.learners.length === 0)
      throw new ResultsError(`The LRS at ${args.lrs.endpoint} holds no answered statements for ${xapiActivityId(units[0]!)}${args.lrs.since ? ` since ${args.lrs.since}` : ""}: nothing to show yet`);
    picked = pickUnit(units, answers, files);
  } else {
    answers = readMoodleReport(readBytes(args.file!), args.file!);
    picked = pickUnit(units, answers, files);
  }
  const { figures, html, fileName } = makeResultsPage(picked.unit, answers, { attempt: args.attempt, anonymous: args.anonymous }, localDate(new Date()));
  mkdirSync(args.out, { recursive: true });
  const page = join(args.out, basename(fileName));
  writeFileSync(page, html);
  const t = resultsStrings(picked.unit.lang);
  const hint = picked.others.map((u) => t.otherEdition(files.get(u) ?? "", u.lang));
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ page, ...figures }, null, 2)}\n`);
    console.error([renderSummary(figures, page), ...hint].join("\n"));
  } else console.log([renderSummary(figures, page), ...hint].join("\n"));
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  // Teacher mistakes and unreadable input are one line; anything else is a bug and keeps its stack.
  console.error(e instanceof ResultsError || e instanceof ContentError ? e.message : e);
  process.exit(1);
}
