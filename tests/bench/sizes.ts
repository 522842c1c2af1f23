/**
 * The deterministic figures: bytes of each package's zip and of its script and stylesheet, raw and
 * gzipped at level 9 (what a web server's compression gets, at best). tests/packaging/budget.test.ts holds
 * the same figures to their budgets.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ASSETS } from "../../src/packaging/packages";

export interface Package {
  /** As the table and the budget messages name it. */
  name: string;
  zip: string;
  /** The unpacked launch folder the build leaves next to the zip. */
  dir: string;
  /** Every package here is built by `npm run build`. */
  required: boolean;
  /** Budget for app.js, gzipped. */
  jsGzipBudget: number;
}

const SCORM12_JS = 35_000;

export const PACKAGES: Package[] = [
  { name: "SCORM 1.2", zip: "dist/peer-mentoring-scorm12.zip", dir: "dist/peer-mentoring", required: true, jsGzipBudget: SCORM12_JS },
  // The same app with the 2004 dialect instead of the 1.2 one (about 500 bytes gzipped more: its
  // element names, ISO 8601 formats, the card text in each answer): the 1.2 budget plus 1,000.
  { name: "SCORM 2004", zip: "dist/peer-mentoring-scorm2004.zip", dir: "dist/peer-mentoring-scorm2004", required: true, jsGzipBudget: SCORM12_JS + 1_000 },
  // @xapi/xapi (fixed in our stack) embeds axios, about 17 KB gzipped that our fetch adapter never
  // calls and esbuild cannot drop: the xAPI script has its own, larger budget.
  { name: "xAPI", zip: "dist/peer-mentoring-xapi.zip", dir: "dist/peer-mentoring-xapi", required: true, jsGzipBudget: 55_000 },
  // The xAPI script plus the cmi5 launch steps, statements and policy (about 2,000 bytes gzipped);
  // @xapi/cmi5 instead would have added its own @xapi/xapi 2.x and axios (82,355 in all, measured).
  { name: "cmi5", zip: "dist/peer-mentoring-cmi5.zip", dir: "dist/peer-mentoring-cmi5", required: true, jsGzipBudget: 57_000 },
];

/** Where every package keeps its script and styles (the packager's own names). */
export { ASSETS };

export interface Sizes {
  zip: number | null;
  js: { raw: number; gzip: number } | null;
  css: { raw: number; gzip: number } | null;
}

export const gzipBytes = (data: Uint8Array) => gzipSync(data, { level: 9 }).byteLength;

function asset(path: string) {
  if (!existsSync(path)) return null;
  const data = readFileSync(path);
  return { raw: data.byteLength, gzip: gzipBytes(data) };
}

/** Sizes of one package; null for each file that is not built. */
export function packageSizes(pkg: Package): Sizes {
  return {
    zip: existsSync(pkg.zip) ? readFileSync(pkg.zip).byteLength : null,
    js: asset(join(pkg.dir, ASSETS.js)),
    css: asset(join(pkg.dir, ASSETS.css)),
  };
}

export const isBuilt = (pkg: Package) => existsSync(join(pkg.dir, ASSETS.js));

/** The studio (dist/studio/): what a first visit loads; everything else comes when a document needs it (src/studio/parts.ts). */
export const STUDIO_DIR = "dist/studio";
export const STUDIO_FIRST_LOAD = ["index.html", "studio.js", "studio.css"] as const;
/** Budget of the first load, gzipped: about 16,400 today (the importer, the report, the CMI panel; no mammoth, markdown-it, jszip or hyphenation patterns). */
export const STUDIO_FIRST_LOAD_GZIP = 20_000;

/** Each file of the studio's folder, raw and gzipped; null when the studio is not built. */
export function studioSizes(): { files: Record<string, { raw: number; gzip: number }>; firstLoad: { raw: number; gzip: number } } | null {
  if (!existsSync(join(STUDIO_DIR, "index.html"))) return null;
  const files: Record<string, { raw: number; gzip: number }> = {};
  for (const name of [...STUDIO_FIRST_LOAD, "docx.js", "markdown.js", "packager.js", "kit.da.js", "kit.en.js", "scorm-again.js", "results.js"]) files[name] = asset(join(STUDIO_DIR, name))!;
  const sum = (key: "raw" | "gzip") => STUDIO_FIRST_LOAD.reduce((n, f) => n + files[f]![key], 0);
  return { files, firstLoad: { raw: sum("raw"), gzip: sum("gzip") } };
}
