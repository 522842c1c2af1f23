/**
 * tincan.xml: how LMSs that import xAPI ("Tin Can") packages learn the activity id, name,
 * description and launch file. The id is derived from the unit id only, so it never changes
 * between releases; LMSs pass it back as `activity_id` at launch.
 */
import type { Unit } from "../content/types";
import { escapeXml } from "./manifest";

export const xapiActivityId = (unit: Pick<Unit, "id">) => `urn:learning-unit:${unit.id}`;

export function renderTincanXml(unit: Unit): string {
  const lang = escapeXml(unit.lang);
  return `<?xml version="1.0" encoding="UTF-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="${escapeXml(xapiActivityId(unit))}" type="http://adlnet.gov/expapi/activities/lesson">
      <name lang="${lang}">${escapeXml(unit.title)}</name>
      <description lang="${lang}">${escapeXml(unit.exercise.instructions)}</description>
      <launch lang="${lang}">index.html</launch>
    </activity>
  </activities>
</tincan>
`;
}
