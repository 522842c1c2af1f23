/** Bundles the browser app with esbuild: one minified IIFE script and one stylesheet, nothing fetched at run time. */
import { existsSync } from "node:fs";
import { build, type Plugin } from "esbuild";

/**
 * interact.js ships a development build (with warnings) next to each `.prod.js` file. Every import
 * of an interact.js module is resolved to its `.prod.js` twin, so all of them share one module
 * graph (and one interact scope).
 */
const interactProd: Plugin = {
  name: "interactjs-prod",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      const inside = args.path.startsWith("@interactjs/") || /[\\/]@interactjs[\\/]/.test(args.importer);
      if (!inside || args.pluginData === "interactjs-prod") return undefined;
      const resolved = await b.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: "interactjs-prod",
      });
      if (resolved.errors.length > 0 || !resolved.path.endsWith(".js")) return resolved;
      const prod = resolved.path.endsWith(".prod.js") ? resolved.path : resolved.path.replace(/\.js$/, ".prod.js");
      return { ...resolved, path: existsSync(prod) ? prod : resolved.path };
    });
  },
};

export interface Bundle {
  js: Uint8Array;
  css: Uint8Array;
}

/**
 * Browser targets: the browsers Moodle 4.5 supports (current Chrome, Edge, Firefox, Safari; Safari on
 * iOS 15+). ES2020 syntax needs no polyfill there.
 */
export const BROWSER_TARGETS = ["chrome100", "edge100", "firefox100", "safari15", "ios15"];

export async function bundleApp(entry = "src/main.tsx"): Promise<Bundle> {
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
    plugins: [interactProd],
  });
  const pick = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!file) throw new Error(`esbuild produced no ${ext} file`);
    return file.contents;
  };
  return { js: pick(".js"), css: pick(".css") };
}
