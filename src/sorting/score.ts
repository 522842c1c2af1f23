import type { Card, Unit } from "../content/types";
import type { Placements } from "./model";

export interface CardResult {
  card: Card;
  /** Zone the learner chose, or null if the card was left in the pool. */
  placed: string | null;
  correct: boolean;
}

export interface Result {
  cards: CardResult[];
  correct: number;
  total: number;
  /** Percentage 0-100, at most two decimals: what SCORM's score.raw and Moodle's gradebook take. */
  raw: number;
  /** 0-1, for xAPI's score.scaled. */
  scaled: number;
  /** Judged against the mastery score; null when the unit has none. */
  passed: boolean | null;
}

export function score(unit: Unit, placements: Placements): Result {
  const cards = unit.cards.map((card) => {
    const placed = placements[card.id] ?? null;
    return { card, placed, correct: placed !== null && card.accept.includes(placed) };
  });
  const correct = cards.filter((c) => c.correct).length;
  const total = cards.length;
  const raw = total === 0 ? 0 : Math.round((correct / total) * 10000) / 100;
  const passed = unit.masteryScore === undefined ? null : raw >= unit.masteryScore;
  return { cards, correct, total, raw, scaled: Math.round((correct / total) * 10000) / 10000, passed };
}
