/** Before any test: the tools must be there, and dist/ must hold a fresh build of the real content. */
import { execFileSync } from "node:child_process";
import { chromiumPath, xmllintPath } from "./tools";

export default function setup(): void {
  chromiumPath();
  xmllintPath();
  execFileSync(process.execPath, ["--import", "tsx", "build.ts"], { stdio: "inherit" });
}
