/**
 * The CMI panel: what a SCORM 1.2 LMS holds for the learner (status, score, suspend_data,
 * interactions) and every call the unit made. Shared by the preview server's page and the studio.
 */
import type { CallEntry, CmiData } from "./lmsRuntime";

const SHOWN_CALLS = 400;

/** The LMS fields, suspend_data and interactions (inside an element with id "lms-view"). */
export const LMS_VIEW_HTML = `<dl class="fields">
  <dt>Status</dt><dd id="status">–</dd>
  <dt>Score</dt><dd><span id="score-raw">–</span> <span class="muted">(min <span id="score-min">–</span>, max <span id="score-max">–</span>)</span></dd>
  <dt>Mastery score</dt><dd id="mastery">–</dd>
  <dt>Entry / exit</dt><dd><span id="entry">–</span> / <span id="exit">–</span></dd>
  <dt>Location</dt><dd id="location">–</dd>
  <dt>Session time</dt><dd id="session-time">–</dd>
</dl>
<h3><span id="saved-heading">suspend_data</span> <span id="suspend-length" class="muted"></span></h3>
<pre id="suspend-data" class="box"></pre>
<h3>Interactions <span id="interaction-count" class="muted"></span></h3>
<div class="scroll">
  <table id="interactions">
    <thead><tr><th>#</th><th>id</th><th>type</th><th>answer</th><th>right answer</th><th>result</th></tr></thead>
    <tbody></tbody>
  </table>
</div>`;

/** The call log (inside an element with id "calls-view"). */
export const CALLS_HTML = `<h3>Calls <span id="call-count" class="muted"></span></h3>
<ol id="calls" class="box calls"></ol>`;

const $ = (id: string) => document.getElementById(id)!;

const text = (id: string, value: unknown) => {
  $(id).textContent = value === undefined || value === null || value === "" ? "–" : String(value);
};

/** scorm-again keeps lists as arrays or as objects keyed "0", "1", …: the items in order either way. */
const list = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v : v && typeof v === "object" ? Object.keys(v).filter((k) => /^\d+$/.test(k)).map((k) => (v as Record<string, Record<string, unknown>>)[k]!) : [];

/**
 * The LMS fields from `cmi` (null: no LMS). `saved` replaces suspend_data when there is no LMS: what
 * the unit keeps in the browser instead.
 */
export function renderLmsView(cmi: CmiData | null, saved?: { heading: string; note: string; text: string }): void {
  const core = cmi?.core ?? {};
  const score = core.score ?? {};
  text("status", core.lesson_status);
  text("score-raw", score.raw);
  text("score-min", score.min);
  text("score-max", score.max);
  text("mastery", cmi?.student_data?.mastery_score);
  text("entry", core.entry);
  text("exit", core.exit);
  text("location", core.lesson_location);
  text("session-time", core.session_time);

  const data = saved ? saved.text : (cmi?.suspend_data ?? "");
  $("suspend-data").textContent = data;
  $("saved-heading").textContent = saved ? saved.heading : "suspend_data";
  $("suspend-length").textContent = saved ? saved.note : `(${data.length} of 4096 characters)`;

  const interactions = cmi ? list(cmi.interactions) : [];
  $("interaction-count").textContent = `(${interactions.length})`;
  const body = ($("interactions") as HTMLTableElement).tBodies[0]!;
  body.textContent = "";
  interactions.forEach((it, i) => {
    const row = body.insertRow();
    const patterns = list(it.correct_responses).map((r) => r.pattern);
    for (const value of [i, it.id, it.type, it.student_response, patterns.join(" | "), it.result]) row.insertCell().textContent = value === undefined || value === null ? "" : String(value);
    row.cells[5]!.className = it.result === "correct" ? "correct" : it.result === "wrong" ? "wrong" : "";
  });
}

/** The last SHOWN_CALLS calls, numbered as they were made, with each launch between them. */
export function renderCalls(calls: CallEntry[]): void {
  const shown = calls.slice(-SHOWN_CALLS);
  const apiCalls = calls.filter((c) => !("launch" in c)).length;
  $("call-count").textContent = `(${apiCalls}${calls.length > SHOWN_CALLS ? `, the last ${SHOWN_CALLS} shown` : ""})`;
  const log = $("calls");
  log.textContent = "";
  const hidden = calls.slice(0, calls.length - shown.length);
  let n = hidden.filter((c) => !("launch" in c)).length;
  for (const c of shown) {
    const li = document.createElement("li");
    if ("launch" in c) {
      li.className = "launch";
      li.textContent = c.launch;
    } else {
      li.value = ++n;
      li.textContent = `${c.name}(${c.args.map((a) => JSON.stringify(String(a))).join(", ")}) → ${JSON.stringify(c.result)}${c.error ? `  error ${c.error}` : ""}`;
      if (c.error && c.error !== "0") li.className = "failed";
    }
    log.append(li);
  }
  log.scrollTop = log.scrollHeight;
}
