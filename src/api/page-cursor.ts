/**
 * Opaque page cursors: the position a page ended at, as base64url JSON. Clients pass `nextCursor`
 * back unchanged; a cursor that does not decode to the expected shape is a 400.
 */
import { z } from 'zod';

/** Encodes a position for `nextCursor`. */
export function encodeCursor(position: object | null): string | null {
  return position === null ? null : Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** A query field holding a cursor of `shape`, decoded. */
export function cursorOf<T extends z.ZodType>(shape: T) {
  return z
    .string()
    .max(1_024)
    .transform((text, ctx) => {
      try {
        return JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: 'not a cursor this server returned (pass nextCursor unchanged)',
        });
        return z.NEVER;
      }
    })
    .pipe(shape);
}
