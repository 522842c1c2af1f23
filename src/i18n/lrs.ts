/**
 * Strings only the LRS packages (xAPI, cmi5) need: verb displays in statements, and the cmi5 launch
 * problems a learner can act on (one calm sentence each; the unit keeps working in the browser).
 * Kept apart from da.ts/en.ts so the SCORM scripts do not carry them. Bundled per language like
 * the UI strings (src/i18n/index.ts).
 */
import type { Lang } from "../content/types";

const da = {
  cmi5NoLaunch: "LMS’et startede ikke enheden rigtigt, så dine svar gemmes kun i denne browser: åbn den igen fra LMS’et.",
  cmi5NoToken: "LMS’et gav ikke enheden adgang, så dine svar gemmes kun i denne browser: åbn den igen fra LMS’et.",
  cmi5Unreachable: "LMS’et svarer ikke lige nu, så dine svar gemmes kun i denne browser: åbn enheden igen fra LMS’et senere.",
  cmi5Finished:
    "Siden blev genindlæst, og LMS’et har allerede afsluttet denne session. Du kan bare fortsætte: dit arbejde gemmes i denne browser og afleveres til LMS’et, næste gang du åbner enheden fra kurset.",
  cmi5FinishedNotGraded: "Denne session er afsluttet, så intet nyt registreres her: åbn enheden igen fra LMS’et for at fortsætte.",
  verbs: {
    initialized: "startede",
    experienced: "læste",
    answered: "besvarede",
    completed: "gennemførte",
    passed: "bestod",
    failed: "bestod ikke",
    terminated: "afsluttede",
  },
};

const en: typeof da = {
  cmi5NoLaunch: "The LMS did not start the unit right, so your answers are saved in this browser only: open it again from the LMS.",
  cmi5NoToken: "The LMS gave the unit no access, so your answers are saved in this browser only: open it again from the LMS.",
  cmi5Unreachable: "The LMS is not answering right now, so your answers are saved in this browser only: open the unit again from the LMS later.",
  cmi5Finished:
    "The page was reloaded, and the LMS has already closed this session. Just carry on: your work is kept in this browser and handed to the LMS the next time you open the unit from the course.",
  cmi5FinishedNotGraded: "This session has ended, so nothing new is recorded here: open the unit again from the LMS to go on.",
  verbs: {
    initialized: "initialized",
    experienced: "experienced",
    answered: "answered",
    completed: "completed",
    passed: "passed",
    failed: "failed",
    terminated: "terminated",
  },
};

export type LrsStrings = typeof da;

declare const __UNIT_LANG__: Lang | undefined;

export const lrsStrings = (lang: Lang): LrsStrings =>
  typeof __UNIT_LANG__ === "string" ? (__UNIT_LANG__ === "en" ? en : da) : { da, en }[lang];
