/**
 * The figures a teacher needs from a class's answers, with the unit's texts and answer key: per card
 * how many were right at the first and at the last check of the attempt that counts, where the
 * wrong ones went, the confusion grid and the score distribution. Pure: data in, data out (the
 * page, the terminal summary and `--json` all read these figures).
 */
import type { Unit } from "../content/types";
import { ResultsError, type Attempt, type Check, type ClassAnswers, type ResultsPlace, type SourceKind } from "./types";

/** Moodle's default "Highest attempt", or "Last attempt". */
export type AttemptRule = "highest" | "last";

export interface AnalyseOptions {
  attempt: AttemptRule;
  /** Leaves every learner name out of the figures. */
  anonymous?: boolean;
  /** Where a refusal is read (the command line by default). */
  place?: ResultsPlace;
}

export interface ZoneRef {
  id: string;
  label: string;
}

export interface WrongZone extends ZoneRef {
  count: number;
  /** Of the learners who answered the card. */
  share: number;
}

export interface CardFigures {
  id: string;
  text: string;
  /** The zones that count as right, the main one first. */
  accept: ZoneRef[];
  /** Learners whose counted attempt answered this card. */
  learners: number;
  rightFirst: number;
  rightLast: number;
  shareFirst: number;
  shareLast: number;
  /** Where the wrong answers at the last check went, most common first. */
  wrong: WrongZone[];
}

export interface NamedGroup {
  count: number;
  /** Empty with `anonymous`. */
  names: string[];
}

export interface Figures {
  unit: { id: string; title: string; lang: string; version: string };
  source: SourceKind;
  attemptRule: AttemptRule;
  anonymous: boolean;
  /** Everyone the source lists, with or without an attempt. */
  learners: number;
  attempts: number;
  /** Learners with an accepted check: the ones the card figures are about. */
  counted: number;
  notChecked: NamedGroup;
  noAttempt: NamedGroup;
  /** Hardest first: lowest share right at the last check, then at the first. */
  cards: CardFigures[];
  /**
   * Right zone × zone chosen at the last check, `grid[right][chosen]` in the order of `zones`. The
   * right zone of a card two zones accept is the one chosen when it was accepted, its main zone
   * otherwise: right answers are on the diagonal, every wrong one off it.
   */
  confusion: { zones: ZoneRef[]; grid: number[][] };
  /** `distribution[n]`: learners with n cards right at the last check of their counted attempt. */
  distribution: number[];
  /** Answers to cards this version of the unit does not have (another unit, or removed/renamed cards). */
  otherAnswers: { count: number; ids: string[] };
}

/** Moodle's interaction ids are `card_<id>`; the LRS's responses use the card id itself. */
export const cardIdOf = (interactionId: string) => interactionId.replace(/^card_/, "");

const rightIn = (unit: Unit, check: Check) => {
  const accept = new Map(unit.cards.map((c) => [c.id, c.accept]));
  return check.answers.filter((a) => accept.get(cardIdOf(a.interactionId))?.includes(a.response)).length;
};

/** The attempt that counts, of those with an accepted check; ties go to the later attempt. */
function countedAttempt(unit: Unit, attempts: Attempt[], rule: AttemptRule): Attempt | undefined {
  const checked = attempts.filter((a) => a.checks.length > 0);
  if (rule === "last") return checked.at(-1);
  const score = (a: Attempt) => a.score ?? (100 * Math.max(...a.checks.map((c) => rightIn(unit, c)))) / unit.cards.length;
  return checked.reduce<Attempt | undefined>((best, a) => (best === undefined || score(a) >= score(best) ? a : best), undefined);
}

