/*
 * The preview page's script, bundled by src/preview/server.ts when the page is first asked for.
 *
 * It plays the LMS: `window.API` is scorm-again's SCORM 1.2 runtime, as in Moodle's player
 * (lmsRuntime.ts), and the unit runs in the iframe. Every API call is logged and the panel
 * (cmiPanel.ts) is redrawn from what the runtime holds. "Relaunch as returning learner" starts a new
 * runtime loaded with the stored data and entry "resume" (what Moodle hands a learner who left with
 * exit "suspend").
 *
 * In xAPI mode the unit's xAPI build is launched the common way (endpoint, auth, actor, registration,
 * activity_id in the query string) against the server's LRS at /xapi/, and the panel polls what that
 * LRS holds. The registration stays until Reset, so a relaunch resumes from the State API.
 */
import { CALLS_HTML, LMS_VIEW_HTML, renderCalls, renderLmsView } from "./cmiPanel";
import { createLms, firstLaunchData, returningData, type CallEntry, type LoggedLms } from "./lmsRuntime";
import type { Edition } from "./server";

type Mode = "scorm" | "none" | "xapi";

interface Statement {
  timestamp?: string;
  verb: { id: string };
  object: { id: string };
  result?: { score?: { raw?: number; max?: number; scaled?: number }; success?: boolean; response?: string };
  context?: { registration?: string };
}
interface LrsView {
  auth: string;
  statements: Statement[];
  states: { registration?: string; stateId: string; document: unknown }[];
}

const XAPI_ACTOR = { objectType: "Agent", name: "Preview learner", mbox: "mailto:learner@preview.invalid" };
const POLL_MS = 1000;
const $ = (id: string) => document.getElementById(id)!;
const frame = $("sco") as HTMLIFrameElement;

let editions: Edition[] = [];
let edition: Edition | null = null;
/** "scorm" (window.API present), "none" (no LMS) or "xapi" (the xAPI build, when there is one). */
let mode: Mode = "scorm";
let lms: LoggedLms | null = null;
let launches = 0;
const calls: CallEntry[] = [];
let queued = false;
/** The xAPI registration (one attempt): kept across relaunches, new after Reset. */
let registration = crypto.randomUUID();
/** The LRS's Authorization, as the server gives it; and the last poll of what the LRS holds. */
let xapiAuth = "";
let lrsData: LrsView | null = null;
let polling = false;

function newLms(data: ReturnType<typeof firstLaunchData> | null) {
  lms = createLms(data, (entry) => {
    calls.push(entry);
    queueRender();
  });
}

// ---- launching the unit ----

/** Navigates the frame away, so the unit finishes its session (pagehide) with the current runtime. */
function unload(): Promise<void> {
  return new Promise((done) => {
    if (!frame.getAttribute("src") || frame.getAttribute("src") === "about:blank") return done();
    frame.addEventListener("load", () => done(), { once: true });
    frame.src = "about:blank";
  });
}

function launch(note: string) {
  const current = edition!;
  launches++;
  calls.push({ launch: `Launch ${launches}: ${note}` });
  if (mode === "scorm") window.API = lms!.api;
  else delete window.API;
  if (mode === "xapi") {
    const query = new URLSearchParams({
      endpoint: `${location.origin}/xapi/`,
      auth: xapiAuth,
      actor: JSON.stringify(XAPI_ACTOR),
      registration,
      activity_id: activityId(),
    });
    frame.src = `/dist/${encodeURIComponent(`${current.name}-xapi`)}/index.html?${query}`;
    void pollLrs();
  } else frame.src = `/dist/${encodeURIComponent(current.name)}/index.html`;
  render();
}

/** The activity id the xAPI package declares in its tincan.xml. */
const activityId = () => `urn:learning-unit:${edition!.id}`;

/** Reads what the LRS holds (while in xAPI mode, every POLL_MS; one read at a time). */
async function pollLrs() {
  if (polling) return;
  polling = true;
  try {
    lrsData = (await (await fetch("/preview-api/xapi")).json()) as LrsView;
    xapiAuth = lrsData.auth;
  } catch {
    // The preview server was stopped: the panel keeps the last data.
  } finally {
    polling = false;
  }
  queueRender();
}

async function fresh(note: string, clearStorage: boolean) {
  await unload();
  if (clearStorage) {
    localStorage.clear();
    sessionStorage.clear();
    // A new learner for the LRS too: nothing stored, and a new registration.
    await fetch("/preview-api/xapi", { method: "DELETE" });
    registration = crypto.randomUUID();
    lrsData = null;
  }
  newLms(firstLaunchData(edition?.masteryScore));
  launch(note);
}

async function relaunch() {
  await unload();
  if (mode === "scorm") newLms(returningData(lms!.stored()));
  const from = { scorm: "entry resume, the stored data", none: "the browser's storage", xapi: "same registration, the State API" };
  launch(`returning learner (${from[mode]})`);
}

// ---- the panel ----

function queueRender() {
  if (queued) return;
  queued = true;
  queueMicrotask(render);
}

const text = (id: string, value: unknown) => {
  $(id).textContent = value === undefined || value === null || value === "" ? "–" : String(value);
};

