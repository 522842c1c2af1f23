import type { Unit } from "../content/types";
import { place, unplaced, type Placements } from "./model";

/** One go at the exercise, as plain data: what the UI shows and what the saved state holds. */
export interface Attempt {
  placements: Placements;
  /** "Tjek svar" was pressed with every card placed: cards are locked and marked right/wrong. */
  checked: boolean;
  /** The solution is on screen instead of the learner's answers. */
  solutionShown: boolean;
  /** The solution was seen at some point in this session: later scores are not recorded as higher. */
  solutionSeen: boolean;
}

export type AttemptAction =
  | { type: "place"; cardId: string; zoneId: string | null }
  | { type: "check" }
  | { type: "retry" }
  | { type: "toggleSolution" }
  | { type: "restore"; attempt: Attempt };

export const freshAttempt = (): Attempt => ({
  placements: {},
  checked: false,
  solutionShown: false,
  solutionSeen: false,
});

export const canCheck = (a: Attempt, unit: Unit): boolean =>
  !a.checked && unplaced(a.placements, unit.cards).length === 0;

/** Pure state transitions; actions that make no sense in the current state leave it unchanged. */
export function reduceAttempt(unit: Unit, a: Attempt, action: AttemptAction): Attempt {
  switch (action.type) {
    case "place": {
      const known = unit.cards.some((c) => c.id === action.cardId);
      const zoneOk = action.zoneId === null || unit.zones.some((z) => z.id === action.zoneId);
      if (a.checked || !known || !zoneOk || a.placements[action.cardId] === (action.zoneId ?? undefined)) return a;
      return { ...a, placements: place(a.placements, action.cardId, action.zoneId) };
    }
    case "check":
      return canCheck(a, unit) ? { ...a, checked: true } : a;
    case "retry":
      return { ...freshAttempt(), solutionSeen: a.solutionSeen };
    case "toggleSolution":
      return a.checked ? { ...a, solutionShown: !a.solutionShown, solutionSeen: true } : a;
    case "restore":
      return action.attempt;
  }
}
