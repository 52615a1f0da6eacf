/** Types of build-stamp.js (plain JavaScript so it runs before any TypeScript tooling loads). */

/** The repository root. */
export declare const ROOT: string;
/** What `npm run build` reads; a change to any of them makes `dist/` stale. */
export declare const BUILD_INPUTS: readonly string[];
/** Path of the stamp, relative to the root. */
export declare const STAMP: string;
/** Latest modification time (ms) of the build's inputs under `root`. */
export declare function newestInput(root?: string): number;
/** When the last successful build started (ms), or null when there is none. */
export declare function builtAt(root?: string): number | null;
/** True when there is no build, or an input changed at or after the last build started. */
export declare function isStale(root?: string): boolean;
/** Records a successful build that started at `startedAtMs`. */
export declare function markBuilt(startedAtMs: number, root?: string): void;
/** Runs `npm run build` when `dist/` is stale; returns its exit code (0 when nothing was built). */
export declare function buildIfStale(options?: {
  root?: string;
  stdout?: 'inherit' | 'ignore' | number;
}): number;