function render() {
  queued = false;
  const noteByMode: Record<Mode, string> = {
    scorm: "SCORM 1.2: window.API is scorm-again's runtime, as in Moodle.",
    none: "No LMS: there is no window.API, so the unit keeps its progress in this browser's storage (shown below).",
    xapi: "xAPI: the unit's xAPI build, launched against this preview's LRS (/xapi/). Below, what the LRS holds for this registration.",
  };
  $("mode-note").textContent = noteByMode[mode];
  $("panel-heading").textContent = mode === "xapi" ? "What the LRS holds" : "What the LMS holds";
  $("lms-view").hidden = mode === "xapi";
  $("lrs-view").hidden = mode !== "xapi";
  if (mode === "xapi") renderLrs();
  const cmi = mode === "scorm" && lms ? lms.stored() : null;
  if (mode === "scorm") renderLmsView(cmi);
  else {
    const saved = Object.keys(localStorage)
      .sort()
      .map((k) => `${k} = ${localStorage.getItem(k)}`);
    renderLmsView(null, { heading: "Saved in this browser", note: "(localStorage)", text: saved.join("\n") });
  }
  renderCalls(calls);
  $("cmi-json").textContent = mode === "xapi" ? JSON.stringify(thisRegistration(), null, 2) : cmi ? JSON.stringify(cmi, null, 2) : "";

  for (const b of document.querySelectorAll<HTMLElement>("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
  const xapi = $("mode-xapi") as HTMLButtonElement;
  xapi.disabled = !edition?.xapi;
  const tip = xapi.disabled ? "coming with the xAPI package" : "Launch the xAPI build of this unit";
  xapi.title = tip;
  $("xapi-wrap").title = tip;
  ($("relaunch") as HTMLButtonElement).disabled = !edition;
  ($("reset") as HTMLButtonElement).disabled = !edition;
}

/**
 * The statements and state documents of the current registration. Others can be in the LRS: the
 * last requests of a unit closed by Reset may arrive after the LRS was emptied.
 */
function thisRegistration(): Omit<LrsView, "auth"> {
  const data = lrsData ?? { statements: [], states: [] };
  return {
    statements: data.statements.filter((s) => s.context?.registration === registration),
    states: data.states.filter((s) => s.registration === registration),
  };
}

/** "score 14/15 (scaled 0.9333) · success false · response …": what a statement's result holds. */
function resultText(result: Statement["result"]): string {
  if (!result) return "";
  const parts: string[] = [];
  const score = result.score;
  if (score) parts.push(`score ${[score.raw, score.max].filter((v) => v !== undefined).join("/")}${score.scaled !== undefined ? ` (scaled ${score.scaled})` : ""}`);
  if (result.success !== undefined) parts.push(`success ${result.success}`);
  if (result.response !== undefined) parts.push(`response ${result.response}`);
  return parts.join(" · ");
}

function renderLrs() {
  const { statements, states } = thisRegistration();
  text("xapi-actor", `${XAPI_ACTOR.name} <${XAPI_ACTOR.mbox.replace("mailto:", "")}>`);
  text("xapi-activity", edition ? activityId() : "");
  text("xapi-registration", registration);
  $("statement-count").textContent = `(${statements.length})`;
  const body = ($("statements") as HTMLTableElement).tBodies[0]!;
  const grew = body.rows.length < statements.length;
  body.textContent = "";
  for (const s of statements) {
    const row = body.insertRow();
    const time = s.timestamp ? new Date(s.timestamp).toLocaleTimeString() : "";
    for (const value of [time, String(s.verb.id).split("/").pop() ?? "", s.object.id, resultText(s.result)]) row.insertCell().textContent = value;
    row.cells[1]!.title = s.verb.id;
  }
  // Newest at the bottom, as they arrive; the reader's scroll position is kept otherwise.
  if (grew) $("statements-scroll").scrollTop = $("statements-scroll").scrollHeight;
  $("state-doc").textContent = states.length === 0 ? "(none yet)" : states.map((s) => `stateId ${s.stateId}:\n${JSON.stringify(s.document, null, 2)}`).join("\n\n");
}

// ---- controls ----

async function start() {
  $("lms-view").innerHTML = LMS_VIEW_HTML;
  $("calls-view").innerHTML = CALLS_HTML;
  editions = (await (await fetch("/editions.json")).json()) as Edition[];
  await pollLrs(); // the Authorization the xAPI build is launched with
  setInterval(() => {
    if (mode === "xapi") void pollLrs();
  }, POLL_MS);
  const picker = $("edition") as HTMLSelectElement;
  for (const e of editions) picker.add(new Option(`${e.title} – ${e.lang} (${e.name})`, e.name));
  const wanted = new URLSearchParams(location.search).get("edition");
  edition = editions.find((e) => e.name === wanted) ?? editions[0] ?? null;
  if (!edition) {
    $("mode-note").textContent = "Nothing is built yet: run npm run build, then reload this page.";
    return;
  }
  picker.value = edition.name;
  picker.addEventListener("change", () => {
    edition = editions.find((e) => e.name === picker.value)!;
    history.replaceState(null, "", `?edition=${encodeURIComponent(edition.name)}`);
    if (mode === "xapi" && !edition.xapi) mode = "scorm";
    void fresh(`${edition.name}, first launch`, false);
  });
  for (const b of document.querySelectorAll<HTMLElement>("[data-mode]")) {
    b.addEventListener("click", () => {
      mode = b.dataset.mode as Mode;
      void fresh(`${b.textContent}, first launch`, false);
    });
  }
  // Without an LMS the unit saves into localStorage: the frame's writes reach this page as storage events.
  window.addEventListener("storage", queueRender);
  $("relaunch").addEventListener("click", () => void relaunch());
  $("reset").addEventListener("click", () => void fresh("after reset (fresh LMS data, browser storage cleared)", true));
  await fresh(`${edition.name}, first launch`, false);
}

void start();
