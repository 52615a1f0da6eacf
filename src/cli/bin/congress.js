#!/usr/bin/env node
// `congress` as an installed command: registers tsx's loader, then runs the TypeScript CLI, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../main.ts');
