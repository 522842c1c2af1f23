import type { ComponentChildren } from "preact";
import type { Strings } from "../i18n";

interface Props {
  /** Zone id, or "" for the pool. */
  id: string;
  label: string;
  count: number;
  t: Strings;
  className: string;
  onPick: (zoneId: string | null) => void;
  children: ComponentChildren;
}

/**
 * A drop target: a labelled group whose name says how many cards it holds. A click anywhere on it
 * (label included) places the selected card, the no-drag path of WCAG 2.2 SC 2.5.7.
 */
export function ZoneView({ id, label, count, t, className, onPick, children }: Props) {
  const labelId = `zone-${id || "pool"}-label`;
  return (
    <section
      class={className}
      role="group"
      aria-labelledby={labelId}
      data-drop-target={id}
      onClick={() => onPick(id || null)}
    >
      <h3 class="zone-label" id={labelId}>
        {label} <span class="zone-count">({t.zoneCount(count)})</span>
      </h3>
      <ul class="zone-cards">{children}</ul>
    </section>
  );
}
