/**
 * Finds the external tools the tests need (Debian's Chromium, xmllint). On a fresh Debian machine
 * as root it installs them with apt-get; anywhere else it fails with the exact command to run.
 * Tests never skip for a missing tool.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const which = (cmd: string): string | null => {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
};

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/** The same installer CI uses: it waits while another apt-get holds the package lock, and says so. */
function aptInstall(pkgs: string[]): boolean {
  if (!isRoot() || !which("apt-get")) return false;
  const script = fileURLToPath(new URL("../../.ci/apt-install", import.meta.url));
  return spawnSync("bash", [script, ...pkgs], { stdio: "inherit" }).status === 0;
}

export function chromiumPath(): string {
  const found = () =>
    [process.env.CHROMIUM_PATH, "/usr/bin/chromium", which("chromium"), which("chromium-browser")].find(
      (p): p is string => !!p && existsSync(p),
    );
  const path = found() ?? (aptInstall(["chromium"]) ? found() : undefined);
  if (!path) {
    throw new Error(
      "Chromium is needed for the browser tests and was not found. Install it with `sudo apt-get install -y chromium` " +
        "(Debian/Ubuntu) or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
  }
  return path;
}

export function xmllintPath(): string {
  const path = which("xmllint") ?? (aptInstall(["libxml2-utils"]) ? which("xmllint") : null);
  if (!path) throw new Error("xmllint is needed to validate manifests: install it with `sudo apt-get install -y libxml2-utils`.");
  return path;
}

export const toolVersion = (path: string) => execFileSync(path, ["--version"], { encoding: "utf8" }).trim();
