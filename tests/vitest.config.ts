import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds the real package once and finds Chromium and xmllint before any test runs.
    globalSetup: ["tests/support/globalSetup.ts"],
    // Browser tests drive a real Chromium on 2 cores; a phone session of 15 finger drags with
    // scrolling takes about 20 s alone and more when the machine is busy.
    // The preview test's hook builds every package in a copy of the project before it starts.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    // expect.poll waits for a state the code reaches on its own; on a busy 2-core machine that can
    // take seconds (vitest's default gives up after 1 s). A poll ends as soon as the state is there.
    expect: { poll: { timeout: 30_000 } },
  },
});
