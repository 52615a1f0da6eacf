import { z } from 'zod';

/**
 * Unit and working-group ids: opaque but printable, and free of braces and colons, since they appear
 * inside Redis keys and hash tags. The one schema for ids at every edge (HTTP, CLI, import).
 */
export const unitIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, dot, underscore or hyphen')
  .meta({ description: 'Unit id', example: 'dong-da' });
