/** Bundles the browser app with esbuild: one minified IIFE script and one stylesheet, nothing fetched at run time. */
import { build } from "esbuild";

export interface Bundle {
  js: Uint8Array;
  css: Uint8Array;
}

/**
 * Browser targets: the browsers Moodle 4.5 supports (current Chrome, Edge, Firefox, Safari; Safari on
 * iOS 15+). ES2020 syntax needs no polyfill there.
 */
export const BROWSER_TARGETS = ["chrome100", "edge100", "firefox100", "safari15", "ios15"];

export async function bundleApp(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: { app: entry },
    bundle: true,
    format: "iife",
    minify: true,
    write: false,
    outdir: "out",
    target: BROWSER_TARGETS,
    jsx: "automatic",
    jsxImportSource: "preact",
    legalComments: "none",
    charset: "utf8",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const pick = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild produced no ${ext} file`);
    return file.contents;
  };
  return { js: pick(".js"), css: pick(".css") };
}
