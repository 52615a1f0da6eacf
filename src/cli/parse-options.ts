import { InvalidArgumentError } from 'commander';

/** Commander parser for a non-negative integer option; bad input is a usage error (exit 2). */
export function intOption(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Commander parser for an ISO 8601 instant with its offset (`2020-06-12T09:00+07:00`). */
export function isoInstant(value: string): string {
  if (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError(
      'expected an ISO 8601 instant with offset, e.g. 2020-06-12T09:00:00+07:00',
    );
  return value;
}
