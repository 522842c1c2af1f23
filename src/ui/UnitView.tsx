import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Unit } from "../content/types";
import { strings } from "../i18n";
import { canCheck, freshAttempt, reduceAttempt, type Attempt, type AttemptAction } from "../sorting/attempt";
import { score } from "../sorting/score";
import { encodeState } from "../state/resume";
import type { Launch, Tracker } from "../tracking/tracker";
import type { bindDragDrop } from "./dragDrop";
import { Reading, Sources } from "./Reading";
import { HyphensContext, useShown, type Hyphens } from "./softHyphens";
import { SortingActivity } from "./SortingActivity";

/** What the browser brings to the page: the LMS session, the learner's restored attempt, dragging. */
export interface Runtime {
  tracker: Tracker;
  launch: Launch;
  initial: Attempt;
  bindDrag: typeof bindDragDrop;
}

interface Props {
  unit: Unit;
  hyphens: Hyphens;
  /** Null when the build renders the page to HTML: no learner yet, nothing to use. */
  runtime: Runtime | null;
}

/**
 * What the build's HTML shows, and so what the browser's first render must show for hydration to
 * take that markup over unchanged: a fresh attempt, no notices, every control disabled.
 */
const PENDING = freshAttempt();

/** The whole unit: title, reading part, exercise, and the finish button. */
export function UnitView({ unit, hyphens, runtime }: Props) {
  return (
    <HyphensContext.Provider value={hyphens}>
      <UnitPage unit={unit} runtime={runtime} />
    </HyphensContext.Provider>
  );
}

