/**
 * Moodle 4.5's SetValue validation, with the strict lengths of its "SCORM standards mode": for
 * SCORM 1.2 mod/scorm/datamodels/scorm_12.js (as restated in scorm12.md §4.1), for SCORM 2004
 * scorm_13.js (its data types, scorm12.md §7). Returns what Moodle would refuse, so tests can assert
 * that a whole session's writes pass.
 */
const DECIMAL = /^-?[0-9]{0,3}(\.[0-9]*)?$/;
const TIMESPAN = /^[0-9]{2,4}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$/;
const TIME = /^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,2})?$/;
const IDENTIFIER = /^[\x21-\x7E]{0,255}$/;
// Strict SCORM 1.2 reading of CMIIdentifier, as strict LMSs apply it (scorm12.md §3, §5.13).
const STRICT_ID = /^[A-Za-z0-9_-]{1,255}$/;

type Rule = (v: string) => boolean;
const range = (lo: number, hi: number): Rule => (v) => DECIMAL.test(v) && v !== "" && Number(v) >= lo && Number(v) <= hi;
const maxLen = (n: number): Rule => (v) => v.length <= n;

const RULES: [RegExp, Rule][] = [
  [/^cmi\.core\.lesson_status$/, (v) => /^(passed|completed|failed|incomplete|browsed)$/.test(v)],
  [/^cmi\.core\.exit$/, (v) => /^(time-out|suspend|logout|)$/.test(v)],
  [/^cmi\.core\.session_time$/, (v) => TIMESPAN.test(v)],
  [/^cmi\.core\.score\.(raw|min|max)$/, range(0, 100)],
  [/^cmi\.core\.lesson_location$/, maxLen(255)],
  [/^cmi\.suspend_data$/, maxLen(4096)],
  [/^cmi\.interactions\.\d+\.id$/, (v) => IDENTIFIER.test(v) && STRICT_ID.test(v)],
  [/^cmi\.interactions\.\d+\.type$/, (v) => /^(true-false|choice|fill-in|matching|performance|sequencing|likert|numeric)$/.test(v)],
  [/^cmi\.interactions\.\d+\.time$/, (v) => TIME.test(v)],
  [/^cmi\.interactions\.\d+\.latency$/, (v) => TIMESPAN.test(v)],
  [/^cmi\.interactions\.\d+\.weighting$/, range(-100, 100)],
  [/^cmi\.interactions\.\d+\.result$/, (v) => /^(correct|wrong|unanticipated|neutral)$/.test(v) || DECIMAL.test(v)],
  [/^cmi\.interactions\.\d+\.student_response$/, maxLen(255)],
  [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, maxLen(255)],
];

// scorm_13.js data types.
const DECIMAL_2004 = /^-?([0-9]{1,5})(\.[0-9]{1,18})?$/;
const TIMESPAN_2004 = /^P(\d+Y)?(\d+M)?(\d+D)?(T(((\d+H)(\d+M)?(\d+(\.\d{1,2})?S)?)|((\d+M)(\d+(\.\d{1,2})?S)?)|((\d+(\.\d{1,2})?S))))?$/;
const TIME_2004 =
  /^(19[7-9]{1}[0-9]{1}|20[0-2]{1}[0-9]{1}|203[0-8]{1})((-(0[1-9]{1}|1[0-2]{1}))((-(0[1-9]{1}|[1-2]{1}[0-9]{1}|3[0-1]{1}))(T([0-1]{1}[0-9]{1}|2[0-3]{1})((:[0-5]{1}[0-9]{1})((:[0-5]{1}[0-9]{1})((\.[0-9]{1,2})((Z|([+|-]([0-1]{1}[0-9]{1}|2[0-3]{1})))(:[0-5]{1}[0-9]{1})?)?)?)?)?)?)?)?$/;
