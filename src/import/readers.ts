/** The readers for Node (the command line, tests): loaded when a file of their type is imported. */
import type { DocumentReaders } from "./read";

export const nodeReaders: DocumentReaders = {
  docx: async (bytes) => (await import("./readDocx")).readDocx(bytes),
  markdown: async (text) => (await import("./readMarkdown")).readMarkdown(text),
};
