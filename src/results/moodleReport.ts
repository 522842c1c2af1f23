/**
 * The rows of Moodle's SCORM Interactions report (any download format) as class answers. The
 * columns are those of Moodle 4.5 (mod/scorm/report/interactions): Name, identity fields, Attempt,
 * Started on, Last accessed on, Score, one column per SCO, then per interaction N "Question N",
 * "Response N", "Right answer N", "Result N" (N from 0). The unit's own key decides right and
 * wrong, so only Question and Response are needed.
 */
import { ResultsError, type Answer, type Attempt, type Check, type ClassAnswers, type Learner } from "./types";

/** What the teacher ticks under the Interactions report before downloading (Moodle uses the saved preferences). */
const TICK_AND_SAVE =
  'in the SCORM activity open Reports → Interactions report, tick "Summary of question", "Summary of responses", ' +
  '"Summary of right answer" and "Summary of result", press "Save preferences", then Download again';

/** Moodle passes every value through s(): undo its HTML escapes. */
const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#0?39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"' })[e] ?? "'");

/** `80`, `53.33` or `80.0` as Moodle writes a score; null for `-`, `Incomplete`, `Not attempted`, empty. */
function scoreOf(cell: string | undefined): number | null {
  const s = (cell ?? "").trim();
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : null;
}

/**
 * The package sends one interaction per card each time a check is accepted, so the columns of an
 * attempt hold its checks one after another: a card seen again starts the next check.
 */
function checksOf(answers: Answer[]): Check[] {
  const checks: Check[] = [];
  let seen = new Set<string>();
  for (const a of answers) {
    if (checks.length === 0 || seen.has(a.interactionId)) {
      checks.push({ answers: [] });
      seen = new Set();
    }
    seen.add(a.interactionId);
    checks[checks.length - 1]!.answers.push(a);
  }
  return checks;
}

export function readInteractionsReport(rows: string[][], name: string): ClassAnswers {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (title: string) => header.indexOf(title);
  const [nameCol, attemptCol, scoreCol] = [col("Name"), col("Attempt"), col("Score")];
  if (header.every((h) => h === "")) throw new ResultsError(`${name} is empty: download the Interactions report from Moodle again`);
  // The gradebook's plain-text export is comma-separated: read as TAB-separated it is one long column.
  if (/First name/.test(header.join("\t")) && /SCORM package: /.test(header.join("\t")))
    throw new ResultsError(`${name} is a gradebook export, which holds only scores: ${TICK_AND_SAVE}`);
  if (nameCol < 0 || attemptCol < 0 || scoreCol < 0)
    throw new ResultsError(`${name} is not a Moodle SCORM Interactions report (no Name, Attempt and Score columns): ${TICK_AND_SAVE}`);
  const question = col("Question 0");
  const response = col("Response 0");
  if (question < 0 || response < 0) {
    const what = scoreCol === header.length - 1 ? "the Basic report, which holds no answers" : "an Interactions report without the learners' answers";
    throw new ResultsError(`${name} is ${what}: ${TICK_AND_SAVE}`);
  }
  // The SCO columns sit between Score and the first interaction; this package has one.
  const scoCols = header.slice(scoreCol + 1).findIndex((h) => /^(Question|Response|Right answer|Result) \d+$/.test(h));
  const scoCol = scoCols > 0 ? scoreCol + 1 : -1;
  const emailCol = col("Email address");
  const groups: { q: number; r: number }[] = [];
  for (let n = 0; col(`Question ${n}`) >= 0; n++) {
    const r = col(`Response ${n}`);
    if (r < 0) throw new ResultsError(`${name} has no "Response ${n}" column: ${TICK_AND_SAVE}`);
    groups.push({ q: col(`Question ${n}`), r });
  }

  const learners = new Map<string, Learner>();
  for (const row of rows.slice(1)) {
    if (row.every((c) => c.trim() === "")) continue;
    const learnerName = unescapeHtml(row[nameCol] ?? "").trim();
    const key = emailCol >= 0 && row[emailCol]?.trim() ? unescapeHtml(row[emailCol]!.trim()) : learnerName;
    let learner = learners.get(key);
    if (!learner) learners.set(key, (learner = { key, name: learnerName, attempts: [] }));
    const number = Number((row[attemptCol] ?? "").trim());
    if (!Number.isInteger(number) || number < 1) continue; // "-": enrolled, no attempt
    const answers: Answer[] = [];
    for (const g of groups) {
      const id = unescapeHtml(row[g.q] ?? "").trim();
      if (id) answers.push({ interactionId: id, response: unescapeHtml(row[g.r] ?? "").trim() });
    }
    const attempt: Attempt = { number, score: scoCol >= 0 ? scoreOf(row[scoCol]) : null, checks: checksOf(answers) };
    // An attempt with answers has a score, even when a multi-SCO report leaves the SCO column blank.
    if (attempt.score === null && answers.length > 0) attempt.score = scoreOf(row[scoreCol]);
    learner.attempts.push(attempt);
  }
  if (learners.size === 0) throw new ResultsError(`${name} is empty: it lists no learner. Download it again once learners have played the package`);
  for (const l of learners.values()) l.attempts.sort((a, b) => a.number - b.number);
  return { source: "moodle", ...(scoCol >= 0 ? { packageTitle: header[scoCol] } : {}), learners: [...learners.values()] };
}
