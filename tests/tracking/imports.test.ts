/**
 * The one-way imports of src/tracking (src/tracking/README.md): a family (scorm/, lrs/) imports its
 * own folder and the shared files at the top, never the other family; the shared files never
 * import a family, but for the exceptions listed here with their reason.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const TRACKING = "src/tracking";

/** Shared → family imports that are allowed, each with why. Every one must still be in use. */
const EXCEPTIONS: Record<string, string> = {
  "src/tracking/local.ts -> src/tracking/scorm/interactions.ts":
    "the browser-only record keeps each answer in SCORM 1.2's interaction fields, as it always has",
};

type Room = "scorm" | "lrs" | "shared" | "outside";

const roomOf = (path: string): Room => {
  if (!path.startsWith(`${TRACKING}/`)) return "outside";
  const [first, ...rest] = path.slice(TRACKING.length + 1).split("/");
  return rest.length === 0 ? "shared" : first === "scorm" || first === "lrs" ? first : "outside";
};

/** Every module specifier in a TypeScript source: static imports and re-exports (type-only too) and import(). */
const specifiersOf = (source: string): string[] =>
  [...source.matchAll(/\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']/g)].map(
    (m) => (m[1] ?? m[2])!,
  );

/** "a -> b" for every relative import of `file` (repo-relative, without extension) that breaks the rule. */
function forbiddenImports(file: string, source: string): string[] {
  const from = roomOf(file);
  return specifiersOf(source)
    .filter((s) => s.startsWith("."))
    .map((s) => join(dirname(file), s).replace(/\.tsx?$/, ""))
    // Allowed: anything outside src/tracking, the shared files, the importer's own family.
    .filter((target) => !["outside", "shared", from].includes(roomOf(target)))
    .map((target) => `${file} -> ${target}.ts`);
}

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );

describe("imports in src/tracking go one way", () => {
  const files = sources(TRACKING);
  const found = files.flatMap((f) => forbiddenImports(f, readFileSync(f, "utf8")));

  it("reads every file of both families and the shared ones", () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rooms].sort()).toEqual(["lrs", "scorm", "shared"]);
    // The reader sees the imports it judges: each family's tracker imports the shared Tracker type.
    expect(specifiersOf(readFileSync(`${TRACKING}/scorm/scorm12.ts`, "utf8"))).toContain("../tracker");
    expect(specifiersOf(readFileSync(`${TRACKING}/lrs/xapi.ts`, "utf8"))).toContain("../tracker");
  });

  it("no family imports the other, no shared file imports a family (but the listed exceptions)", () => {
    expect(found.filter((f) => !(f in EXCEPTIONS))).toEqual([]);
  });

  it("every listed exception is still needed", () => {
    expect(Object.keys(EXCEPTIONS).filter((e) => !found.includes(e))).toEqual([]);
  });

  it("names a cross-family import, a shared file importing a family, and a multi-line type import", () => {
    expect(forbiddenImports(`${TRACKING}/lrs/xapi.ts`, `import { browserClock } from "../scorm/commitPolicy";`)).toEqual([
      `${TRACKING}/lrs/xapi.ts -> ${TRACKING}/scorm/commitPolicy.ts`,
    ]);
    expect(forbiddenImports(`${TRACKING}/progress.ts`, `import type {\n  Statement,\n} from "./lrs/xapiStatements";`)).toEqual([
      `${TRACKING}/progress.ts -> ${TRACKING}/lrs/xapiStatements.ts`,
    ]);
    expect(forbiddenImports(`${TRACKING}/scorm/scorm12.ts`, `import { p2 } from "./cmi";\nimport type { Check } from "../progress";`)).toEqual([]);
  });
});
