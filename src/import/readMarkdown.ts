/**
 * Markdown (CommonMark) through markdown-it's token stream: it is parsed, never rendered, so inline
 * HTML and markup end up as the text the author typed.
 */
import MarkdownIt, { type Token } from "markdown-it";
import { toBlocks, type DocBlock, type DocLine } from "./document";

// html: false makes "<script>" a text token, not an html_inline one.
const md = new MarkdownIt("commonmark", { html: false });

export function readMarkdown(text: string): DocBlock[] {
  const lines: DocLine[] = [];
  let depth = 0;
  let inItem = false;
  let heading = 0;
  for (const token of md.parse(text, {})) {
    switch (token.type) {
      case "bullet_list_open":
      case "ordered_list_open":
        depth++;
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        depth--;
        break;
      case "list_item_open":
        lines.push({ type: "item", depth, text: "" });
        inItem = true;
        break;
      case "list_item_close":
        inItem = false;
        break;
      case "heading_open":
        heading = Number(token.tag.slice(1));
        break;
      case "heading_close":
        heading = 0;
        break;
      case "inline": {
        const text = inlineText(token.children ?? []);
        const last = lines.at(-1);
        // A list item's paragraphs (and the text of its nested list's lead-in) join into its one line.
        if (inItem && depth > 0 && last?.type === "item" && last.depth === depth) last.text = last.text ? `${last.text} ${text}` : text;
        else lines.push(heading ? { type: "heading", level: heading, text } : { type: "paragraph", text });
        break;
      }
      case "fence":
      case "code_block":
      case "html_block":
        lines.push({ type: "paragraph", text: token.content });
        break;
    }
  }
  return toBlocks(lines);
}

function inlineText(children: Token[]): string {
  return children
    .map((t) => {
      if (t.type === "softbreak" || t.type === "hardbreak") return " ";
      if (t.type === "image") return inlineText(t.children ?? []);
      return t.type === "text" || t.type === "code_inline" || t.type === "html_inline" ? t.content : "";
    })
    .join("");
}
