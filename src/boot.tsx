/**
 * Starting the unit in the browser: read the unit inlined by the build, open the tracker, restore
 * the saved state, render, and make sure leaving the page finishes the session exactly once.
 * Each package has its own entry (src/entries/) that passes the trackers it carries.
 */
import { render } from "preact";
import type { Unit } from "./content/types";
import { decodeState } from "./state/resume";
import { selectTracker, type Adapters } from "./tracking/select";
import { UnitView } from "./ui/UnitView";
import "./styles.css";

export async function boot(adapters: Adapters): Promise<void> {
  // The build inlines the validated unit as JSON: no request, and CSP can forbid connections.
  const unit = JSON.parse(document.getElementById("unit-data")!.textContent!) as Unit;
  const tracker = selectTracker(window, unit, adapters);
  // Closing the tab or leaving the LMS page finishes the session; switching tabs only saves.
  window.addEventListener("pagehide", () => tracker.finish());
  // A page brought back from the back/forward cache has a finished session: start a new one.
  window.addEventListener("pageshow", (e) => {
    if (e.persisted) location.reload();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") tracker.suspend();
  });
  const launch = await tracker.start();
  const { attempt, problems } = decodeState(unit, launch.savedState);
  if (problems.length > 0) console.warn(`[resume] ${problems.join("; ")}`);
  const root = document.getElementById("app")!;
  root.textContent = "";
  render(<UnitView unit={unit} tracker={tracker} launch={launch} initial={attempt} />, root);
  if (launch.location === "exercise") document.getElementById("exercise")?.scrollIntoView();
}
