/** The launch page of a unit, as a string. Pure: the build writes it, tests read it. */
import type { Unit } from "../content/types";
import { hyphensFor } from "./hyphenation";
import { escapeXml } from "./manifest";
import { renderUnitMarkup } from "./page";

/**
 * Only the package's own script and stylesheet may load; no connection, frame, font or form target.
 * The unit's JSON sits in a non-executed <script type="application/json">, which CSP does not block.
 * The rendered unit (page.tsx) adds no inline script or style: its components set no style attribute
 * (tests/packaging/page.test.ts checks the built pages).
 */
export const contentSecurityPolicy = (connect: "none" | "lrs") =>
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  // The xAPI package talks to an LRS whose address only the launch knows.
  `connect-src ${connect === "lrs" ? "https: http:" : "'none'"}; base-uri 'none'; form-action 'none'`;

/** JSON that is safe inside a <script> element: no `</script>` or `<!--` can appear. */
const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/**
 * The unit is rendered into #app (page.tsx); its JSON stays plain, for the script and the trackers
 * (and for reading the unit back out of a package: unitData.ts).
 * The long words' display forms (soft hyphens) come in a second JSON block, used only to show text.
 */
export function renderIndexHtml(unit: Unit, assets: { js: string; css: string }, connect: "none" | "lrs" = "none"): string {
  const { $schema: _ignored, ...data } = unit;
  const hyphens = hyphensFor(unit);
  return `<!doctype html>
<html lang="${escapeXml(unit.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(connect)}">
<title>${escapeXml(unit.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assets.css}">
</head>
<body>
<div id="app">${renderUnitMarkup(unit, hyphens)}</div>
<script type="application/json" id="unit-data">${inlineJson(data)}</script>
<script type="application/json" id="unit-hyphens">${inlineJson(hyphens)}</script>
<script src="${assets.js}"></script>
</body>
</html>
`;
}