export function analyse(unit: Unit, answers: ClassAnswers, options: AnalyseOptions): Figures {
  const anonymous = options.anonymous ?? false;
  const zoneLabel = new Map(unit.zones.map((z) => [z.id, z.label]));
  const zoneRef = (id: string): ZoneRef => ({ id, label: zoneLabel.get(id) ?? id });
  const cardIds = new Set(unit.cards.map((c) => c.id));
  const zoneIndex = new Map(unit.zones.map((z, i) => [z.id, i]));

  const other = new Map<string, number>();
  let answersToUnit = 0;
  for (const l of answers.learners)
    for (const a of l.attempts)
      for (const c of a.checks)
        for (const ans of c.answers) {
          if (cardIds.has(cardIdOf(ans.interactionId))) answersToUnit++;
          else other.set(ans.interactionId, (other.get(ans.interactionId) ?? 0) + 1);
        }
  const otherCount = [...other.values()].reduce((s, n) => s + n, 0);
  if (answersToUnit === 0 && otherCount > 0)
    throw new ResultsError(
      `none of the ${otherCount} answers is to a card of "${unit.title}" (${unit.id}.${unit.lang}): it is the report of another package, or ${options.place === "studio" ? "drop the unit it belongs to (its content file or package) under 2. The unit" : "pass the unit it belongs to with --unit"}`,
    );

  const perCard = new Map(unit.cards.map((c) => [c.id, { learners: 0, rightFirst: 0, rightLast: 0, wrong: new Map<string, number>() }]));
  const grid = unit.zones.map(() => unit.zones.map(() => 0));
  const distribution = unit.cards.map(() => 0).concat(0);
  const notChecked: string[] = [];
  const noAttempt: string[] = [];
  let counted = 0;
  for (const learner of answers.learners) {
    if (learner.attempts.length === 0) {
      noAttempt.push(learner.name);
      continue;
    }
    const attempt = countedAttempt(unit, learner.attempts, options.attempt);
    if (!attempt) {
      notChecked.push(learner.name);
      continue;
    }
    counted++;
    const first = new Map(attempt.checks[0]!.answers.map((a) => [cardIdOf(a.interactionId), a.response]));
    const lastCheck = attempt.checks.at(-1)!;
    const last = new Map(lastCheck.answers.map((a) => [cardIdOf(a.interactionId), a.response]));
    distribution[rightIn(unit, lastCheck)]!++;
    for (const card of unit.cards) {
      const f = perCard.get(card.id)!;
      const chosen = last.get(card.id);
      if (chosen === undefined) continue;
      f.learners++;
      if (card.accept.includes(first.get(card.id) ?? "")) f.rightFirst++;
      const right = card.accept.includes(chosen);
      if (right) f.rightLast++;
      else f.wrong.set(chosen, (f.wrong.get(chosen) ?? 0) + 1);
      const row = zoneIndex.get(right ? chosen : card.accept[0]!);
      const colIndex = zoneIndex.get(chosen);
      if (row !== undefined && colIndex !== undefined) grid[row]![colIndex]!++;
    }
  }

  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  const order = new Map(unit.cards.map((c, i) => [c.id, i]));
  const cards: CardFigures[] = unit.cards
    .map((card) => {
      const f = perCard.get(card.id)!;
      return {
        id: card.id,
        text: card.text,
        accept: card.accept.map(zoneRef),
        learners: f.learners,
        rightFirst: f.rightFirst,
        rightLast: f.rightLast,
        shareFirst: share(f.rightFirst, f.learners),
        shareLast: share(f.rightLast, f.learners),
        wrong: [...f.wrong]
          .map(([id, count]) => ({ ...zoneRef(id), count, share: share(count, f.learners) }))
          .sort((a, b) => b.count - a.count || (zoneIndex.get(a.id) ?? 99) - (zoneIndex.get(b.id) ?? 99)),
      };
    })
    .sort((a, b) => a.shareLast - b.shareLast || a.shareFirst - b.shareFirst || order.get(a.id)! - order.get(b.id)!);

  const group = (names: string[]): NamedGroup => ({ count: names.length, names: anonymous ? [] : names });
  return {
    unit: { id: unit.id, title: unit.title, lang: unit.lang, version: unit.version },
    source: answers.source,
    attemptRule: options.attempt,
    anonymous,
    learners: answers.learners.length,
    attempts: answers.learners.reduce((s, l) => s + l.attempts.length, 0),
    counted,
    notChecked: group(notChecked),
    noAttempt: group(noAttempt),
    cards,
    confusion: { zones: unit.zones.map((z) => zoneRef(z.id)), grid },
    distribution,
    otherAnswers: { count: otherCount, ids: [...other.keys()].sort() },
  };
}
