/**
 * cmi5.xml: the course structure a cmi5 LMS imports (cmi5 spec §13–14). One course holding one AU.
 * Pure; the build writes it at the root of the cmi5 zip, tests validate it against
 * src/packaging/xsd/cmi5/CourseStructure.xsd with xmllint.
 */
import type { Unit } from "../content/types";
import { escapeXml } from "./manifest";
import { xapiActivityId } from "./tincan";

/**
 * The AU's id is the publisher id the LMS puts into every statement's context (grouping), so it is
 * the xAPI package's activity id: both packages' statements about this unit group under one IRI.
 * Both come from the unit id only, so a new title or release never changes them (an LMS matches
 * an updated course by these ids). The course needs an id of its own (cmi5 §13.1.1).
 */
export const cmi5Ids = (unit: Pick<Unit, "id">) => ({ course: `${xapiActivityId(unit)}:course`, au: xapiActivityId(unit) });

/**
 * moveOn (when the LMS counts the AU as done): with a mastery score the learner must reach it,
 * so "Passed". "CompletedOrPassed" would let a failed attempt through, because the AU sends
 * `completed` at the first check whatever the score. Without a mastery score, "Completed".
 */
export const cmi5MoveOn = (unit: Pick<Unit, "masteryScore">) => (unit.masteryScore === undefined ? "Completed" : "Passed");

/** The unit's 0–100 mastery score as cmi5's 0–1 decimal (at most 4 places, as the spec allows). */
export const cmi5MasteryScore = (percent: number) => String(Math.round(percent * 100) / 10000);

export function renderCmi5Xml(unit: Unit): string {
  const ids = cmi5Ids(unit);
  const text = (tag: string, value: string) => `<${tag}><langstring lang="${escapeXml(unit.lang)}">${escapeXml(value)}</langstring></${tag}>`;
  const mastery = unit.masteryScore === undefined ? "" : ` masteryScore="${cmi5MasteryScore(unit.masteryScore)}"`;
  // OwnWindow: the spec has the AU send the learner on to returnURL by navigating its own window
  // at the end; inside an LMS frame that would open the LMS inside its own frame.
  return `<?xml version="1.0" encoding="UTF-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="${escapeXml(ids.course)}">
    ${text("title", unit.title)}
    ${text("description", unit.exercise.instructions)}
  </course>
  <au id="${escapeXml(ids.au)}" moveOn="${cmi5MoveOn(unit)}"${mastery} launchMethod="OwnWindow" activityType="http://adlnet.gov/expapi/activities/lesson">
    ${text("title", unit.title)}
    ${text("description", unit.exercise.instructions)}
    <url>index.html</url>
  </au>
</courseStructure>
`;
}
