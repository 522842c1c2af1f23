/** The tests' LRS is the preview's (src/preview/lrs.ts): `startLrs()` runs it on its own origin. */
export * from "../../src/preview/lrs";
