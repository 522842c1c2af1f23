/**
 * The studio's first load (what a teacher's browser fetches before any document is dropped: its page,
 * script and styles) held to its budget, as tests/packaging/budget.test.ts holds the packages'. The heavy parts
 * (mammoth, markdown-it, the packager, the learner scripts) come later and are only reported by the
 * bench; tests/browser/studio.test.ts checks that a first visit asks for these three files and no more.
 */
import { describe, expect, it } from "vitest";
import { STUDIO_FIRST_LOAD, STUDIO_FIRST_LOAD_GZIP, studioSizes } from "../bench/sizes";

describe("the studio's size", () => {
  it(`first load (${STUDIO_FIRST_LOAD.join(", ")}) is at most ${STUDIO_FIRST_LOAD_GZIP.toLocaleString("en")} bytes gzipped`, () => {
    const sizes = studioSizes();
    expect(sizes, "dist/studio/ is not built").not.toBeNull();
    expect(sizes!.firstLoad.gzip).toBeLessThanOrEqual(STUDIO_FIRST_LOAD_GZIP);
  });
});
