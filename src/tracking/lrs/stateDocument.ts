/**
 * What the LRS packages (xAPI, cmi5) keep for a learner: the document in the LRS's State API, this
 * browser's copy of it, and the checks made while no session could report them (a cmi5 reload after
 * `terminated`), all keyed by the learner (learnerOf) so another learner in the same browser never
 * gets them. The copy follows the rule every adapter shares (localCopy.ts): it is dropped only when
 * a later launch reads back from the LRS a document whose sequence number is at least the copy's.
 */
import { sequenceOf } from "../../state/resume";
import { reconcile, type Verdict } from "../localCopy";
import type { LocalStore } from "../localStore";
import { mergeRecord, type Check, type Recorded } from "../progress";
import type { Snapshot } from "../tracker";
import { learnerOf, type XapiLaunch } from "./xapiLaunch";

/** The State API's id of the document. */
export const STATE_ID = "progress";

/** What the State API document holds. */
export interface StateDocument extends Snapshot {
  recorded: Recorded;
  experienced: boolean;
}

export const emptyDocument = (): StateDocument => ({ state: "", location: "", recorded: { status: "", raw: null }, experienced: false });

/** A stored or fetched document is data from elsewhere: checked before use. */
export const validDocument = (d: unknown): d is StateDocument => typeof (d as StateDocument | null)?.state === "string";

/** One learner's keys in this browser's store, per unit activity and registration. */
export const learnerKey = (launch: Pick<XapiLaunch, "activityId" | "actor" | "registration">) =>
  // Per learner: with no registration, every learner in this browser would otherwise share one copy.
  `xapi:${launch.activityId}:${learnerOf(launch.actor)}:${launch.registration || "-"}`;

/** The verdict of the shared copy rule (localCopy.ts) on this browser's document and the LRS's. */
export const verdictOn = (ours: StateDocument | null, remote: StateDocument | null): Verdict =>
  reconcile(ours && { seq: sequenceOf(ours.state), state: ours.state, location: ours.location, record: ours.recorded, interactions: [] }, {
    state: remote?.state ?? "",
    interactionCount: 0,
    freshAttempt: false,
  });

/**
 * The copy's placements with the best of both records: the LRS may hold a verdict (completed,
 * passed) the copy was made before, and a verdict once reported must not be reported again.
 */
export function restoreCopy(remote: StateDocument | null, copy: StateDocument): StateDocument {
  const base = remote ?? emptyDocument();
  const raised = mergeRecord(base.recorded, copy.recorded);
  return {
    ...copy,
    recorded: { raw: raised.raw ?? base.recorded.raw, status: raised.status ?? base.recorded.status },
    experienced: copy.experienced || base.experienced,
  };
}

/** This browser's copy of the document. */
export interface DocumentCopy {
  load(): Promise<StateDocument | null>;
  /** Not awaited: the store keeps the order of writes (localStore.ts). */
  keep(doc: StateDocument): void;
  drop(): void;
}

export function documentCopy(store: LocalStore, key: string): DocumentCopy {
  const at = `${key}:state`;
  return {
    load: async () => {
      const kept = await store.get<{ doc?: unknown }>(at);
      return validDocument(kept?.doc) ? kept.doc : null;
    },
    keep: (doc) => void store.set(at, { doc }),
    drop: () => void store.del(at),
  };
}

/** Checks no session could report yet, oldest first: the next graded launch reports them. */
export interface UnreportedChecks {
  load(): Promise<Check[]>;
  keep(checks: Check[]): void;
  drop(): void;
}

const validCheck = (c: unknown): c is Check & { at: string } => {
  const x = c as Partial<Check> | null;
  return typeof x?.result?.scaled === "number" && Array.isArray(x.result.cards) && typeof x.solutionSeen === "boolean" && typeof x.latencySeconds === "number";
};

export function unreportedChecks(store: LocalStore, key: string): UnreportedChecks {
  const at = `${key}:unreported`;
  return {
    load: async () => {
      const kept = await store.get<unknown>(at);
      return Array.isArray(kept) ? kept.filter(validCheck).map((c) => ({ ...c, at: new Date(c.at) })) : [];
    },
    keep: (checks) => void (checks.length === 0 ? store.del(at) : store.set(at, checks)),
    drop: () => void store.del(at),
  };
}
