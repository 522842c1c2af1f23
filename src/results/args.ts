/** The command line of `npm run results` (src/results/cli.ts), checked before anything is read. */
import type { AttemptRule } from "./analyse";
import { ResultsError } from "./types";

export const USAGE =
  "usage: npm run results -- <report file> [--unit content/<unit>.<lang>.json | dist/<unit>-scorm12.zip] [--attempt highest|last] [--out results/] [--json] [--anonymous]" +
  " | npm run results -- --lrs <endpoint> --auth <user:password|token> [--since <date>] [--unit …]";

export interface ResultsArgs {
  file?: string;
  lrs?: { endpoint: string; auth: string; since?: string };
  unit?: string;
  attempt: AttemptRule;
  out: string;
  json: boolean;
  anonymous: boolean;
}

export function parseResultsArgs(argv: string[]): ResultsArgs {
  const args: ResultsArgs = { attempt: "highest", out: "results", json: false, anonymous: false };
  let endpoint: string | undefined;
  let auth: string | undefined;
  let since: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new ResultsError(`${a} needs a value; ${USAGE}`);
      return v;
    };
    if (a === "--json") args.json = true;
    else if (a === "--anonymous") args.anonymous = true;
    else if (a === "--unit") args.unit = value();
    else if (a === "--out") args.out = value();
    else if (a === "--lrs") endpoint = value();
    else if (a === "--auth") auth = value();
    else if (a === "--since") {
      const v = value();
      const d = new Date(v);
      if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new ResultsError(`--since ${v}: not a date; write it as 2026-12-01 or 2026-12-01T08:00:00Z`);
      since = d.toISOString();
    } else if (a === "--attempt") {
      const v = value();
      if (v !== "highest" && v !== "last") throw new ResultsError(`--attempt ${v}: choose highest (Moodle's default) or last`);
      args.attempt = v;
    } else if (a.startsWith("--")) throw new ResultsError(`unknown option ${a}; ${USAGE}`);
    else if (args.file) throw new ResultsError(`one report at a time (got ${args.file} and ${a}); ${USAGE}`);
    else args.file = a;
  }
  if (endpoint !== undefined || auth !== undefined || since !== undefined) {
    if (args.file) throw new ResultsError(`a report file or --lrs, not both; ${USAGE}`);
    if (!endpoint) throw new ResultsError(`--auth and --since go with --lrs <endpoint>; ${USAGE}`);
    if (!auth) throw new ResultsError(`--lrs needs --auth <user:password|token>; ${USAGE}`);
    args.lrs = { endpoint, auth, ...(since ? { since } : {}) };
  } else if (!args.file) throw new ResultsError(`no report given; ${USAGE}`);
  return args;
}
