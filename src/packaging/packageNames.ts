/** The packages every edition ships as, and their names: light, for pages that only name them (the studio's first load). */
export const PACKAGES = ["scorm12", "scorm2004", "xapi", "cmi5"] as const;
export type PackageKind = (typeof PACKAGES)[number];

/** The learner script's entry of each package (bundled once per language by build.ts). */
export const ENTRIES: Record<PackageKind, string> = {
  scorm12: "src/entries/scorm12.tsx",
  scorm2004: "src/entries/scorm2004.tsx",
  xapi: "src/entries/xapi.tsx",
  cmi5: "src/entries/cmi5.tsx",
};

/** dist/ names of an edition's outputs: `peer-mentoring/` + `peer-mentoring-scorm12.zip`, `peer-mentoring-xapi/` + `…-xapi.zip`. */
export const siteName = (edition: string, kind: PackageKind) => (kind === "scorm12" ? edition : `${edition}-${kind}`);
export const zipName = (edition: string, kind: PackageKind) => `${edition}-${kind}.zip`;
