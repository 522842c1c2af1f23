import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Unit } from "../content/types";
import { strings } from "../i18n";
import { canCheck, reduceAttempt, type Attempt, type AttemptAction } from "../sorting/attempt";
import { score } from "../sorting/score";
import { encodeState } from "../state/resume";
import type { Launch, Tracker } from "../tracking/tracker";
import { Reading, Sources } from "./Reading";
import { SortingActivity } from "./SortingActivity";

interface Props {
  unit: Unit;
  tracker: Tracker;
  launch: Launch;
  initial: Attempt;
}

/** The whole unit: title, reading part, exercise, and the finish button. */
export function UnitView({ unit, tracker, launch, initial }: Props) {
  const t = strings(unit.lang);
  const [attempt, setAttempt] = useState(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [finished, setFinished] = useState(false);
  const [unsaved, setUnsaved] = useState(false);
  // The latest attempt and location, read by handlers between renders.
  const current = useRef({ attempt: initial, location: launch.location === "exercise" ? "exercise" : "reading" });
  /** When this attempt began (launch or "Prøv igen"): the latency reported with each answer. */
  const attemptStart = useRef(Date.now());

  useEffect(() => tracker.onSyncChange(setUnsaved), []);

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
  const result = useMemo(() => (attempt.checked ? score(unit, attempt.placements) : null), [unit, attempt]);

  // Saved in the same event that changed it, not in an effect after the next paint: a learner who
  // drops a card and closes the tab at once keeps that card.
  const persist = () => tracker.save({ state: encodeState(unit, current.current.attempt), location: current.current.location });
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
    tracker.record({
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
    tracker.finish();
    setFinished(true);
  };

  return (
    <main class="unit" lang={unit.lang}>
      <header class="unit-header">
        {unit.topic && <p class="topic">{unit.topic}</p>}
        <h1>{unit.title}</h1>
      </header>
      {tracker.kind === "local" && <p class="notice">{t.noLms}</p>}
      {!launch.graded && <p class="notice">{t.notGraded}</p>}
      {launch.restoredFromCopy && <p class="notice restored" role="status">{t.restoredFromCopy}</p>}
      <Reading heading={unit.reading.heading} blocks={unit.reading.blocks} />
      {unit.bibliography && <Sources {...unit.bibliography} />}
      <section class="exercise" id="exercise" aria-labelledby="exercise-heading">
        <h2 id="exercise-heading">{unit.exercise.heading}</h2>
        <p class="instructions">{unit.exercise.instructions}</p>
        <SortingActivity
          unit={unit}
          t={t}
          attempt={attempt}
          result={result}
          selected={finished ? null : selected}
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
            {unsaved ? t.finishedUnsaved : tracker.kind === "local" ? t.finishedLocal : t.finished}
          </p>
        ) : (
          <button type="button" class="button secondary finish" onClick={finish}>
            {attempt.checked ? t.finish : t.finishUnfinished}
          </button>
        )}
      </footer>
      <div class="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
    </main>
  );
}
