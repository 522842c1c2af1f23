import type { Unit } from "../../src/content/types";
import type { Placements } from "../../src/sorting/model";
import { score } from "../../src/sorting/score";
import type { Check } from "../../src/tracking/progress";

export const AT = new Date(2026, 10, 29, 14, 3, 27);

/** A check as the UI makes it: the scored placements, at a fixed time, 95.5 s into the attempt. */
export const checkOf = (unit: Unit, placements: Placements, solutionSeen = false): Check => ({
  result: score(unit, placements),
  solutionSeen,
  at: AT,
  latencySeconds: 95.5,
});
