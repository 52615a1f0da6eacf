import type { Engine } from '../engine/engine.types.js';
import type { Principal } from '../domain/index.js';
import { isExpired, type TokenStore } from '../auth/token-store.js';
import { LOCAL_ADMIN } from '../auth/principal.schema.js';
import { UnauthorizedError } from '../shared/errors.js';
import { UsageError } from './exit-codes.js';

/** Global options every command receives. */
export interface GlobalOptions {
  token?: string;
  asAdmin?: boolean;
  json?: boolean;
}

/** What a command needs: the engine, the token store, and who is acting. */
export interface CliContext {
  engine: Engine;
  tokens: TokenStore;
  principal(): Promise<Principal>;
  /** Writes a line to stdout. */
  print(text: string): void;
  json: boolean;
}

/**
 * The acting principal: `--token`/`CONGRESS_TOKEN` resolved through the token store, exactly as the
 * API would; or `--as-admin`, which is only possible here because the CLI already holds the Redis
 * connection (whoever can reach Redis can rewrite it anyway).
 */
export async function resolvePrincipal(
  tokens: TokenStore,
  options: GlobalOptions,
  envToken?: string,
): Promise<Principal> {
  const token = options.token ?? envToken;
  if (options.asAdmin === true && token !== undefined)
    throw new UsageError('Give either --token or --as-admin, not both');
  if (options.asAdmin === true) return LOCAL_ADMIN;
  if (token === undefined)
    throw new UsageError(
      'Give --token <token> (or set CONGRESS_TOKEN), or --as-admin for local administration',
    );
  const record = await tokens.resolve(token);
  if (record === null) throw new UnauthorizedError('The token is unknown or revoked');
  if (isExpired(record, new Date()))
    throw new UnauthorizedError(`The token expired at ${record.expiresAt ?? ''}; ask an admin for a new one`);
  return record.principal;
}
