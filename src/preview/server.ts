/**
 * `npm run preview [-- <unit> ...] [--port N] [--no-build]`: builds the units, then serves them on
 * 127.0.0.1 inside a page that plays the LMS (scorm-again's SCORM 1.2 runtime as `window.API`, the
 * unit in an iframe of Moodle's size) with a panel showing what the LMS holds and every call the unit
 * makes. Nothing is fetched from the internet and nothing leaves the machine.
 *
 * The port is the first free one from 8080 upwards (or `--port N`; `--port 0` lets the system choose).
 * Serves:
 *   /                     the LMS page (page.html, page.css in this folder; page.js bundled from page.ts)
 *   /vendor/scorm12.js    scorm-again's browser build (defines Scorm12API)
 *   /editions.json        the built editions: unit id, name, title, language, version, mastery score, xAPI build
 *   /dist/<path>          the built files in dist/ (each edition's folder, as learners get it)
 *   /xapi/                a small LRS (lrs.ts) the xAPI build is launched against, in memory only
 *   /preview-api/xapi     GET: what that LRS holds, for the panel; DELETE: empties it (Reset)
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BROWSER_SCRIPT } from "../packaging/bundle";
import { inlinedUnitJson } from "../packaging/unitData";
import { createLrsHandler, stateKeyParts } from "./lrs";

const require = createRequire(import.meta.url);
const HERE = new URL(".", import.meta.url);
const DIST = resolve("dist");
const FIRST_PORT = 8080;
const LAST_PORT = 8099;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml",
  ".xsd": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
};

/**
 * The preview's LRS. It sits on the page's own origin, so it needs no CORS: no other site open in
 * the browser can read it or (the Authorization header needs a preflight) write to it.
 */
const lrs = createLrsHandler({ base: "/xapi/", auth: `Basic ${Buffer.from("preview-learner:preview").toString("base64")}`, cors: false });

/** The preview page may load only its own files and frame its own origin: nothing goes out. */
const PAGE_CSP = "default-src 'self'; img-src 'self' data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

/** page.ts (and the panel modules it imports) as one browser script, bundled at the first request. */
let pageJs: Promise<Uint8Array> | undefined;
function pageScript(): Promise<Uint8Array> {
  // The options of every browser script (bundle.ts), left readable: only a developer loads this one.
  pageJs ??= build({ ...BROWSER_SCRIPT, minify: false, entryPoints: [fileURLToPath(new URL("page.ts", HERE))] }).then((r) => r.outputFiles[0]!.contents);
  return pageJs;
}

export interface Edition {
  /** The unit's id (the same for every language): the xAPI activity id is `urn:learning-unit:<id>`. */
  id: string;
  /** Folder name in dist/: `peer-mentoring`, `peer-mentoring.en`. */
  name: string;
  title: string;
  lang: string;
  version: string;
  masteryScore: number | null;
  /** Whether dist/<name>-xapi/ exists (built by the xAPI package). */
  xapi: boolean;
}

