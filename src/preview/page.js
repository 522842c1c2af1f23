/*
 * The preview page's script (plain browser JavaScript, served as is by src/preview/server.ts).
 *
 * It plays the LMS: `window.API` is scorm-again's SCORM 1.2 runtime, as in Moodle's player, and the
 * unit runs in the iframe. Every API method is wrapped, so each call is logged and the panel is
 * redrawn from what the runtime holds. "Relaunch as returning learner" starts a new runtime loaded
 * with the stored data and entry "resume" (what Moodle hands a learner who left with exit "suspend").
 *
 * In xAPI mode the unit's xAPI build is launched the common way (endpoint, auth, actor, registration,
 * activity_id in the query string) against the server's LRS at /xapi/, and the panel polls what that
 * LRS holds. The registration stays until Reset, so a relaunch resumes from the State API.
 */
(() => {
  "use strict";

  const API_METHODS = ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"];
  const SHOWN_CALLS = 400;
  const XAPI_ACTOR = { objectType: "Agent", name: "Preview learner", mbox: "mailto:learner@preview.invalid" };
  const POLL_MS = 1000;
  const $ = (id) => document.getElementById(id);
  const frame = $("sco");

  let editions = [];
  let edition = null;
  /** "scorm" (window.API present), "none" (no LMS) or "xapi" (the xAPI build, when there is one). */
  let mode = "scorm";
  let api = null;
  let launches = 0;
  const calls = [];
  let queued = false;
  /** The xAPI registration (one attempt): kept across relaunches, new after Reset. */
  let registration = crypto.randomUUID();
  /** The LRS's Authorization, as the server gives it; and the last poll of what the LRS holds. */
  let xapiAuth = "";
  let lrsData = null;
  let polling = false;

  // ---- the LMS runtime ----

  /** What the LMS hands a first launch: a fresh attempt, and the manifest's mastery score if any. */
  function firstLaunchData() {
    const data = { core: { student_id: "preview", student_name: "Learner, Preview", entry: "ab-initio", credit: "credit", lesson_mode: "normal" } };
    if (edition && edition.masteryScore !== null) data.student_data = { mastery_score: String(edition.masteryScore) };
    return data;
  }

  /** A copy of everything the runtime holds. */
  const stored = () => (api ? JSON.parse(JSON.stringify(api.cmi)) : null);

  /** What the LMS hands the next launch of the same attempt: everything stored, entry "resume", no session values. */
  function returningData(cmi) {
    const { exit: _exit, session_time: _session, ...core } = cmi.core || {};
    return { ...cmi, core: { ...core, entry: "resume" } };
  }

  function newApi(data) {
    // Scorm12API comes from /vendor/scorm12.js (scorm-again). No commit URL: the data stays in this page.
    const runtime = new window.Scorm12API({ lmsCommitUrl: false, autocommit: false, logLevel: 5 });
    if (data) runtime.loadFromJSON(data);
    const real = {};
    for (const name of API_METHODS) {
      real[name] = runtime[name].bind(runtime);
      runtime[name] = (...args) => {
        const result = real[name](...args);
        const failed = name !== "LMSGetValue" && name.indexOf("Error") < 0 && name !== "LMSGetDiagnostic" && String(result) !== "true";
        calls.push({ name, args, result: String(result), error: failed ? String(real.LMSGetLastError()) : "" });
        queueRender();
        return result;
      };
    }
    api = runtime;
  }

  // ---- launching the unit ----

  /** Navigates the frame away, so the unit finishes its session (pagehide) with the current runtime. */
  function unload() {
    return new Promise((done) => {
      if (!frame.getAttribute("src") || frame.getAttribute("src") === "about:blank") return done();
      frame.addEventListener("load", () => done(), { once: true });
      frame.src = "about:blank";
    });
  }

  function launch(note) {
    launches++;
    calls.push({ launch: `Launch ${launches}: ${note}` });
    if (mode === "scorm") window.API = api;
    else delete window.API;
    if (mode === "xapi") {
      const query = new URLSearchParams({
        endpoint: `${location.origin}/xapi/`,
        auth: xapiAuth,
        actor: JSON.stringify(XAPI_ACTOR),
        registration,
        activity_id: activityId(),
      });
      frame.src = `/dist/${encodeURIComponent(`${edition.name}-xapi`)}/index.html?${query}`;
      void pollLrs();
    } else frame.src = `/dist/${encodeURIComponent(edition.name)}/index.html`;
    render();
  }

  /** The activity id the xAPI package declares in its tincan.xml. */
  const activityId = () => `urn:learning-unit:${edition.id}`;

  /** Reads what the LRS holds (while in xAPI mode, every POLL_MS; one read at a time). */
  async function pollLrs() {
    if (polling) return;
    polling = true;
    try {
      lrsData = await (await fetch("/preview-api/xapi")).json();
      xapiAuth = lrsData.auth;
    } catch {
      // The preview server was stopped: the panel keeps the last data.
    } finally {
      polling = false;
    }
    queueRender();
  }

  async function fresh(note, clearStorage) {
    await unload();
    if (clearStorage) {
      localStorage.clear();
      sessionStorage.clear();
      // A new learner for the LRS too: nothing stored, and a new registration.
      await fetch("/preview-api/xapi", { method: "DELETE" });
      registration = crypto.randomUUID();
      lrsData = null;
    }
    newApi(firstLaunchData());
    launch(note);
  }

  async function relaunch() {
    await unload();
    if (mode === "scorm") newApi(returningData(stored()));
    const from = { scorm: "entry resume, the stored data", none: "the browser's storage", xapi: "same registration, the State API" };
    launch(`returning learner (${from[mode]})`);
  }

  // ---- the panel ----

  function queueRender() {
    if (queued) return;
    queued = true;
    queueMicrotask(render);
  }

  const text = (id, value) => {
    $(id).textContent = value === undefined || value === null || value === "" ? "–" : String(value);
  };
  const list = (v) => (Array.isArray(v) ? v : v && typeof v === "object" ? Object.keys(v).filter((k) => /^\d+$/.test(k)).map((k) => v[k]) : []);

  function render() {
    queued = false;
    const noteByMode = {
      scorm: "SCORM 1.2: window.API is scorm-again's runtime, as in Moodle.",
      none: "No LMS: there is no window.API, so the unit keeps its progress in this browser's storage (shown below).",
      xapi: "xAPI: the unit's xAPI build, launched against this preview's LRS (/xapi/). Below, what the LRS holds for this registration.",
    };
    $("mode-note").textContent = noteByMode[mode];
    $("panel-heading").textContent = mode === "xapi" ? "What the LRS holds" : "What the LMS holds";
    $("lms-view").hidden = mode === "xapi";
    $("lrs-view").hidden = mode !== "xapi";
    if (mode === "xapi") renderLrs();
    const cmi = mode === "scorm" ? stored() : null;
    const core = (cmi && cmi.core) || {};
    const score = core.score || {};
    text("status", core.lesson_status);
    text("score-raw", score.raw);
    text("score-min", score.min);
    text("score-max", score.max);
    text("mastery", cmi && cmi.student_data ? cmi.student_data.mastery_score : "");
    text("entry", core.entry);
    text("exit", core.exit);
    text("location", core.lesson_location);
    text("session-time", core.session_time);

    if (mode === "scorm") {
      const data = (cmi && cmi.suspend_data) || "";
      $("suspend-data").textContent = data;
      $("saved-heading").textContent = "suspend_data";
      $("suspend-length").textContent = `(${data.length} of 4096 characters)`;
    } else {
      const saved = Object.keys(localStorage)
        .sort()
        .map((k) => `${k} = ${localStorage.getItem(k)}`);
      $("suspend-data").textContent = saved.join("\n");
      $("saved-heading").textContent = "Saved in this browser";
      $("suspend-length").textContent = "(localStorage)";
    }

    const interactions = cmi ? list(cmi.interactions) : [];
    $("interaction-count").textContent = `(${interactions.length})`;
    const body = $("interactions").tBodies[0];
    body.textContent = "";
    interactions.forEach((it, i) => {
      const row = body.insertRow();
      const patterns = list(it.correct_responses).map((r) => r.pattern);
      for (const value of [i, it.id, it.type, it.student_response, patterns.join(" | "), it.result]) row.insertCell().textContent = value ?? "";
      row.cells[5].className = it.result === "correct" ? "correct" : it.result === "wrong" ? "wrong" : "";
    });

    const shown = calls.slice(-SHOWN_CALLS);
    $("call-count").textContent = `(${calls.filter((c) => !c.launch).length}${calls.length > SHOWN_CALLS ? `, the last ${SHOWN_CALLS} shown` : ""})`;
    const log = $("calls");
    log.textContent = "";
    let n = calls.length - shown.length - calls.slice(0, calls.length - shown.length).filter((c) => c.launch).length;
    for (const c of shown) {
      const li = document.createElement("li");
      if (c.launch) {
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
    $("cmi-json").textContent = mode === "xapi" ? JSON.stringify(thisRegistration(), null, 2) : cmi ? JSON.stringify(cmi, null, 2) : "";

    for (const b of document.querySelectorAll("[data-mode]")) b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
    const xapi = $("mode-xapi");
    xapi.disabled = !(edition && edition.xapi);
    const tip = xapi.disabled ? "coming with the xAPI package" : "Launch the xAPI build of this unit";
    xapi.title = tip;
    $("xapi-wrap").title = tip;
    $("relaunch").disabled = !edition;
    $("reset").disabled = !edition;
  }

  /**
   * The statements and state documents of the current registration. Others can be in the LRS: the
   * last requests of a unit closed by Reset may arrive after the LRS was emptied.
   */
  function thisRegistration() {
    const data = lrsData || { statements: [], states: [] };
    return {
      statements: data.statements.filter((s) => s.context && s.context.registration === registration),
      states: data.states.filter((s) => s.registration === registration),
    };
  }

  /** "score 14/15 (scaled 0.9333) · success false · response …": what a statement's result holds. */
  function resultText(result) {
    if (!result) return "";
    const parts = [];
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
    const body = $("statements").tBodies[0];
    const grew = body.rows.length < statements.length;
    body.textContent = "";
    for (const s of statements) {
      const row = body.insertRow();
      const time = s.timestamp ? new Date(s.timestamp).toLocaleTimeString() : "";
      for (const value of [time, String(s.verb.id).split("/").pop(), s.object.id, resultText(s.result)]) row.insertCell().textContent = value;
      row.cells[1].title = s.verb.id;
    }
    // Newest at the bottom, as they arrive; the reader's scroll position is kept otherwise.
    if (grew) $("statements-scroll").scrollTop = $("statements-scroll").scrollHeight;
    $("state-doc").textContent = states.length === 0 ? "(none yet)" : states.map((s) => `stateId ${s.stateId}:\n${JSON.stringify(s.document, null, 2)}`).join("\n\n");
  }

  // ---- controls ----

  async function start() {
    editions = await (await fetch("/editions.json")).json();
    await pollLrs(); // the Authorization the xAPI build is launched with
    setInterval(() => {
      if (mode === "xapi") void pollLrs();
    }, POLL_MS);
    const picker = $("edition");
    for (const e of editions) picker.add(new Option(`${e.title} – ${e.lang} (${e.name})`, e.name));
    const wanted = new URLSearchParams(location.search).get("edition");
    edition = editions.find((e) => e.name === wanted) || editions[0] || null;
    if (!edition) {
      $("mode-note").textContent = "Nothing is built yet: run npm run build, then reload this page.";
      return;
    }
    picker.value = edition.name;
    picker.addEventListener("change", () => {
      edition = editions.find((e) => e.name === picker.value);
      history.replaceState(null, "", `?edition=${encodeURIComponent(edition.name)}`);
      if (mode === "xapi" && !edition.xapi) mode = "scorm";
      void fresh(`${edition.name}, first launch`, false);
    });
    for (const b of document.querySelectorAll("[data-mode]")) {
      b.addEventListener("click", () => {
        mode = b.dataset.mode;
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
})();