function UnitPage({ unit, runtime }: { unit: Unit; runtime: Runtime | null }) {
  const t = strings(unit.lang);
  const shown = useShown();
  const tracker = runtime?.tracker;
  const launch = runtime?.launch;
  const initial = runtime?.initial ?? PENDING;
  // Hydration reuses the build's markup as it is (Preact does not patch attributes then), so the
  // first render matches it; right after, before the browser paints, the learner's own state
  // (placements, notices, enabled controls) is applied in one commit.
  const [hydrated, setHydrated] = useState(false);
  useLayoutEffect(() => setHydrated(true), []);
  const live = runtime !== null && hydrated;
  const [attempt, setAttempt] = useState(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [finished, setFinished] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  // The latest attempt and location, read by handlers between renders.
  const current = useRef({ attempt: initial, location: launch?.location === "exercise" ? "exercise" : "reading" });
  /** When this attempt began (launch or "Prøv igen"): the latency reported with each answer. */
  const attemptStart = useRef(Date.now());

  useEffect(() => tracker?.onSyncChange(setUnsaved), []);

  // Back where the learner was, in the frame after the one that drew their placements: the cards
  // move while the exercise is still out of view (the page opens at its top), and the scroll then
  // shows them where they belong. In the same frame, the move would be a visible jump (layout shift).
  useLayoutEffect(() => {
    if (!live || launch?.location !== "exercise") return;
    requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById("exercise")?.scrollIntoView()));
  }, [live]);

  // Where the learner is, for lesson_location: the exercise once it is on screen.
  useEffect(() => {
    const exercise = document.getElementById("exercise");
    if (!exercise || typeof IntersectionObserver === "undefined") return;
    const seen = new IntersectionObserver((entries) => {
      if (current.current.location === "exercise" || !entries.some((e) => e.isIntersecting)) return;
      current.current.location = "exercise";
      persist();
    }, { threshold: 0.25 });
    seen.observe(exercise);
    return () => seen.disconnect();
  }, []);
  const view = live ? attempt : PENDING;
  const result = useMemo(() => (view.checked ? score(unit, view.placements) : null), [unit, view]);

  // Saved in the same event that changed it, not in an effect after the next paint: a learner who
  // drops a card and closes the tab at once keeps that card.
  const persist = () => tracker?.save({ state: encodeState(unit, current.current.attempt), location: current.current.location });
  const dispatch = (action: AttemptAction) => {
    const next = reduceAttempt(unit, current.current.attempt, action);
    if (next === current.current.attempt) return;
    current.current.attempt = next;
    setAttempt(next);
    persist();
  };

  const zoneLabel = (id: string | null) => (id === null ? t.pool : unit.zones.find((z) => z.id === id)?.label ?? id);
  const cardText = (id: string) => unit.cards.find((c) => c.id === id)?.text ?? id;

  const move = (cardId: string, zoneId: string | null) => {
    if (finished) return;
    dispatch({ type: "place", cardId, zoneId });
    setSelected(null);
    setAnnouncement(zoneId === null ? t.backInPool(cardText(cardId)) : t.placed(cardText(cardId), zoneLabel(zoneId)));
  };

  const check = () => {
    const before = current.current.attempt;
    if (!canCheck(before, unit)) return;
    dispatch({ type: "check" });
    const r = score(unit, before.placements);
    tracker?.record({
      result: r,
      solutionSeen: before.solutionSeen,
      at: new Date(),
      latencySeconds: (Date.now() - attemptStart.current) / 1000,
    });
    setSelected(null);
    setAnnouncement(t.result(r.correct, r.total));
    requestAnimationFrame(() => document.getElementById("result")?.focus());
  };

  const finish = () => {
    tracker?.finish();
    setFinished(true);
    // The statements leave with keepalive, so they outlive this page.
    if (launch?.exitUrl) window.location.assign(launch.exitUrl);
  };

  return (
    <main class="unit" lang={unit.lang}>
      <header class="unit-header">
        {unit.topic && <p class="topic">{shown(unit.topic)}</p>}
        <h1>{shown(unit.title)}</h1>
      </header>
      <Reading heading={unit.reading.heading} blocks={unit.reading.blocks} />
      {unit.bibliography && <Sources {...unit.bibliography} />}
      <section class="exercise" id="exercise" aria-labelledby="exercise-heading">
        <h2 id="exercise-heading">{shown(unit.exercise.heading)}</h2>
        <p class="instructions">{shown(unit.exercise.instructions)}</p>
        {/* Plain text: with script on, a <noscript> holds raw text, so hydration finds the same node. */}
        <noscript class="noscript">{t.needsScript}</noscript>
        {/*
          What this launch records, where the learner answers. Known only once the script has asked
          the LMS: here, below the reading part, showing it moves nothing the learner is looking at.
        */}
        {/* A launch problem the learner can act on says so instead of the usual notices. */}
        {live && launch?.notice && <p class="notice">{launch.notice.text}</p>}
        {live && !launch?.notice && tracker?.kind === "local" && <p class="notice">{t.noLms}</p>}
        {live && !launch?.notice && !launch?.graded && <p class="notice">{t.notGraded}</p>}
        {live && launch?.restoredFromCopy && (
          <p class="notice restored" role="status">
            {t.restoredFromCopy}
          </p>
        )}
        <SortingActivity
          unit={unit}
          t={t}
          attempt={view}
          result={result}
          selected={finished ? null : selected}
          pending={!live}
          bindDrag={runtime?.bindDrag ?? null}
          onMove={move}
          onSelect={(id) => {
            if (finished) return;
            if (id) setAnnouncement(t.picked(cardText(id)));
            else if (selected) setAnnouncement(t.putDown(cardText(selected)));
            setSelected(id);
          }}
          onCheck={check}
          onRetry={() => {
            attemptStart.current = Date.now();
            dispatch({ type: "retry" });
            requestAnimationFrame(() => (document.querySelector("[data-card-id]") as HTMLElement | null)?.focus());
          }}
          onToggleSolution={() => dispatch({ type: "toggleSolution" })}
        />
      </section>
      <p class={unsaved ? "notice saving" : "visually-hidden"} role="status">
        {unsaved ? t.unsaved : ""}
      </p>
      <footer class="unit-footer">
        {finished ? (
          <p class="finished" role="status">
            {unsaved ? t.finishedUnsaved : tracker?.kind === "local" ? t.finishedLocal : t.finished}
          </p>
        ) : (
          <button type="button" class="button secondary finish" disabled={!live || undefined} onClick={finish}>
            {view.checked ? t.finish : t.finishUnfinished}
          </button>
        )}
      </footer>
      <div class="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
    </main>
  );
}
