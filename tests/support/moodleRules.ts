/**
 * Moodle 4.5's LMSSetValue validation (mod/scorm/datamodels/scorm_12.js, as restated in
 * scorm12.md §4.1), with the strict lengths of its "SCORM standards mode". Returns what Moodle would
 * refuse, so tests can assert that a whole session's writes pass.
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

export function moodleRejects(sets: [string, string][]): string[] {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const [element, value] of sets) {
    const rule = RULES.find(([re]) => re.test(element));
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
