/** markdown.js: the Markdown reader (markdown-it), loaded when a .md is dropped. */
import { readMarkdown } from "../../import/readMarkdown";

(window.studioParts ??= {}).markdown = readMarkdown;