const LANG_STRING_250 = /^(\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\})?([^{].{0,250}$)?$/;
const LANG_STRING_250_CR = /^((\{lang=([a-zA-Z]{2,3}|i|x)?(-[a-zA-Z0-9-]{2,8})?\})?(.{0,250})?)?$/;
// The stricter of the versions around: must end with a letter or digit.
const LONG_IDENTIFIER = /^\S{0,4000}[a-zA-Z0-9]$/;
const range2004 = (lo: number, hi: number): Rule => (v) => DECIMAL_2004.test(v) && Number(v) >= lo && Number(v) <= hi;
/** fill-in: up to 10 strings separated by `[,]`, each a localized string of at most 250 characters. */
const fillIn: Rule = (v) => v.split("[,]").length <= 10 && v.split("[,]").every((part) => LANG_STRING_250.test(part));

const RULES_2004: [RegExp, Rule][] = [
  [/^cmi\.completion_status$/, (v) => /^(completed|incomplete|not attempted|unknown)$/.test(v)],
  [/^cmi\.success_status$/, (v) => /^(passed|failed|unknown)$/.test(v)],
  [/^cmi\.exit$/, (v) => /^(time-out|suspend|logout|normal|)$/.test(v)],
  [/^cmi\.session_time$/, (v) => TIMESPAN_2004.test(v)],
  [/^cmi\.score\.scaled$/, range2004(-1, 1)],
  [/^cmi\.score\.(raw|min|max)$/, (v) => DECIMAL_2004.test(v)],
  [/^cmi\.progress_measure$/, range2004(0, 1)],
  [/^cmi\.location$/, maxLen(1000)],
  [/^cmi\.suspend_data$/, maxLen(64000)],
  [/^cmi\.interactions\.\d+\.id$/, (v) => LONG_IDENTIFIER.test(v)],
  [/^cmi\.interactions\.\d+\.type$/, (v) => /^(true-false|choice|(long-)?fill-in|matching|performance|sequencing|likert|numeric|other)$/.test(v)],
  [/^cmi\.interactions\.\d+\.description$/, (v) => LANG_STRING_250.test(v)],
  [/^cmi\.interactions\.\d+\.timestamp$/, (v) => TIME_2004.test(v)],
  [/^cmi\.interactions\.\d+\.latency$/, (v) => TIMESPAN_2004.test(v)],
  [/^cmi\.interactions\.\d+\.weighting$/, (v) => DECIMAL_2004.test(v)],
  [/^cmi\.interactions\.\d+\.result$/, (v) => /^(correct|incorrect|unanticipated|neutral)$/.test(v) || /^-?([0-9]{1,4})(\.[0-9]{1,18})?$/.test(v)],
  [/^cmi\.interactions\.\d+\.learner_response$/, fillIn],
  [/^cmi\.interactions\.\d+\.correct_responses\.\d+\.pattern$/, (v) => LANG_STRING_250_CR.test(v)],
];

/** Whether Moodle's scorm_13.js takes `value` for `element` (for the format table tests). */
export const moodle2004Accepts = (element: string, value: string) => RULES_2004.find(([re]) => re.test(element))?.[1](value) ?? false;

export function moodleRejects(sets: [string, string][], version: "1.2" | "2004" = "1.2"): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  const fieldsSeen = new Map<string, number>();
  for (const [element, value] of sets) {
    const rule = (version === "1.2" ? RULES : RULES_2004).find(([re]) => re.test(element));
    // 2004: an interaction's id is written first and its type second (RTE 4.2.9.1).
    const field = /^cmi\.interactions\.(\d+)\.(.+)$/.exec(element);
    if (version === "2004" && field) {
      const nth = fieldsSeen.get(field[1]!) ?? 0;
      fieldsSeen.set(field[1]!, nth + 1);
      if (nth === 0 && field[2] !== "id") problems.push(`${element}: written before the interaction's id`);
      if (nth === 1 && field[2] !== "type") problems.push(`${element}: written before the interaction's type`);
    }
    if (!rule) problems.push(`${element}: not an element this SCO should write`);
    else if (!rule[1](value)) problems.push(`${element}: ${JSON.stringify(value)} fails Moodle's check`);
    // Arrays grow only by writing index n == _count (Moodle 201 otherwise).
    const m = /^cmi\.interactions\.(\d+)\.id$/.exec(element);
    if (m) {
      const n = Number(m[1]);
      const expected = counts.get("interactions") ?? n;
      if (n !== expected) problems.push(`${element}: written out of order (expected index ${expected})`);
      counts.set("interactions", n + 1);
    }
  }
  return problems;
}
