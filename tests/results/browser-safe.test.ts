/**
 * Everything in src/results but cli.ts must run in a browser (the studio's Results tab calls it, in
 * results.js): it bundles for the browser with no Node built-in, so a stray `node:fs` import fails here.
 */
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("src/results in a browser", () => {
  it("bundles for the browser without any Node built-in, cli.ts apart", async () => {
    const modules = readdirSync("src/results").filter((f) => f.endsWith(".ts") && f !== "cli.ts");
    expect(modules).toContain("analyse.ts");
    const result = await build({
      stdin: { contents: modules.map((m) => `export * from "./src/results/${m}";`).join("\n"), resolveDir: ".", loader: "ts" },
      bundle: true,
      write: false,
      platform: "browser",
      format: "esm",
      logLevel: "silent",
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /^node:|^(fs|path|os|child_process|crypto)$/.test(i))).toEqual([]);
    expect(inputs.some((i) => i.includes("@e965/xlsx"))).toBe(true);
  });
});
