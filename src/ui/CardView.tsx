import type { Card } from "../content/types";
import type { Strings } from "../i18n";
import { useShown } from "./softHyphens";

export type Verdict = "correct" | "wrong" | "solution" | null;

interface Props {
  card: Card;
  t: Strings;
  selected: boolean;
  locked: boolean;
  /** The page is not live yet (no script, or before hydration): the card cannot be used at all. */
  pending: boolean;
  verdict: Verdict;
  onActivate: (cardId: string) => void;
}

const ICON: Record<Exclude<Verdict, null>, string> = { correct: "✓", wrong: "✗", solution: "→" };

/** A card is a real button whose text is the phrase; right/wrong is shown by icon and text, not colour alone. */
export function CardView({ card, t, selected, locked, pending, verdict, onActivate }: Props) {
  const shown = useShown();
  // Only a card with data-card-id can be dragged (dragDrop.ts): a locked or pending one cannot.
  const inert = locked || pending;
  const label = verdict === "correct" ? t.correct : verdict === "wrong" ? t.wrong : verdict === "solution" ? t.inSolution : "";
  return (
    <li class="card-slot">
      <button
        type="button"
        class={`card${selected ? " is-selected" : ""}${verdict ? ` is-${verdict}` : ""}`}
        data-card-id={inert ? undefined : card.id}
        data-card={card.id}
        disabled={pending || undefined}
        aria-pressed={inert ? undefined : selected}
        aria-describedby={inert ? undefined : "drag-hint"}
        aria-disabled={locked ? "true" : undefined}
        onClick={(e) => {
          if (inert) return;
          e.stopPropagation();
          onActivate(card.id);
        }}
      >
        <span class="card-text">{shown(card.text)}</span>
        {verdict && (
          <span class="verdict">
            <span aria-hidden="true" class="verdict-icon">
              {ICON[verdict]}
            </span>{" "}
            {label}
          </span>
        )}
      </button>
    </li>
  );
}
