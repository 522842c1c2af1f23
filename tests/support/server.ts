/**
 * A loopback HTTP server for browser tests: the built zip's files, unpacked in memory, under /pkg/
 * (so tests play exactly what a teacher uploads), scorm-again's SCORM 1.2 and 2004 runtimes under
 * /vendor/, and the LMS page at /lms.html, which plays the part of Moodle's player: `window.API`
 * (or `window.API_1484_11` for SCORM 2004) in the parent, the package in an iframe of Moodle's size.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import JSZip from "jszip";

const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  xml: "application/xml",
  xsd: "application/xml",
};

/**
 * The parent page. Its settings come from `window.__lms` (set by the test with addInitScript):
 * `version` ("1.2", the default, or "2004"), `cmi` (data the LMS holds at launch, as scorm-again's
 * loadFromJSON takes it), `failCommits` (how many LMSCommit/Commit calls return "false" first; the
 * test may change it while the SCO runs), `noApi` (no LMS at all), `frameStyle` (CSS for the SCO's
 * iframe) and `clearLocalStorage` (this launch follows a new login: Moodle then empties the origin's
 * localStorage, scorm12.md §6).
 * Every API call is logged in `window.__calls` with its arguments and return value, and for SCORM 2004
 * the error code the runtime holds right after it (what GetLastError would answer, read without
 * logging a call). `window.__callStamps` holds, at the same index, when each call came
 * (performance.now()), which event it came in (calls made in one run of script, up to the next
 * microtask checkpoint, share a number) and whether the SCO's page was unloading.
 *
 * Like Moodle's server, it keeps in `window.__stored` what the last store it accepted held (the data
 * model as of the last LMSCommit/LMSFinish, or Commit/Terminate, answered "true" while the session
 * lived): what a relaunch really gets; a test that closes the whole tab reads it through
 * `window.__serverStores`, called with each stored snapshot when the test exposed it (lms.ts).
 * `dropWhileClosing` makes it the ILIAS or Chamilo of a bad day (scorm12.md §8, §9): whatever is
 * stored while the SCO's page unloads is lost (Commit and Terminate answer "false", as ILIAS's do). `window.__endSession()` ends the session (a logout in another
 * tab): from then on those calls answer "false" while the SCO's page lives, and "true" while it
 * unloads (Moodle's sendBeacon, scorm12.md §6), and store nothing either way.
 */
const API_NAMES = {
  "1.2": ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
  "2004": ["Initialize", "Terminate", "GetValue", "SetValue", "Commit", "GetLastError", "GetErrorString", "GetDiagnostic"],
};
const LMS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Test LMS</title><link rel="icon" href="data:,">
<style>body{margin:0} iframe{border:0;width:650px;height:660px;display:block}</style>
<script>
  // Only the runtime this launch asks for (the 2004 one is about 1 MB of script).
  document.write('<script src="/vendor/' + ((window.__lms || {}).version === "2004" ? "scorm2004" : "scorm12") + '.js"><\\/script>');
