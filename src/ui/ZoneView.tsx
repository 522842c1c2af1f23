import type { ComponentChildren } from "preact";
import type { Strings } from "../i18n";
import { useShown } from "./softHyphens";

interface Props {
  /** Zone id, or "" for the pool. */
  id: string;
  label: string;
  count: number;
  t: Strings;
  className: string;
  /** A card is picked up: the zone's button takes focus and drops it. */
  armed: boolean;
  /** The page is not live yet: the zone's button cannot be used. */
  pending: boolean;
  onPick: (zoneId: string | null) => void;
  children: ComponentChildren;
}

/**
 * A drop target: a labelled group whose name says how many cards it holds. A click or tap anywhere
 * on it places the picked-up card (WCAG 2.2 SC 2.5.7, no dragging needed); its heading is a button,
 * so the keyboard reaches it too (arrow keys or Tab, then Space or Enter).
 */
export function ZoneView({ id, label, count, t, className, armed, pending, onPick, children }: Props) {
  const shown = useShown();
  const labelId = `zone-${id || "pool"}-label`;
  return (
    <section class={className} role="group" aria-labelledby={labelId} data-drop-target={id} onClick={() => onPick(id || null)}>
      <h3 class="zone-label">
        <button
          type="button"
          class="zone-target"
          id={labelId}
          data-zone-target={id}
          tabIndex={armed ? 0 : -1}
          aria-disabled={armed ? undefined : "true"}
          disabled={pending || undefined}
        >
          {shown(label)} <span class="zone-count">({t.zoneCount(count)})</span>
        </button>
      </h3>
      <ul class="zone-cards">{children}</ul>
    </section>
  );
}
