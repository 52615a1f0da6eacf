import type { Response } from 'express';

const CONTENT_TYPES = { jsonl: 'application/x-ndjson', csv: 'text/csv' } as const;

/**
 * Streams an engine export. The first chunk is awaited before any header is written, so a
 * refusal (unknown unit, out of scope) still becomes a proper problem response.
 */
export async function streamExport(
  res: Response,
  unitId: string,
  format: keyof typeof CONTENT_TYPES,
  chunks: AsyncIterable<string>,
): Promise<void> {
  const iterator = chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  res.status(200).type(`${CONTENT_TYPES[format]}; charset=utf-8`);
  res.setHeader('Content-Disposition', `attachment; filename="${unitId}.${format}"`);
  while (next.done !== true) {
    if (!res.write(next.value)) await new Promise((resolve) => res.once('drain', resolve));
    next = await iterator.next();
  }
  res.end();
}

/**
 * Sends the unit's vote-count minutes document. Inline, unlike the log exports: it is meant to be
 * opened and printed in the browser; saving it keeps the `<unit>.minutes.html` name.
 */
export function sendMinutesExport(res: Response, unitId: string, html: string): void {
  res.status(200).type('html');
  res.setHeader('Content-Disposition', `inline; filename="${unitId}.minutes.html"`);
  res.send(html);
}
