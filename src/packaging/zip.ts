/**
 * Deterministic zip writer: the same entries give byte-identical packages, so a rebuild without
 * content changes is recognisable (same hash) and builds are reproducible. Pure: the build and the
 * studio page zip the same way (the schema files are read by packageFiles.ts).
 */
import JSZip from "jszip";

/**
 * 2000-01-01T00:00:00Z. jszip 3.10 writes DOS date/time from the UTC getters (ZipFileWorker.js
 * getUTCHours/getUTCFullYear…), so a Date built with Date.UTC gives the same bytes in every TZ.
 * (Older jszip used local-time getters; the TZ test in tests/packaging/manifest.test.ts guards against that.)
 */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));

/** Schema files that must sit next to imsmanifest.xml at the zip root (scorm12.md §1.1). */
export const SCHEMA_FILES = ["adlcp_rootv1p2.xsd", "imscp_rootv1p1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd"] as const;

/** The ADL SCORM 2004 4th Edition set (src/packaging/xsd/scorm2004/SOURCES.txt), also at the zip root. */
export const SCHEMA_FILES_2004 = [
  "imscp_v1p1.xsd",
  "adlcp_v1p3.xsd",
  "adlseq_v1p3.xsd",
  "adlnav_v1p3.xsd",
  "imsss_v1p0.xsd",
  "imsss_v1p0auxresource.xsd",
  "imsss_v1p0control.xsd",
  "imsss_v1p0delivery.xsd",
  "imsss_v1p0limit.xsd",
  "imsss_v1p0objective.xsd",
  "imsss_v1p0random.xsd",
  "imsss_v1p0rollup.xsd",
  "imsss_v1p0seqrule.xsd",
  "imsss_v1p0util.xsd",
  "xml.xsd",
  "XMLSchema.dtd",
  "datatypes.dtd",
] as const;

export async function zipPackage(entries: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  // Paths are used as given: imsmanifest.xml must be a root entry, never inside a folder (scorm12.md §5.1).
  for (const path of Object.keys(entries).sort()) {
    zip.file(path, entries[path], { date: FIXED_DATE, createFolders: false });
  }
  return zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
    platform: "UNIX", // fixed, otherwise jszip picks it from the running OS
  });
}
