/**
 * Bundles the dashboard (src/web/public) with esbuild: the ES-module app from `js/main.js`, zod/mini
 * included, and its style sheet become content-hashed files under `<outDir>/assets/`, and
 * `<outDir>/index.html` is the page with its references rewritten to them. Hashed names let the server
 * cache them for a year (a change is a new name); only the page itself is revalidated.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile, type OutputFile } from 'esbuild';

/** The dashboard's sources: index.html, js/ and css/. */
export const DASHBOARD_SOURCES = fileURLToPath(new URL('../src/web/public/', import.meta.url));

/** URL prefix of the bundled files; the dashboard router serves `<outDir>/assets/` there. */
export const ASSETS_URL = '/dashboard/assets/';

/** The page's references to its sources (as index.html writes them) and the source file each names. */
const ENTRIES: Record<string, string> = {
  '/dashboard/js/main.js': 'js/main.js',
  '/dashboard/css/dashboard.css': 'css/dashboard.css',
};

/** What a build produced: the page and the file names under assets/, entry points first. */
export interface DashboardBundle {
  html: string;
  assets: string[];
}

/** Bundles the sources into `outDir` and returns what it wrote. */
export async function bundleDashboard(outDir: string, sources = DASHBOARD_SOURCES): Promise<DashboardBundle> {
  const assetsDir = join(outDir, 'assets');
  const result = await build({
    absWorkingDir: sources,
    entryPoints: Object.values(ENTRIES),
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: 'linked',
    // Vietnamese text stays as UTF-8 rather than \u escapes, which are larger on the wire.
    charset: 'utf8',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const html = pageWithBundle(readFileSync(join(sources, 'index.html'), 'utf8'), result.metafile, sources);
  mkdirSync(assetsDir, { recursive: true });
  for (const file of result.outputFiles) writeOnce(file);
  const assets = result.outputFiles.map((file) => basename(file.path));
  replaceFile(join(outDir, 'index.html'), html);
  removeOthers(assetsDir, new Set(assets));
  return { html, assets };
}

/** index.html with each source reference replaced by the hashed file esbuild made of it. */
function pageWithBundle(template: string, metafile: Metafile, sources: string): string {
  let html = template;
  for (const [reference, entry] of Object.entries(ENTRIES)) {
    const output = Object.entries(metafile.outputs).find(([, meta]) => meta.entryPoint === entry)?.[0];
    if (output === undefined) throw new Error(`esbuild made no file of ${entry}`);
    if (!html.includes(`"${reference}"`)) throw new Error(`index.html no longer references ${reference}`);
    html = html.replace(`"${reference}"`, `"${ASSETS_URL}${basename(output)}"`);
  }
  const unresolved = /(?:src|href)="(\/dashboard\/(?!assets\/)[^"]*)"/.exec(html);
  if (unresolved)
    throw new Error(`index.html references ${unresolved[1]}, which is not bundled (${sources})`);
  return html;
}

/**
 * A hashed name always holds the same bytes, so an existing file is kept as it is: a server reading it
 * while a second build runs (tests and `npm start` at once) never sees it half-written.
 */
function writeOnce(file: OutputFile): void {
  if (!existsSync(file.path)) replaceFile(file.path, file.contents);
}

/** Writes beside the target, then renames over it, so readers see the old file or the new one. */
function replaceFile(path: string, contents: string | Uint8Array): void {
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Removes files of earlier builds, so assets/ holds only what the current page can reference. */
function removeOthers(dir: string, keep: Set<string>): void {
  for (const name of readdirSync(dir)) {
    if (!keep.has(name) && !name.endsWith('.tmp')) rmSync(join(dir, name), { force: true });
  }
}
