/**
 * What the figures of the real Moodle download must be, worked out from ground-truth.json (what each
 * learner did in Moodle), independently of the readers: the boards at each accepted check, the
 * answer key, who never checked, who has no attempt.
 */
import { readFileSync } from "node:fs";
import type { Figures } from "../../src/results/analyse";

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

/** A learner as a test knows them: each attempt's accepted checks, as boards (card id → zone id). */
export interface PlayedLearner {
  name: string;
  attempts: { number: number; checks: Record<string, string | null>[] }[];
}

/**
 * The figures for learners who played as told, with the answer key: the attempt that counts is the
 * one with the most right at its last check (ties: the later), or with `last` the last one checked.
 */
export function expectedFor(
  key: { card_id: string; text: string; right_zones: string[] }[],
  zones: { id: string }[],
  played: PlayedLearner[],
  noAttempt: string[],
  rule: "highest" | "last",
): Expected {
  const zoneIx = new Map(zones.map((z, i) => [z.id, i]));
  const rightOf = (board: Record<string, string | null>) => key.filter((c) => c.right_zones.includes(board[c.card_id] ?? "")).length;
  const exp: Expected = {
    learners: played.length + noAttempt.length,
    attempts: played.reduce((s, l) => s + l.attempts.length, 0),
    counted: 0,
    notChecked: [],
    noAttempt: [...noAttempt],
    cards: Object.fromEntries(key.map((c) => [c.card_id, { text: c.text, learners: 0, rightFirst: 0, rightLast: 0, wrong: {} }])),
    distribution: Array(key.length + 1).fill(0),
    grid: zones.map(() => zones.map(() => 0)),
  };
  for (const l of played) {
    const checked = [...l.attempts].sort((a, b) => a.number - b.number).filter((a) => a.checks.length > 0);
    const counted =
      rule === "last" ? checked.at(-1) : checked.reduce<(typeof checked)[number] | undefined>((best, a) => (!best || rightOf(a.checks.at(-1)!) >= rightOf(best.checks.at(-1)!) ? a : best), undefined);
    if (!counted) {
      exp.notChecked.push(l.name);
      continue;
    }
    exp.counted++;
    const first = counted.checks[0]!;
    const last = counted.checks.at(-1)!;
    exp.distribution[rightOf(last)]++;
    for (const { card_id: id, right_zones: right } of key) {
      const c = exp.cards[id]!;
      c.learners++;
      if (right.includes(first[id] ?? "")) c.rightFirst++;
      const chosen = last[id]!;
      if (right.includes(chosen)) c.rightLast++;
      else c.wrong[chosen] = (c.wrong[chosen] ?? 0) + 1;
      exp.grid[zoneIx.get(right.includes(chosen) ? chosen : right[0]!)!]![zoneIx.get(chosen)!]++;
    }
  }
  return { ...exp, notChecked: exp.notChecked.sort(), noAttempt: exp.noAttempt.sort() };
}

/**
 * The real Moodle class. The report lists every learner, Student One, and the teacher (ground-truth.json's
 * note_teacher_row). `attemptOrder` renumbers a learner's attempts, as a test that swaps them does.
 */
export function expectedFigures(gt: GroundTruth, rule: "highest" | "last", attemptOrder: Record<string, number[]> = {}): Expected {
  const played = gt.learners.map((l) => ({
    name: l.fullname,
    attempts: l.attempts.map((a, i) => ({
      number: attemptOrder[l.username]?.[i] ?? a.attempt,
      checks: a.checks.filter((c) => c.accepted_by_package).map((c) => c.board_at_check),
    })),
  }));
  const noAttempt = [...gt.other_enrolled_students_without_attempts.map((s) => s.fullname), "Teacher One"];
  return expectedFor(gt.answer_key, gt.zones, played, noAttempt, rule);
}

/** The figures the command gave, in the shape of the expectation. */
export function observed(f: Figures): Expected {
  return {
    learners: f.learners,
    attempts: f.attempts,
    counted: f.counted,
    notChecked: [...f.notChecked.names].sort(),
    noAttempt: [...f.noAttempt.names].sort(),
    cards: Object.fromEntries(
      f.cards.map((c) => [c.id, { text: c.text, learners: c.learners, rightFirst: c.rightFirst, rightLast: c.rightLast, wrong: Object.fromEntries(c.wrong.map((w) => [w.id, w.count])) }]),
    ),
    distribution: f.distribution,
    grid: f.confusion.grid,
  };
}
