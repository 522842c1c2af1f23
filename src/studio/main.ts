/**
 * The studio page: a teacher drops a document, reads the importer's report, tries the unit in a frame
 * of Moodle's size and downloads the packages. Everything runs in this page, from the files beside
 * it: the importer (src/import) and the packager (src/packaging) are the ones the command line and
 * the build run, so a document gives the same unit and the same zip bytes here as there.
 */
import { editionName } from "../content/edition";
import { ContentError } from "../content/schema";
import type { Lang, Unit } from "../content/types";
import { unitFromDocument } from "../import/importUnit";
import { extensionOf, readDocument, type DocumentReaders } from "../import/read";
import "./studio.css";
import { describeImport } from "../import/report";
import { PACKAGES, zipName, type PackageKind } from "../packaging/packageNames";
import { CALLS_HTML, LMS_VIEW_HTML, renderCalls, renderLmsView } from "../preview/cmiPanel";
import { createLms, firstLaunchData, returningData, type CallEntry, type LoggedLms } from "../preview/lmsRuntime";
import { unitFromContentFile } from "./contentFile";
import { loadPart, loadScript } from "./parts";
import { startResultsTab } from "./resultsTab";
import { checkId, fieldOf, withSettings, type Field, type Settings } from "./settings";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const frame = $<HTMLIFrameElement>("unit");
const inputs = { lang: $<HTMLSelectElement>("lang"), id: $<HTMLInputElement>("unit-id"), masteryScore: $<HTMLInputElement>("mastery-score"), version: $<HTMLInputElement>("version") };
const PROBLEM_ID: Record<Field, string> = { document: "document-problem", lang: "lang-problem", id: "id-problem", masteryScore: "mastery-problem", version: "version-problem" };

const readers: DocumentReaders = {
  docx: async (bytes) => (await loadPart("docx"))(bytes),
  markdown: async (text) => (await loadPart("markdown"))(text),
};

const results = startResultsTab();

let documentFile: { name: string; bytes: Uint8Array } | null = null;
let settings: Settings = {};
let unit: Unit | null = null;
/** Each run of the importer; a slower earlier run never overwrites a later one. */
let generation = 0;
let downloadUrls: string[] = [];

// ---- the document → the unit ----

async function useFile(file: File) {
  documentFile = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  settings = {}; // a new document starts from the command line's defaults
  forgetUnit(); // nothing of the previous document stays on show while this one is read
  await run();
}

/** The content file's own summary: a .json is a unit already, checked by the build's validator. */
function describeContentFile(name: string, u: Unit): string[] {
  const label = (id: string) => u.zones.find((z) => z.id === id)!.label;
  return [
    `${name}: a content file, checked as the build checks it`,
    "",
    `title      "${u.title}"`,
    `unit id    ${u.id}, language ${u.lang}, version ${u.version}${u.masteryScore === undefined ? "" : `, mastery score ${u.masteryScore}`}`,
    `zones      ${u.zones.map((z) => `${z.label} (${z.id})`).join(", ")}`,
    `cards      ${u.cards.length}:`,
    ...u.cards.map((c) => `  ${c.text}  → ${c.accept.map(label).join(" + ")}  (id ${c.id})`),
  ];
}

async function importUnit(file: { name: string; bytes: Uint8Array }): Promise<{ unit: Unit; lines: string[] }> {
  if (extensionOf(file.name) === ".json") {
    const u = withSettings(unitFromContentFile(file.bytes, file.name), settings, file.name);
    return { unit: u, lines: describeContentFile(file.name, u) };
  }
  checkId(file.name, settings.id);
  const doc = await readDocument(file.bytes, file.name, readers);
  const { unit: imported, report } = unitFromDocument(doc, { file: file.name, lang: settings.lang, id: settings.id, place: "studio" });
  const u = withSettings(imported, settings, file.name);
  return { unit: u, lines: describeImport(file.name, u, report, "studio") };
}