/** The SCORM editions in dist/: folders that have a `<name>-scorm12.zip` beside them. */
export function listEditions(dist = DIST): Edition[] {
  if (!existsSync(dist)) return [];
  return readdirSync(dist, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dist, `${d.name}-scorm12.zip`)) && existsSync(join(dist, d.name, "index.html")))
    .map((d) => {
      const html = readFileSync(join(dist, d.name, "index.html"), "utf8");
      const json = inlinedUnitJson(html);
      const unit = json ? (JSON.parse(json) as { id?: string; title?: string; lang?: string; version?: string; masteryScore?: number }) : {};
      return {
        id: unit.id ?? d.name,
        name: d.name,
        title: unit.title ?? d.name,
        lang: unit.lang ?? "",
        version: unit.version ?? "",
        masteryScore: unit.masteryScore ?? null,
        xapi: existsSync(join(dist, `${d.name}-xapi`, "index.html")),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff", ...extra });
  res.end(body);
}

/** A file inside dist/, or undefined for anything outside it or missing. */
function distFile(urlPath: string): string | undefined {
  const file = resolve(DIST, `.${urlPath}`);
  if (file !== DIST && !file.startsWith(DIST + sep)) return undefined;
  const target = existsSync(file) && statSync(file).isDirectory() ? join(file, "index.html") : file;
  return existsSync(target) && statSync(target).isFile() ? target : undefined;
}

/** The panel's view of the LRS: the Authorization the unit is launched with, and everything stored. */
function lrsView() {
  const parsed = (doc: string): unknown => {
    try {
      return JSON.parse(doc);
    } catch {
      return doc; // a document that is not JSON is shown as sent
    }
  };
  const states = [...lrs.states].map(([key, doc]) => ({ ...stateKeyParts(key), document: parsed(doc) }));
  return { auth: lrs.auth, statements: lrs.statements, states };
}

export function handle(req: IncomingMessage, res: ServerResponse): void {
  if (lrs.handle(req, res)) return;
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
  } catch {
    return send(res, 400, "bad request", "text/plain; charset=utf-8");
  }
  // DELETE, so that only the page itself can empty the LRS: another site would need a preflight.
  if (path === "/preview-api/xapi" && req.method === "DELETE") {
    lrs.reset();
    return send(res, 204, "", "text/plain; charset=utf-8");
  }
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed", "text/plain; charset=utf-8");
  const page = (name: string) => readFileSync(new URL(name, HERE));
  if (path === "/" || path === "/index.html") return send(res, 200, page("page.html"), TYPES[".html"], { "content-security-policy": PAGE_CSP });
  if (path === "/page.js") {
    pageScript().then(
      (js) => send(res, 200, js, TYPES[".js"]),
      (e: unknown) => send(res, 500, String(e), "text/plain; charset=utf-8"),
    );
    return;
  }
  if (path === "/page.css") return send(res, 200, page("page.css"), TYPES[".css"]);
  if (path === "/vendor/scorm12.js") return send(res, 200, readFileSync(require.resolve("scorm-again/scorm12")), TYPES[".js"]);
  if (path === "/editions.json") return send(res, 200, JSON.stringify(listEditions()), TYPES[".json"]);
  if (path === "/preview-api/xapi") return send(res, 200, JSON.stringify(lrsView()), TYPES[".json"]);
  if (path === "/favicon.ico") return send(res, 204, "", "image/x-icon");
  if (path.startsWith("/dist/")) {
    const file = distFile(path.slice("/dist".length));
    if (file) return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? "application/octet-stream");
  }
  send(res, 404, "not found", "text/plain; charset=utf-8");
}

function listen(server: Server, port: number): Promise<number | null> {
  return new Promise((done, fail) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (e.code === "EADDRINUSE" || e.code === "EACCES") done(null);
      else fail(e);
    };
    const onListening = () => {
      server.off("error", onError);
      done((server.address() as AddressInfo).port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

/** Listens on 127.0.0.1: on `port` if given (0 = any free port), else the first free port from 8080, else any. */
export async function startPreview(port?: number): Promise<{ server: Server; url: string }> {
  const server = createServer(handle);
  const tries = port !== undefined ? [port] : [...Array.from({ length: LAST_PORT - FIRST_PORT + 1 }, (_, i) => FIRST_PORT + i), 0];
  for (const p of tries) {
    const got = await listen(server, p);
    if (got !== null) return { server, url: `http://127.0.0.1:${got}/` };
  }
  throw new Error(`port ${port} is in use; try another with --port, or --port 0 for any free one`);
}

function parseArgs(argv: string[]): { units: string[]; port?: number; build: boolean } {
  const units: string[] = [];
  let port: number | undefined;
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--no-build") build = false;
    else if (a === "--port" || a.startsWith("--port=")) {
      const value = a === "--port" ? argv[++i] : a.slice("--port=".length);
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`--port: ${JSON.stringify(value)} is not a port number (0-65535)`);
        process.exit(2);
      }
    } else units.push(a);
  }
  return { units, port, build };
}

async function main(): Promise<void> {
  const { units, port, build } = parseArgs(process.argv.slice(2));
  if (build) {
    // The same build as `npm run build`; its output (each zip with its size, or the author's mistake) is shown as is.
    const r = spawnSync(process.execPath, ["--import", "tsx", "build.ts", ...units], { stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const editions = listEditions();
  if (editions.length === 0) {
    console.error("Nothing to preview: dist/ holds no built unit. Run `npm run build` first.");
    process.exit(1);
  }
  const { url } = await startPreview(port);
  console.log(`Preview: ${url}`);
  console.log(`Editions: ${editions.map((e) => e.name).join(", ")}. Open the address in a browser; Ctrl+C stops the preview.`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
