import type { Card } from "../content/types";
import type { Strings } from "../i18n";

export type Verdict = "correct" | "wrong" | "solution" | null;

interface Props {
  card: Card;
  t: Strings;
  selected: boolean;
  locked: boolean;
  verdict: Verdict;
  onActivate: (cardId: string) => void;
}

const ICON: Record<Exclude<Verdict, null>, string> = { correct: "✓", wrong: "✗", solution: "→" };

/** A card is a real button whose text is the phrase; right/wrong is shown by icon and text, not colour alone. */
export function CardView({ card, t, selected, locked, verdict, onActivate }: Props) {
  const label = verdict === "correct" ? t.correct : verdict === "wrong" ? t.wrong : verdict === "solution" ? t.inSolution : "";
  return (
    <li class="card-slot">
      <button
        type="button"
        class={`card${selected ? " is-selected" : ""}${verdict ? ` is-${verdict}` : ""}`}
        data-card-id={locked ? undefined : card.id}
        data-card={card.id}
        aria-pressed={locked ? undefined : selected}
        aria-describedby={locked ? undefined : "drag-hint"}
        aria-disabled={locked ? "true" : undefined}
        onClick={(e) => {
          if (locked) return;
          e.stopPropagation();
          onActivate(card.id);
        }}
      >
        <span class="card-text">{card.text}</span>
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