async function run() {
  if (!documentFile) return;
  const gen = ++generation;
  for (const id of Object.values(PROBLEM_ID)) $(id).hidden = true;
  clearDownloads(); // nothing stale is offered while the importer runs
  try {
    const result = await importUnit(documentFile);
    if (gen !== generation) return;
    unit = result.unit;
    results.setMadeUnit(unit);
    $("report-lines").textContent = result.lines.join("\n");
    $("report").hidden = false;
    showSettings(unit, extensionOf(documentFile.name) === ".json");
    await launch("first launch");
    await prepareDownloads(unit, gen);
  } catch (e) {
    if (gen !== generation) return;
    let field = e instanceof ContentError ? fieldOf(e) : "document";
    // A content file states its language and id itself: the fix is in the file, not in a box.
    if (extensionOf(documentFile.name) === ".json" && (field === "lang" || field === "id")) field = "document";
    showProblem(field, e instanceof Error ? e.message : String(e));
  }
}

/** One line, next to the part it concerns; nothing is offered for download while it stands. */
function showProblem(field: Field, message: string) {
  $(PROBLEM_ID[field]).textContent = message;
  $(PROBLEM_ID[field]).hidden = false;
  clearDownloads();
  if (field === "document") {
    forgetUnit();
    $<HTMLFieldSetElement>("settings-fields").disabled = true;
  } else {
    // A setting the document leaves open (the language, an id the title cannot give): its box is where to answer.
    $<HTMLFieldSetElement>("settings-fields").disabled = false;
    if (field === "lang" || field === "id") inputs[field].disabled = false;
    if (field === "lang" && settings.lang === undefined) inputs.lang.selectedIndex = -1;
    if (field === "id" && settings.id === undefined) inputs.id.value = "";
  }
}

/** No unit: no report, nothing in the frame, nothing for the Results tab. */
function forgetUnit() {
  unit = null;
  results.setMadeUnit(null);
  $("report").hidden = true;
  void unload();
  for (const id of ["restart", "relaunch", "show-panel"]) $<HTMLButtonElement>(id).disabled = true;
}

function showSettings(u: Unit, contentFile: boolean) {
  $<HTMLFieldSetElement>("settings-fields").disabled = false;
  // A content file states its language and id itself.
  inputs.lang.disabled = contentFile;
  inputs.id.disabled = contentFile;
  const values: Record<keyof Settings, string> = { lang: u.lang, id: u.id, masteryScore: u.masteryScore === undefined ? "" : String(u.masteryScore), version: u.version };
  // A field the teacher is typing in keeps what they typed: it counts when they leave it.
  for (const field of Object.keys(values) as (keyof Settings)[]) if (document.activeElement !== inputs[field]) inputs[field].value = values[field];
}

function onSetting(field: keyof Settings) {
  const value = inputs[field].value;
  if (field === "lang") settings.lang = value as Lang;
  else if (field === "id") settings.id = value.trim() === "" ? undefined : value.trim();
  else settings[field] = value;
  void run();
}

// ---- the unit, live ----

let lms: LoggedLms | null = null;
let calls: CallEntry[] = [];
let launches = 0;
let queued = false;

/** The frame's unloading under way, if any: a launch waits for it before it installs a new LMS. */
let unloading: Promise<void> = Promise.resolve();

/** Navigates the frame away, so the unit finishes its session (pagehide) with the current runtime. */
function unload(): Promise<void> {
  if (frame.hasAttribute("srcdoc")) {
    unloading = new Promise((done) => frame.addEventListener("load", () => done(), { once: true }));
    frame.removeAttribute("srcdoc");
    frame.src = "about:blank";
  }
  return unloading;
}

async function launch(note: string, returning = false) {
  const u = unit;
  if (!u) return;
  const [packager] = await Promise.all([loadPart("packager"), loadScript("scorm-again.js")]);
  await unload();
  if (u !== unit) return;
  if (!returning) calls = [];
  lms = createLms(returning && lms ? returningData(lms.stored()) : firstLaunchData(u.masteryScore), (entry) => {
    calls.push(entry);
    queueRender();
  });
  window.API = lms.api;
  calls.push({ launch: `Launch ${++launches}: ${note}` });
  // The SCORM 1.2 package's launch page and script; the script is the file the build wrote beside this page.
  const assets = { js: `learner/scorm12.${u.lang}.js`, css: `learner/scorm12.${u.lang}.css` };
  frame.removeAttribute("src");
  frame.srcdoc = packager.packageSite(u, "scorm12", { js: "", css: "" }, assets)["index.html"] as string;
  for (const id of ["restart", "relaunch", "show-panel"]) $<HTMLButtonElement>(id).disabled = false;
  queueRender();
}

