/**
 * The unit's page as HTML, rendered at build time by the same components the browser runs: the
 * text is in index.html itself (on screen before any script, readable without one), and the
 * script hydrates this markup instead of drawing it again.
 */
import { renderToString } from "preact-render-to-string";
import type { Unit } from "../content/types";
import type { Hyphens } from "../ui/softHyphens";
import { UnitView } from "../ui/UnitView";

export const renderUnitMarkup = (unit: Unit, hyphens: Hyphens): string => renderToString(<UnitView unit={unit} hyphens={hyphens} runtime={null} />);
