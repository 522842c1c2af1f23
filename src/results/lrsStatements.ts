/**
 * The unit's `answered` statements (src/tracking/lrs/xapiStatements.ts) as class answers: one learner
 * per actor, one attempt per registration (in the order they began), one check per statement.
 */
import { SOLUTION_SEEN } from "../tracking/lrs/xapiStatements";
import type { Answer, Attempt, ClassAnswers, Learner } from "./types";

export const ANSWERED = "http://adlnet.gov/expapi/verbs/answered";

interface AgentLike {
  name?: string;
  mbox?: string;
  mbox_sha1sum?: string;
  openid?: string;
  account?: { homePage?: string; name?: string };
}

interface StatementLike {
  timestamp?: string;
  stored?: string;
  actor?: AgentLike;
  verb?: { id?: string };
  object?: { id?: string };
  result?: { response?: string; score?: { scaled?: number; raw?: number; max?: number } };
  context?: { registration?: string; language?: string; extensions?: Record<string, unknown> };
}

/** The identifier xAPI compares agents by. */
function actorKey(a: AgentLike): string {
  if (a.mbox) return a.mbox;
  if (a.account) return `${a.account.homePage ?? ""}|${a.account.name ?? ""}`;
  return a.openid ?? a.mbox_sha1sum ?? "";
}

const actorName = (a: AgentLike) => a.name ?? a.mbox?.replace(/^mailto:/, "") ?? a.account?.name ?? actorKey(a);

/** `card[.]zone[,]card[.]zone`: the matching response the unit writes. */
function parseMatchingResponse(response: string): Answer[] {
  if (!response) return [];
  return response.split("[,]").map((pair) => {
    const [source = "", target = ""] = pair.split("[.]");
    return { interactionId: source, response: target };
  });
}

const scoreOf = (s: StatementLike): number | null => {
  const score = s.result?.score;
  if (typeof score?.scaled === "number") return Math.round(score.scaled * 10000) / 100;
  if (typeof score?.raw === "number" && score.max) return Math.round((score.raw / score.max) * 10000) / 100;
  return null;
};

export function answersFromStatements(statements: unknown[]): ClassAnswers {
  const when = (s: StatementLike) => s.timestamp ?? s.stored ?? "";
  const answered = (statements as StatementLike[])
    .filter((s) => s.verb?.id === ANSWERED && s.actor && typeof s.result?.response === "string")
    // A check after "Show solution" says nothing about what the learner knew.
    .filter((s) => s.context?.extensions?.[SOLUTION_SEEN] !== true)
    .sort((a, b) => when(a).localeCompare(when(b)));
  const learners = new Map<string, Learner & { byRegistration: Map<string, Attempt> }>();
  const langs = new Map<string, number>();
  for (const s of answered) {
    const key = actorKey(s.actor!);
    let learner = learners.get(key);
    if (!learner) learners.set(key, (learner = { key, name: actorName(s.actor!), attempts: [], byRegistration: new Map() }));
    const registration = s.context?.registration ?? "";
    let attempt = learner.byRegistration.get(registration);
    if (!attempt) {
      attempt = { number: learner.attempts.length + 1, score: null, checks: [] };
      learner.byRegistration.set(registration, attempt);
      learner.attempts.push(attempt);
    }
    attempt.checks.push({ answers: parseMatchingResponse(s.result!.response!) });
    const score = scoreOf(s);
    // The unit keeps the best score of an attempt, as the SCORM packages report it.
    if (score !== null) attempt.score = Math.max(attempt.score ?? 0, score);
    if (s.context?.language) langs.set(s.context.language, (langs.get(s.context.language) ?? 0) + 1);
  }
  const lang = [...langs].sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    source: "lrs",
    ...(lang ? { lang } : {}),
    learners: [...learners.values()].map(({ key, name, attempts }) => ({ key, name, attempts })),
  };
}