function queueRender() {
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    renderLmsView(lms ? lms.stored() : null);
    renderCalls(calls);
  });
}

// ---- downloads ----

function clearDownloads() {
  for (const url of downloadUrls) URL.revokeObjectURL(url);
  downloadUrls = [];
  $("downloads").hidden = true;
  $("downloads-none").hidden = false;
  for (const kind of PACKAGES) {
    const a = $<HTMLAnchorElement>(`download-${kind}`);
    a.removeAttribute("href");
    a.download = "";
  }
}

/** The four zips, made now so that a click downloads at once; byte for byte what the build makes. */
async function prepareDownloads(u: Unit, gen: number) {
  clearDownloads();
  const [packager, kit] = await Promise.all([loadPart("packager"), loadPart(`kit.${u.lang}`)]);
  const zips: [PackageKind, Uint8Array][] = [];
  for (const kind of PACKAGES) zips.push([kind, (await packager.makePackage(u, kind, kit.scripts[kind], kit.files)).zip]);
  if (gen !== generation) return;
  // A unit made here is the only edition of its id, as when it is the only content file of that id.
  const edition = editionName(u, [u.lang]);
  for (const [kind, zip] of zips) {
    const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: "application/zip" }));
    downloadUrls.push(url);
    const a = $<HTMLAnchorElement>(`download-${kind}`);
    a.href = url;
    a.download = zipName(edition, kind);
    a.title = `${a.download}, ${zip.byteLength.toLocaleString("en")} bytes`;
  }
  $("downloads").hidden = false;
  $("downloads-none").hidden = true;
}

// ---- controls ----

function selectTab(tab: "make" | "results") {
  for (const name of ["make", "results"] as const) {
    const selected = name === tab;
    $(`tab-${name}`).setAttribute("aria-selected", String(selected));
    $(`tab-${name}`).tabIndex = selected ? 0 : -1;
    $(`${name}-panel`).hidden = !selected;
  }
}

function start() {
  $("lms-view").innerHTML = LMS_VIEW_HTML;
  $("calls-view").innerHTML = CALLS_HTML;
  const drop = $("drop");
  const fileInput = $<HTMLInputElement>("file");
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    if (file) void useFile(file);
  });
  // A file dropped anywhere on the page is taken, not opened by the browser in place of the studio.
  document.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  document.addEventListener("dragleave", () => drop.classList.remove("over"));
  // The Results tab takes what is dropped on it: the report, the unit, or both at once.
  document.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!$("results-panel").hidden) void results.take(files);
    else if (files[0]) void useFile(files[0]);
  });
  for (const field of Object.keys(inputs) as (keyof Settings)[]) inputs[field].addEventListener("change", () => onSetting(field));
  $("restart").addEventListener("click", () => void launch("first launch"));
  $("relaunch").addEventListener("click", () => void launch("returning learner (entry resume, the stored data)", true));
  $("show-panel").addEventListener("click", () => {
    const show = $("cmi-panel").hidden;
    $("cmi-panel").hidden = !show;
    $("show-panel").setAttribute("aria-expanded", String(show));
    $("show-panel").textContent = show ? "Hide what the LMS receives" : "Show what the LMS receives";
  });
  $("tab-make").addEventListener("click", () => selectTab("make"));
  $("tab-results").addEventListener("click", () => selectTab("results"));
  // The tabs as a tab list: the arrow keys move between them (WAI-ARIA tabs pattern).
  $("tab-make").parentElement!.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const next = $("tab-make").getAttribute("aria-selected") === "true" ? "results" : "make";
    selectTab(next);
    $(`tab-${next}`).focus();
  });
}

start();
