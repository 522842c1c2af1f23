/** `npm run schema`: writes content/unit.schema.json, the JSON Schema editors use for content files. */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { unitJsonSchemaText } from "./jsonSchema";

const file = fileURLToPath(new URL("../../content/unit.schema.json", import.meta.url));
writeFileSync(file, unitJsonSchemaText());
console.log("wrote content/unit.schema.json");
