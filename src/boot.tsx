/**
 * Starting the unit in the browser: read the unit inlined by the build, open the tracker, restore
 * the saved state, take over the page the build rendered, and make sure leaving the page finishes
 * the session exactly once. Each package has its own entry (src/entries/) that passes the trackers
 * it carries.
 */
import { hydrate } from "preact";
import type { Unit } from "./content/types";
import { decodeState } from "./state/resume";
import { selectTracker, type Adapters } from "./tracking/select";
import { bindDragDrop } from "./ui/dragDrop";
import { copyPlainText, type Hyphens } from "./ui/softHyphens";
import { UnitView } from "./ui/UnitView";
import "./styles.css";

/** JSON the build inlined in a non-executed <script type="application/json">. */
const inlined = <T,>(id: string): T => JSON.parse(document.getElementById(id)!.textContent!) as T;

export async function boot(adapters: Adapters): Promise<void> {
  // The build inlines the validated unit as JSON: no request, and CSP can forbid connections.
  const unit = inlined<Unit>("unit-data");
  const hyphens = inlined<Hyphens>("unit-hyphens");
  const tracker = selectTracker(window, unit, adapters);
  copyPlainText(document);
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
  // The build rendered the unit into #app (src/packaging/page.tsx): hydration attaches to that
  // markup, then UnitView applies the launch and the restored attempt (and scrolls to the exercise).
  hydrate(<UnitView unit={unit} hyphens={hyphens} runtime={{ tracker, launch, initial: attempt, bindDrag: bindDragDrop }} />, document.getElementById("app")!);
}
