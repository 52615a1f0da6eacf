/** Every key under a prefix with its content (see tests/support/namespace.ts for why not DUMP). */
export { namespaceContents as namespaceDump } from '../support/namespace.js';
