import type { Card, Unit } from "../content/types";
import { fnv1a } from "./hash";

/** Where each card lies: card id -> zone id. A card that is absent lies in the pool. */
export type Placements = Readonly<Record<string, string>>;

/** Moves a card to a zone, or back to the pool with `null`. Returns a new object. */
export function place(p: Placements, cardId: string, zoneId: string | null): Placements {
  const next: Record<string, string> = { ...p };
  if (zoneId === null) delete next[cardId];
  else next[cardId] = zoneId;
  return next;
}

export function cardsIn(p: Placements, cards: readonly Card[], zoneId: string): Card[] {
  return cards.filter((c) => p[c.id] === zoneId);
}

export function unplaced(p: Placements, cards: readonly Card[]): Card[] {
  return cards.filter((c) => p[c.id] === undefined);
}

/** Every card in the zone "Vis løsning" shows for it (the first it accepts). */
export function solution(unit: Unit): Placements {
  return Object.fromEntries(unit.cards.map((c) => [c.id, c.accept[0]!]));
}

/**
 * The order cards are dealt in the pool. The content lists cards zone by zone, which would give
 * the answer away, so they are shuffled; the shuffle is seeded by the unit id so every learner,
 * every reload and every test sees the same order.
 */
export function poolOrder(unit: Unit): Card[] {
  let seed = fnv1a(unit.id);
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const cards = [...unit.cards];
  for (let i = cards.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [cards[i], cards[j]] = [cards[j]!, cards[i]!];
  }
  return cards;
}
