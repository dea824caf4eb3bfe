#!/usr/bin/env node
import 'reflect-metadata';
import { startSandbox } from './server.js';

/** Standalone sandbox: `node build/sandbox/main.js [--port N] [--plan P]`. Prints its URL and demo tokens as JSON. */
const argv = process.argv.slice(2);
const arg = (n: string) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : undefined);
const sb = await startSandbox({ port: Number(arg('--port') ?? 0), plan: arg('--plan') ?? 'pro' });
process.stdout.write(JSON.stringify({ url: sb.url, tokens: sb.allTokens }) + '\n');
