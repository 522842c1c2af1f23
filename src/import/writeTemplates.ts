/** `npm run templates`: writes the template documents (templates.ts) to content/templates/. */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { templateFiles } from "./templates";

const dir = fileURLToPath(new URL("../../content/templates/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, data] of Object.entries(await templateFiles())) {
  writeFileSync(dir + name, data);
  console.log(`wrote content/templates/${name}`);
}
