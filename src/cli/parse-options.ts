import { InvalidArgumentError } from 'commander';

/** Commander parser for a non-negative integer option; bad input is a usage error (exit 2). */
export function intOption(value: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('expected a non-negative integer');
  return Number(value);
}
