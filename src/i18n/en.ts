import type { Strings } from "./index";

/** English UI strings, same keys as da.ts. */
export const en: Strings = {
  pool: "Cards still to place",
  poolEmpty: "All cards are placed.",
  zoneCount: (n: number) => (n === 1 ? "1 card" : `${n} cards`),
  check: "Check answers",
  remaining: (n: number) =>
    n === 1 ? "Place the last card, then you can check your answers." : `Place ${n} more cards, then you can check your answers.`,
  result: (correct: number, total: number) => `You got ${correct} of ${total} right`,
  retry: "Try again",
  showSolution: "Show solution",
  showMine: "Show my answers",
  solutionNote: "The solution is shown: every card lies in its right zone.",
  correct: "Right",
  wrong: "Wrong",
  inSolution: "Solution",
  finish: "Finish",
  finishUnfinished: "Save and finish",
  finished: "Your answers are saved. You can close this window now.",
  finishedLocal: "Your answers are saved in this browser. You can close this window now.",
  noLms: "No connection to an LMS: your answers are saved in this browser only.",
  notGraded: "Review: you can look at and try the exercise, but nothing is recorded as a result.",
  unsaved: "Your work is not saved in the LMS yet. Just carry on – we keep trying, and nothing is lost in this browser.",
  placed: (card: string, zone: string) => `${card} placed in ${zone}`,
  backInPool: (card: string) => `${card} put back among the cards`,
  picked: (card: string) => `${card} picked up. Choose a zone.`,
  putDown: (card: string) => `${card} put down.`,
  keyboardHint: "With the keyboard: Space or Enter picks the card up, the arrow keys choose a zone, and Space or Enter places it there. Escape cancels.",
  dragHint: "Drag the card to a zone, or select the card and then the zone.",
};
