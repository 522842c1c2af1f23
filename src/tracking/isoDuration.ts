/**
 * Seconds -> SCORM 2004's timeinterval (second,10,2): `PT1H2M3.5S`, `PT12.95S`, `PT0S`. Hundredths at
 * most (the standard's and Moodle's limit), zero hours and minutes left out, hours not folded into days.
 * The same ISO 8601 duration is xAPI's result.duration (lrs/xapiStatements.ts, lrs/cmi5Statements.ts),
 * so it lives here, shared, rather than with SCORM 2004's other formats (scorm/cmi2004.ts).
 */
export function isoDuration(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor(cs / 6000) % 60;
  const s = (cs % 6000) / 100;
  return `PT${h > 0 ? `${h}H` : ""}${m > 0 ? `${m}M` : ""}${s > 0 || (h === 0 && m === 0) ? `${s}S` : ""}`;
}
