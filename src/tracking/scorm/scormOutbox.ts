/**
 * The write step of a SCORM session: what the LMS has not accepted yet, and handing it over with
 * SetValue (a commit follows; scormSession.ts decides when). Whatever the LMS refuses stays here for
 * the next try; nothing is dropped on a refusal.
 *
 * The exit goes with the first handing-over of a session: `suspend` while the attempt is unfinished,
 * so the LMS holds a resumable attempt from the first commit on, not only if the page's last save
 * arrives (ILIAS and Chamilo lose it, scorm12.md §8, §9). Without "suspend" on the server ILIAS
 * starts a new attempt, and Moodle's SCORM 2004 player gives none of the stored data back (RTE
 * 4.2.8, mod/scorm/datamodels/scorm_13lib.php get_scorm_default); only its 1.2 player hands an
 * unfinished attempt's data back whatever the exit. Once the learner has finished, the finished
 * attempt's exit ("" in 1.2, "normal" in 2004).
 */
import { sequenceOf } from "../../state/resume";
import type { IndexedInteraction, LocalCopy } from "../localCopy";
import { isFinished, mergeRecord, type Recorded } from "../progress";
import type { ScormConnection } from "./scormConnection";
import type { ScormDialect, Write } from "./scormSession";

export interface Outbox {
  /** Status and score as the LMS holds them (read at launch, then what it accepted). */
  readonly recorded: Recorded;
  /** Answers to hand over (already indexed by the local copy), and whether the copy's record goes too. */
  queue(answers: IndexedInteraction[], withRecord: boolean): void;
  /** Hands the LMS what it has not accepted yet of `copy`, then the exit that fits the attempt. */
  push(copy: LocalCopy): void;
  /** The exit, unless the LMS already took this very value in this session (leaving). */
  exit(): void;
  /** Everything of the copy was accepted (no copy: nothing to send). */
  allSent(copy?: LocalCopy): boolean;
}

/** `holds`: what the LMS gave at launch; the state it holds is known by its sequence number. */
export function createOutbox(lms: ScormConnection, dialect: ScormDialect, holds: { recorded: Recorded; savedState: string }): Outbox {
  const recorded = { ...holds.recorded };
  /** The sequence of the last saved state the LMS took: the copy's state goes while it is newer. */
  let stateTaken = sequenceOf(holds.savedState);
  let recordUnsent = false;
  const interactions: IndexedInteraction[] = [];
  /** The exit the LMS took in this session (null: none yet). */
  let exitTaken: string | null = null;
  /** In order, stopping at the first the LMS refuses (what follows depends on it). */
  const setInOrder = (writes: Write[]) => writes.every(lms.set);
  /** Every one tried; true when all were taken. */
  const setEach = (writes: Write[]) => writes.map(lms.set).every(Boolean);

  const pushInteractions = () => {
    while (interactions.length > 0) {
      const { index, fields } = interactions[0]!;
      // Arrays grow only at index _count (§5.13): a refused id is tried again later at the same index.
      if (!lms.set([`cmi.interactions.${index}.id`, fields[0]![1]])) break;
      interactions.shift();
      // A refused field of an interaction already opened cannot be written again at this index: set()
      // logs it, and the rest of the record still goes.
      for (const [suffix, value] of fields.slice(1)) lms.set([`cmi.interactions.${index}.${suffix}`, value]);
    }
  };

  const pushRecord = (copy: LocalCopy) => {
    if (!recordUnsent || !copy.record) return;
    const next = mergeRecord(recorded, copy.record);
    let ok = true;
    if (next.raw !== null) {
      ok = setInOrder(dialect.score(next.raw));
      if (ok) recorded.raw = next.raw;
    }
    if (ok && next.status !== null) {
      ok = setInOrder(dialect.status(next.status));
      if (ok) recorded.status = next.status;
    }
    recordUnsent = !ok;
  };

  const exit = () => {
    const write = dialect.exit(isFinished(recorded.status));
    if (exitTaken !== write[1] && lms.set(write)) exitTaken = write[1];
  };

  return {
    recorded,
    queue(answers, withRecord) {
      recordUnsent ||= withRecord;
      interactions.push(...answers);
    },
    push(copy) {
      if (copy.seq !== stateTaken && setEach(dialect.state(copy.state, copy.location))) stateTaken = copy.seq;
      pushInteractions();
      pushRecord(copy);
      exit();
    },
    exit,
    allSent: (copy) => (!copy || copy.seq === stateTaken) && !recordUnsent && interactions.length === 0,
  };
}