</script>
<script>
  const cfg = (window.__lms = window.__lms || {});
  const v2004 = cfg.version === "2004";
  window.__calls = [];
  window.__callStamps = [];
  let event = 0;
  let eventOpen = false;
  const stamp = () => {
    if (!eventOpen) {
      eventOpen = true;
      // Runs once the script that is calling returns: its next call belongs to another event.
      queueMicrotask(() => ((eventOpen = false), event++));
    }
    window.__callStamps.push({ t: performance.now(), event, unloading: scoUnloading });
  };
  if (cfg.clearLocalStorage) localStorage.clear();
  let sessionAlive = true;
  let scoUnloading = false;
  window.__endSession = () => (sessionAlive = false);
  if (!cfg.noApi) {
    const Runtime = v2004 ? Scorm2004API : Scorm12API;
    const api = new Runtime({ lmsCommitUrl: false, autocommit: false, logLevel: 5, strict_errors: true, ...(cfg.settings || {}) });
    if (cfg.cmi) api.loadFromJSON(cfg.cmi);
    const snapshot = () => JSON.parse(JSON.stringify(api.cmi));
    window.__stored = snapshot();
    const names = ${JSON.stringify(API_NAMES)}[v2004 ? "2004" : "1.2"];
    const lastError = v2004 ? api.GetLastError.bind(api) : null;
    const [commit, finish] = v2004 ? ["Commit", "Terminate"] : ["LMSCommit", "LMSFinish"];
    for (const name of names) {
      const real = api[name].bind(api);
      api[name] = (...args) => {
        // Read at each call: a test may change window.__lms.failCommits while the SCO runs.
        let result = name === commit && cfg.failCommits > 0 ? (cfg.failCommits--, "false") : real(...args);
        if (name === commit || name === finish) {
          if (!sessionAlive) result = scoUnloading ? "true" : "false";
          // ILIAS cancels the closing page's last request (its Terminate/LMSFinish answer "false"), Chamilo drops it.
          else if (cfg.dropWhileClosing && scoUnloading) result = "false";
          else if (String(result) === "true") {
            window.__stored = snapshot();
            if (window.__serverStores) window.__serverStores(window.__stored);
          }
        }
        const call = { name, args, result: String(result) };
        // 2004 tests check the error code after every SetValue (the 1.2 ones read result "true").
        window.__calls.push(v2004 ? { ...call, error: String(lastError()) } : call);
        stamp();
        return result;
      };
    }
    window[v2004 ? "API_1484_11" : "API"] = api;
  }
  addEventListener("DOMContentLoaded", () => {
    const frame = document.getElementById("sco");
    // A phone shows the SCO full-width (cfg.frameStyle), a desktop Moodle in a 650x660 frame.
    Object.assign(frame.style, cfg.frameStyle || {});
    // beforeunload comes before the SCO's pagehide listener (which finishes the session): from then
    // on the SCO's page is unloading, when Moodle's player switches to sendBeacon.
    frame.addEventListener("load", () => {
      scoUnloading = false;
      for (const type of ["beforeunload", "pagehide"]) frame.contentWindow.addEventListener(type, () => (scoUnloading = true), true);
    });
    // The whole tab closing (or the LMS page navigating away) unloads the SCO as well.
    for (const type of ["beforeunload", "pagehide"]) addEventListener(type, () => (scoUnloading = true), true);
  });
</script></head>
<body><iframe id="sco" title="SCO" src="/pkg/index.html"></iframe></body></html>`;

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `extra` serves more in-memory files at the paths given (e.g. `{ "/static.html": html }`), next to
 * the package: the bench's comparison page uses it. `compress` sends HTML, script and styles gzipped
 * to a browser that accepts it, as a web server set up to compress does (the bench times both).
 */
export async function serveZip(zipPath: string, extra: Record<string, string> = {}, { compress = false } = {}): Promise<TestServer> {
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  const files = new Map<string, Uint8Array>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) files.set(entry.name, await entry.async("uint8array"));
  const vendor = readFileSync(require.resolve("scorm-again/scorm12"));
  const vendor2004 = readFileSync(require.resolve("scorm-again/scorm2004"));

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let body: Uint8Array | string | undefined;
    if (path === "/lms.html") body = LMS_PAGE;
    else if (path === "/vendor/scorm12.js") body = vendor;
    else if (path === "/vendor/scorm2004.js") body = vendor2004;
    else if (path.startsWith("/pkg/")) body = files.get(path.slice(5));
    else if (Object.hasOwn(extra, path)) body = extra[path];
    if (body === undefined) {
      res.writeHead(404).end("not found");
      return;
    }
    const ext = path.split(".").pop() ?? "";
    const headers: Record<string, string> = { "content-type": TYPES[ext] ?? "application/octet-stream" };
    if (compress && ["html", "js", "css"].includes(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"]))) {
      body = gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    res.writeHead(200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // browsers keep connections alive
      }),
  };
}
