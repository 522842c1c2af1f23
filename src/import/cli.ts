/** `npm run import`: see run.ts. Prints the report, or one line and exit code 1. */
import { ContentError } from "../content/schema";
import { importDocument, parseArgs } from "./run";

try {
  const result = await importDocument(parseArgs(process.argv.slice(2)));
  console.log(result.lines.join("\n"));
} catch (e) {
  // Author mistakes and unreadable documents are one line; anything else is a bug and keeps its stack.
  console.error(e instanceof ContentError ? e.message : e);
  process.exit(1);
}
