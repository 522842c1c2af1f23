/**
 * Strings of the teachers' results page and terminal summary (src/results), in the unit's language.
 * Kept apart from da.ts/en.ts: no learner's package carries them.
 */
import type { Lang } from "../content/types";

const pct = (share: number) => `${Math.round(share * 100)} %`;
const list = (names: string[], count: number, and: string) =>
  names.length === 0 ? String(count) : names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} ${and} ${names.at(-1)}`;

const da = {
  title: (unit: string) => `${unit}: klassens resultater`,
  made: (date: string, source: string) => `Lavet ${date} ud fra ${source}.`,
  sourceMoodle: "Moodles interaktionsrapport",
  sourceLrs: "LRS’ets besvarelser",
  overview: "Overblik",
  learners: (n: number) => (n === 1 ? "1 deltager" : `${n} deltagere`),
  attempts: (n: number) => (n === 1 ? "1 forsøg" : `${n} forsøg`),
  counted: (n: number) => (n === 1 ? "1 har tjekket sine svar" : `${n} har tjekket deres svar`),
  ruleHighest: "For hver deltager tæller det bedste forsøg (Moodles standard, “Højeste forsøg”).",
  ruleLast: "For hver deltager tæller det sidste forsøg med tjekkede svar (“Sidste forsøg”).",
  notChecked: (names: string[], n: number) => `Har ikke tjekket svar endnu: ${list(names, n, "og")}.`,
  noAttempt: (names: string[], n: number) => `Intet forsøg: ${list(names, n, "og")}.`,
  otherAnswers: (n: number, ids: string[]) =>
    `${n === 1 ? "1 svar" : `${n} svar`} til kort, der ikke er i denne version, er talt for sig: ${ids.join(", ")}.`,
  anonymous: "Uden navne.",
  cardsHeading: "Kortene, sværeste først",
  cardsIntro: "Andel rigtige ved første og ved sidste tjek i det forsøg, der tæller, og hvor de forkerte svar oftest lå.",
  card: "Kort",
  rightZone: "Rigtigt område",
  firstCheck: "Første tjek",
  lastCheck: "Sidste tjek",
  mostWrong: "Oftest forkert lagt i",
  none: "–",
  cardLine: (text: string, share: number, wrong?: { label: string; share: number }) =>
    `${text}: ${pct(share)} rigtige${wrong ? `; ${pct(wrong.share)} lagde det i ${wrong.label}` : ""}`,
  wrongCell: (label: string, share: number) => `${label} (${pct(share)})`,
  confusionHeading: "Hvor kortene blev lagt",
  confusionIntro: "Rækker: det rigtige område. Kolonner: området, kortet blev lagt i ved sidste tjek. Rigtige svar ligger på diagonalen.",
  confusionLabel: (right: string, chosen: string, n: number) => `Rigtigt ${right}, lagt i ${chosen}: ${n}`,
  distributionHeading: "Antal rigtige",
  distributionIntro: (cards: number) => `Deltagere efter antal rigtige (af ${cards}) ved sidste tjek i det forsøg, der tæller.`,
  distributionLabel: (right: number, n: number) => `${right} rigtige: ${n === 1 ? "1 deltager" : `${n} deltagere`}`,
  nobodyChecked: "Ingen har tjekket deres svar endnu.",
  pct,
  summaryPage: (path: string) => `Siden er skrevet: ${path}`,
  summaryHardest: "Sværest:",
  otherEdition: (file: string, lang: string) => `Siden på ${({ da: "dansk", en: "engelsk" } as Record<string, string>)[lang] ?? lang}: --unit ${file}`,
};

const en: typeof da = {
  title: (unit) => `${unit}: class results`,
  made: (date, source) => `Made on ${date} from ${source}.`,
  sourceMoodle: "Moodle's Interactions report",
  sourceLrs: "the LRS's answered statements",
  overview: "Overview",
  learners: (n) => (n === 1 ? "1 learner" : `${n} learners`),
  attempts: (n) => (n === 1 ? "1 attempt" : `${n} attempts`),
  counted: (n) => (n === 1 ? "1 has checked their answers" : `${n} have checked their answers`),
  ruleHighest: "For each learner the best attempt counts (Moodle's default, “Highest attempt”).",
  ruleLast: "For each learner the last attempt with checked answers counts (“Last attempt”).",
  notChecked: (names, n) => `Not checked yet: ${list(names, n, "and")}.`,
  noAttempt: (names, n) => `No attempt: ${list(names, n, "and")}.`,
  otherAnswers: (n, ids) => `${n === 1 ? "1 answer" : `${n} answers`} to cards not in this version, counted apart: ${ids.join(", ")}.`,
  anonymous: "Without names.",
  cardsHeading: "The cards, hardest first",
  cardsIntro: "Share right at the first and at the last check of the attempt that counts, and where the wrong answers went most often.",
  card: "Card",
  rightZone: "Right zone",
  firstCheck: "First check",
  lastCheck: "Last check",
  mostWrong: "Most often put in",
  none: "–",
  cardLine: (text, share, wrong) => `${text}: ${pct(share)} right${wrong ? `; ${pct(wrong.share)} put it in ${wrong.label}` : ""}`,
  wrongCell: (label, share) => `${label} (${pct(share)})`,
  confusionHeading: "Where the cards went",
  confusionIntro: "Rows: the right zone. Columns: the zone the card was in at the last check. Right answers are on the diagonal.",
  confusionLabel: (right, chosen, n) => `Right ${right}, put in ${chosen}: ${n}`,
  distributionHeading: "Number right",
  distributionIntro: (cards) => `Learners by number right (of ${cards}) at the last check of the attempt that counts.`,
  distributionLabel: (right, n) => `${right} right: ${n === 1 ? "1 learner" : `${n} learners`}`,
  nobodyChecked: "Nobody has checked their answers yet.",
  pct,
  summaryPage: (path) => `Page written: ${path}`,
  summaryHardest: "Hardest:",
  otherEdition: (file, lang) => `The page in ${({ da: "Danish", en: "English" } as Record<string, string>)[lang] ?? lang}: --unit ${file}`,
};

export type ResultsStrings = typeof da;

export const resultsStrings = (lang: Lang): ResultsStrings => (lang === "en" ? en : da);
