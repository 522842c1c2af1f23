/**
 * The studio's files for dist/studio/ (build.ts writes them): its page, script and styles; its parts,
 * each loaded when first needed (parts.ts); the prebuilt learner scripts of every package and
 * language (kit.<lang>.js, for the zips; learner/, for the frame); scorm-again's SCORM 1.2 runtime
 * for the frame's pretend LMS. Classic scripts only, all relative: the folder works opened from disk
 * and from any static host.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Lang } from "../content/types";
import { BROWSER_SCRIPT, type Bundle } from "../packaging/bundle";
import type { PackageKind } from "../packaging/packageNames";
import type { Files, PackageFiles } from "../packaging/packages";
import { RESULTS_STYLE } from "../results/page";
import type { StudioKit } from "./parts";

const require = createRequire(import.meta.url);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The page's own script and the parts, by the file name they get in dist/studio/. */
const SCRIPTS = {
  studio: "main.ts",
  docx: "parts/docx.ts",
  markdown: "parts/markdown.ts",
  packager: "parts/packager.ts",
  results: "parts/results.ts",
} as const;

/**
 * The studio shows the results page in a frame (srcdoc), which inherits the studio's CSP: its one
 * <style> is allowed by its hash, nothing else inline.
 */
const resultsStyleHash = () => `'sha256-${createHash("sha256").update(RESULTS_STYLE).digest("base64")}'`;

/** Decodes a file the kit carries as text; the BOM and every byte survive, so the zips get the same bytes. */
const text = (data: Uint8Array | string) => (typeof data === "string" ? data : new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(data));

export async function buildStudio(langs: { lang: Lang; scripts: (readonly [PackageKind, Promise<Bundle>])[] }[], files: PackageFiles): Promise<Files> {
  const result = await build({
    ...BROWSER_SCRIPT,
    entryPoints: Object.fromEntries(Object.entries(SCRIPTS).map(([name, path]) => [name, here(path)])),
    platform: "browser",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const out: Files = {
    "index.html": readFileSync(here("index.html"), "utf8").replace("'results-page-style'", resultsStyleHash()),
    "scorm-again.js": readFileSync(require.resolve("scorm-again/scorm12/min")),
  };
  for (const f of result.outputFiles) out[f.path.slice(f.path.lastIndexOf("/") + 1)] = f.contents;
  const textFiles = (record: Record<string, Uint8Array | string>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, text(v)]));
  const packageFiles: PackageFiles = { templates: files.templates, schemas: { "1.2": textFiles(files.schemas["1.2"]), "2004": textFiles(files.schemas["2004"]) } };
  for (const { lang, scripts } of langs) {
    const kit: StudioKit = { scripts: {} as StudioKit["scripts"], files: packageFiles };
    for (const [kind, bundle] of scripts) {
      const { js, css } = await bundle;
      kit.scripts[kind] = { js: text(js), css: text(css) };
      if (kind === "scorm12") {
        out[`learner/scorm12.${lang}.js`] = js;
        out[`learner/scorm12.${lang}.css`] = css;
      }
    }
    out[`kit.${lang}.js`] = `(self.studioParts = self.studioParts || {})[${JSON.stringify(`kit.${lang}`)}] = ${JSON.stringify(kit)};\n`;
  }
  return out;
}
