/**
 * The studio's heavy parts (mammoth, markdown-it, the packager, the learner scripts, scorm-again, the
 * results readers with SheetJS),
 * each a classic script in the studio's own folder, loaded when first needed. Not `import()`: a page
 * opened from disk (file://) may not load module scripts in Chromium, but it may add a <script> of a
 * file beside it. Each part puts what it offers into `window.studioParts`.
 */
import type { DocBlock } from "../import/document";
import type { PackageKind } from "../packaging/packageNames";
import type { PackageFiles } from "../packaging/packages";
import type { Packager } from "./parts/packager";
import type { ResultsPart } from "./parts/results";

/** What build.ts puts into kit.<lang>.js: the learner scripts of every package in one language, and the package files. */
export interface StudioKit {
  scripts: Record<PackageKind, { js: string; css: string }>;
  files: PackageFiles;
}

export interface StudioParts {
  docx: (bytes: Uint8Array) => Promise<DocBlock[]>;
  markdown: (text: string) => DocBlock[];
  packager: Packager;
  results: ResultsPart;
  "kit.da": StudioKit;
  "kit.en": StudioKit;
}

declare global {
  interface Window {
    studioParts?: Partial<StudioParts>;
  }
}

const loading = new Map<string, Promise<void>>();

/** Adds `<script src>` once; resolves when it has run. */
export function loadScript(src: string): Promise<void> {
  let done = loading.get(src);
  if (!done) {
    done = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => {
        loading.delete(src);
        reject(new Error(`${src} is missing beside the studio's index.html; copy the whole studio folder`));
      };
      document.head.append(script);
    });
    loading.set(src, done);
  }
  return done;
}

export async function loadPart<K extends keyof StudioParts>(name: K): Promise<StudioParts[K]> {
  await loadScript(`${name}.js`);
  const part = window.studioParts?.[name];
  if (!part) throw new Error(`${name}.js did not provide the studio's ${name}`);
  return part as StudioParts[K];
}
