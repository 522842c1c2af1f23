/** Bundles the browser app with esbuild: one minified IIFE script and one stylesheet, nothing fetched at run time. */
import { readFile } from "node:fs/promises";
import { build, type BuildOptions, type Plugin } from "esbuild";
import type { Lang } from "../content/types";

export interface Bundle {
  js: Uint8Array;
  css: Uint8Array;
}

/**
 * Browser targets: the browsers Moodle 4.5 supports (current Chrome, Edge, Firefox, Safari; Safari on
 * iOS 15+). ES2020 syntax needs no polyfill there.
 */
export const BROWSER_TARGETS = ["chrome100", "edge100", "firefox100", "safari15", "ios15"];

/**
 * pipwerks-scorm-api-wrapper 0.1.2 builds a debug message for every call (31 `trace(...)` calls,
 * about 1.5 KB of strings) that it prints only with its debug switch on, which we keep off. The
 * calls are removed from its source as it is bundled: learners download none of it. A later
 * version that writes them differently fails the build instead of shipping them silently.
 */
export const TRACE_CALL = /\btrace\((?:[^;"]|"(?:[^"\\]|\\.)*")*\);/g;
const quietPipwerks: Plugin = {
  name: "quiet-pipwerks",
  setup(b) {
    b.onLoad({ filter: /pipwerks-scorm-api-wrapper[\\/]index\.js$/ }, async (args) => {
      const source = (await readFile(args.path, "utf8")).replace(TRACE_CALL, ";");
      if (/\btrace\(\s*[^)\s]/.test(source)) throw new Error(`${args.path}: a trace(...) call the build could not remove`);
      return { contents: source, loader: "js" };
    });
  },
};

/**
 * How every script a browser gets is bundled (the learner scripts here, the studio's in
 * src/studio/build.ts): classic scripts (a page opened from disk may not load modules), minified,
 * for BROWSER_TARGETS, kept in memory.
 */
export const BROWSER_SCRIPT = {
  bundle: true,
  format: "iife",
  minify: true,
  write: false,
  outdir: "out",
  target: BROWSER_TARGETS,
  legalComments: "none",
  charset: "utf8",
  logLevel: "silent",
} as const satisfies BuildOptions;

/** One script per language: `lang` selects the UI strings it carries (src/i18n/index.ts). */
export async function bundleApp(entry: string, lang: Lang): Promise<Bundle> {
  const result = await build({
    ...BROWSER_SCRIPT,
    entryPoints: { app: entry },
    jsx: "automatic",
    jsxImportSource: "preact",
    define: { "process.env.NODE_ENV": '"production"', __UNIT_LANG__: JSON.stringify(lang) },
    plugins: [quietPipwerks],
  });
  const pick = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild produced no ${ext} file`);
    return file.contents;
  };
  return { js: pick(".js"), css: pick(".css") };
}
