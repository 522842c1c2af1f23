/**
 * Reading back the unit a built launch page carries: html.ts writes its JSON into
 * <script type="application/json" id="unit-data">. Pure and free of the page's renderer, so the
 * results readers (bundled for the studio) and the preview server both take it from here.
 */
const UNIT_DATA = /<script type="application\/json" id="unit-data">([\s\S]*?)<\/script>/;

/** The unit's JSON text in a launch page's HTML, or undefined when the page holds none. */
export const inlinedUnitJson = (html: string): string | undefined => UNIT_DATA.exec(html)?.[1];
