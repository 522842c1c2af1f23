/**
 * What a class did, as every source gives it (a Moodle report, an LRS), before the unit is known:
 * learners, their attempts, and each accepted check's answers by interaction id. The readers make
 * this; `analyse` turns it into figures with the unit's texts and answer key.
 */

/** One answer of one check: the interaction id the LMS stored (`card_empati`) and the zone id placed. */
export interface Answer {
  interactionId: string;
  response: string;
}

/** One accepted press of "check": the answers the LMS received for it. */
export interface Check {
  answers: Answer[];
}

export interface Attempt {
  /** 1, 2, … as the LMS numbers them (Moodle's attempt, the LRS's registrations in time order). */
  number: number;
  /** The attempt's score 0–100 as the LMS keeps it; null when it has none (never checked). */
  score: number | null;
  checks: Check[];
}

export interface Learner {
  /** What tells learners apart: the e-mail address, or the LRS actor's identifier. */
  key: string;
  name: string;
  /** Empty: enrolled, but no attempt at all. */
  attempts: Attempt[];
}

export type SourceKind = "moodle" | "lrs";

export interface ClassAnswers {
  source: SourceKind;
  /** The package's title as the source names it (Moodle's SCO column), when it does. */
  packageTitle?: string;
  /** The unit's language as the statements say it (LRS only): picks the edition. */
  lang?: string;
  learners: Learner[];
}

/** Input that cannot be read as results: `message` is one line naming what to do. */
export class ResultsError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "ResultsError";
  }
}

/** Where the teacher reads a refusal: the command line names its options (--unit), the studio its own drop zone. */
export type ResultsPlace = "command line" | "studio";
