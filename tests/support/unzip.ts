/** Unpacks a zip into a new temporary folder, the way a teacher or author would before opening it. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";

export async function unzipToTemp(zipPath: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "unit-"));
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
    writeFileSync(join(dir, entry.name), await entry.async("uint8array"));
  }
  return dir;
}
