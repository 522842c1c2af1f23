import type { Bibliography, Block, ListItem } from "../content/types";
import { useShown } from "./softHyphens";

function Item({ item }: { item: ListItem }) {
  const shown = useShown();
  if (typeof item === "string") return <li>{shown(item)}</li>;
  return (
    <li>
      {shown(item.text)}
      <ul>
        {item.items.map((text) => (
          <li key={text}>{shown(text)}</li>
        ))}
      </ul>
    </li>
  );
}

/** The reading part ("Læringsdel"): the unit's blocks in order, as plain semantic HTML. */
export function Reading({ heading, blocks }: { heading: string; blocks: Block[] }) {
  const shown = useShown();
  return (
    <section class="reading" id="reading" aria-labelledby="reading-heading">
      <h2 id="reading-heading">{shown(heading)}</h2>
      {blocks.map((block, i) => {
        switch (block.type) {
          case "paragraph":
            return <p key={i}>{shown(block.text)}</p>;
          case "heading":
            return <h3 key={i}>{shown(block.text)}</h3>;
          case "list":
            return (
              <ul key={i} class="benefits">
                {block.items.map((item, j) => (
                  <Item key={j} item={item} />
                ))}
              </ul>
            );
        }
      })}
    </section>
  );
}

/** The unit's sources, after the reading part. */
export function Sources({ heading, entries }: Bibliography) {
  const shown = useShown();
  return (
    <section class="bibliography" aria-labelledby="bibliography-heading">
      <h2 id="bibliography-heading">{shown(heading)}</h2>
      <ul>
        {entries.map((entry, i) => (
          <li key={i}>{shown(entry)}</li>
        ))}
      </ul>
    </section>
  );
}
