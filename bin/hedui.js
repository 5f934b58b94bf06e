#!/usr/bin/env node
// Starts the CLI; nothing else. The TypeScript is compiled to dist/ by `npm ci` (prepare) or `npm run build`.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
