import { useLayoutEffect, useRef } from "preact/hooks";
import type { Unit } from "../content/types";
import type { Strings } from "../i18n";
import type { Attempt } from "../sorting/attempt";
import { cardsIn, poolOrder, solution, unplaced } from "../sorting/model";
import type { Result } from "../sorting/score";
import { CardView, type Verdict } from "./CardView";
import type { bindDragDrop } from "./dragDrop";
import { ResultPanel } from "./ResultPanel";
import { ZoneView } from "./ZoneView";

interface Props {
  unit: Unit;
  t: Strings;
  attempt: Attempt;
  result: Result | null;
  selected: string | null;
  /** Not live yet (the build's HTML, or the page before hydration): nothing can be used. */
  pending: boolean;
  /**
   * Pointer dragging, passed in by the browser's entry: the build renders this component to HTML in
   * Node, where interact.js has no place. Null there.
   */
  bindDrag: typeof bindDragDrop | null;
  onMove: (cardId: string, zoneId: string | null) => void;
  onSelect: (cardId: string | null) => void;
  onCheck: () => void;
  onRetry: () => void;
  onToggleSolution: () => void;
}

export function SortingActivity(props: Props) {
  const { unit, t, attempt, result, selected, pending, bindDrag, onMove, onSelect } = props;
  const root = useRef<HTMLDivElement>(null);
  // A moved card is a new element in its new zone: focus follows it, so keyboard users stay on it.
  const refocus = useRef<string | null>(null);
  const move = useRef(onMove);
  move.current = onMove;

  // Bound before the page goes live (UnitView's layout effect after this one): a card is draggable
  // from the moment it can be seen enabled. Cards without data-card-id are never picked up.
  useLayoutEffect(
    () =>
      bindDrag?.(root.current!, (card, zone) => {
        refocus.current = card;
        move.current(card, zone);
      }),
    [],
  );

  useLayoutEffect(() => {
    if (refocus.current === null) return;
    root.current?.querySelector<HTMLElement>(`[data-card="${refocus.current}"]`)?.focus();
    refocus.current = null;
  });

  const cards = poolOrder(unit);
  const shown = attempt.solutionShown ? solution(unit) : attempt.placements;
  const left = unplaced(attempt.placements, cards).length;
  const verdictOf = (cardId: string): Verdict => {
    if (!result) return null;
    if (attempt.solutionShown) return "solution";
    return result.cards.find((r) => r.card.id === cardId)?.correct ? "correct" : "wrong";
  };

  // A card's own click selects it; with another card already selected, a click on a card lying in a
  // zone means "put the selected card in that zone" (the card's click does not reach the zone).
  const activate = (cardId: string) => {
    if (selected === cardId) return onSelect(null);
    const zone = attempt.placements[cardId];
    if (selected && zone !== undefined) return pick(zone);
    onSelect(cardId);
  };
  const pick = (zoneId: string | null) => {
    if (!selected) return;
    refocus.current = selected;
    onMove(selected, zoneId);
  };

  // With a card picked up, arrow keys walk the pool and the zones; Escape puts the card down again.
  const targets = ["", ...unit.zones.map((z) => z.id)];
  const onKeyDown = (e: KeyboardEvent) => {
    if (!selected) return;
    if (e.key === "Escape") {
      e.preventDefault();
      refocus.current = selected;
      onSelect(null);
      return;
    }
    const step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowUp" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const focused = (document.activeElement as HTMLElement | null)?.dataset.zoneTarget;
    const from = focused !== undefined ? targets.indexOf(focused) : targets.indexOf(attempt.placements[selected] ?? "");
    const next = targets[(from + step + targets.length) % targets.length]!;
    root.current?.querySelector<HTMLElement>(`[data-zone-target="${next}"]`)?.focus();
  };

  const renderCards = (list: typeof cards) =>
    list.map((card) => (
      <CardView
        key={card.id}
        card={card}
        t={t}
        selected={selected === card.id}
        locked={attempt.checked}
        pending={pending}
        verdict={verdictOf(card.id)}
        onActivate={activate}
      />
    ));

  return (
    <div class={`sorting${selected ? " has-selection" : ""}`} ref={root} onKeyDown={onKeyDown}>
      <p id="drag-hint" class="hint">
        {t.dragHint} <span class="keyboard-hint">{t.keyboardHint}</span>
      </p>
      <ZoneView id="" label={t.pool} count={left} t={t} className="pool" armed={!!selected} pending={pending} onPick={pick}>
        {left === 0 ? <li class="pool-empty">{t.poolEmpty}</li> : renderCards(unplaced(shown, cards))}
      </ZoneView>
      <div class="zones">
        {unit.zones.map((zone) => {
          const inZone = cardsIn(shown, cards, zone.id);
          return (
            <ZoneView key={zone.id} id={zone.id} label={zone.label} count={inZone.length} t={t} className="zone" armed={!!selected} pending={pending} onPick={pick}>
              {renderCards(inZone)}
            </ZoneView>
          );
        })}
      </div>
      {result ? (
        <ResultPanel
          t={t}
          result={result}
          solutionShown={attempt.solutionShown}
          onRetry={props.onRetry}
          onToggleSolution={props.onToggleSolution}
        />
      ) : (
        <div class="actions">
          <button
            type="button"
            class="button"
            aria-disabled={left > 0 ? "true" : undefined}
            disabled={pending || undefined}
            aria-describedby="check-status"
            onClick={() => left === 0 && props.onCheck()}
          >
            {t.check}
          </button>
          <p id="check-status" class="check-status">
            {left > 0 ? t.remaining(left) : ""}
          </p>
        </div>
      )}
    </div>
  );
}
