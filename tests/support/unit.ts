/** The real content files, loaded the way the build loads them. */
import { loadUnitFile } from "../../src/content/load";
import type { Unit } from "../../src/content/types";

export const peerMentoring = (): Unit => loadUnitFile("content/peer-mentoring.da.json");

/** Every card in the first zone it accepts: the all-right answer. */
export const allRight = (unit: Unit) => Object.fromEntries(unit.cards.map((c) => [c.id, c.accept[0]!]));

/** Every card in a zone it does not accept: the all-wrong answer. */
export const allWrong = (unit: Unit) =>
  Object.fromEntries(unit.cards.map((c) => [c.id, unit.zones.find((z) => !c.accept.includes(z.id))!.id]));
