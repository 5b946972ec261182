#!/usr/bin/env node
// The CLI is TypeScript; tsx (a runtime dependency) compiles it on the fly, so `npx rapport`
// works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../processes/cli/main.ts');
