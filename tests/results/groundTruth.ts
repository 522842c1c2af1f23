/**
 * What the figures of the real Moodle download must be, worked out from ground-truth.json (what each
 * learner did in Moodle), independently of the readers: the boards at each accepted check, the
 * answer key, who never checked, who has no attempt.
 */
import { readFileSync } from "node:fs";

export const EXPORTS = "tests/fixtures/moodle-exports";

interface GtCheck {
  accepted_by_package: boolean;
  board_at_check: Record<string, string | null>;
}
interface GtLearner {
  username: string;
  fullname: string;
  attempts: { attempt: number; checks: GtCheck[] }[];
}
export interface GroundTruth {
  answer_key: { card_id: string; text: string; right_zones: string[] }[];
  zones: { id: string; label: string }[];
  learners: GtLearner[];
  other_enrolled_students_without_attempts: { fullname: string }[];
  note_teacher_row: string;
}

export const groundTruth = (): GroundTruth => JSON.parse(readFileSync(`${EXPORTS}/ground-truth.json`, "utf8"));

export interface Expected {
  learners: number;
  attempts: number;
  counted: number;
  notChecked: string[];
  noAttempt: string[];
  /** By card id: learners, right at the first and last check, wrong zones with counts. */
  cards: Record<string, { text: string; learners: number; rightFirst: number; rightLast: number; wrong: Record<string, number> }>;
  distribution: number[];
  grid: number[][];
}

/**
 * `attemptOrder` renumbers a learner's attempts (as a test that swaps them does); `rule` picks the
 * attempt that counts: the most right at its last check (ties: the later), or the last checked.
 */
export function expectedFigures(gt: GroundTruth, rule: "highest" | "last", attemptOrder: Record<string, number[]> = {}): Expected {
  const key = new Map(gt.answer_key.map((c) => [c.card_id, c.right_zones]));
  const zoneIx = new Map(gt.zones.map((z, i) => [z.id, i]));
  const rightOf = (board: Record<string, string | null>) => [...key].filter(([id, zones]) => zones.includes(board[id] ?? "")).length;
  const exp: Expected = {
    // The report lists every learner, Student One, and the teacher (ground-truth.json's note_teacher_row).
    learners: gt.learners.length + gt.other_enrolled_students_without_attempts.length + 1,
    attempts: gt.learners.reduce((s, l) => s + l.attempts.length, 0),
    counted: 0,
    notChecked: [],
    noAttempt: [...gt.other_enrolled_students_without_attempts.map((s) => s.fullname), "Teacher One"],
    cards: Object.fromEntries(gt.answer_key.map((c) => [c.card_id, { text: c.text, learners: 0, rightFirst: 0, rightLast: 0, wrong: {} }])),
    distribution: Array(gt.answer_key.length + 1).fill(0),
    grid: gt.zones.map(() => gt.zones.map(() => 0)),
  };
  for (const l of gt.learners) {
    const order = attemptOrder[l.username];
    const attempts = l.attempts
      .map((a, i) => ({ number: order ? order[i]! : a.attempt, checks: a.checks.filter((c) => c.accepted_by_package).map((c) => c.board_at_check) }))
      .sort((a, b) => a.number - b.number)
      .filter((a) => a.checks.length > 0);
    const counted =
      rule === "last" ? attempts.at(-1) : attempts.reduce<(typeof attempts)[number] | undefined>((best, a) => (!best || rightOf(a.checks.at(-1)!) >= rightOf(best.checks.at(-1)!) ? a : best), undefined);
    if (!counted) {
      exp.notChecked.push(l.fullname);
      continue;
    }
    exp.counted++;
    const first = counted.checks[0]!;
    const last = counted.checks.at(-1)!;
    exp.distribution[rightOf(last)]++;
    for (const [id, zones] of key) {
      const c = exp.cards[id]!;
      c.learners++;
      if (zones.includes(first[id] ?? "")) c.rightFirst++;
      const chosen = last[id]!;
      if (zones.includes(chosen)) c.rightLast++;
      else c.wrong[chosen] = (c.wrong[chosen] ?? 0) + 1;
      exp.grid[zoneIx.get(zones.includes(chosen) ? chosen : zones[0]!)!]![zoneIx.get(chosen)!]++;
    }
  }
  return exp;
}
