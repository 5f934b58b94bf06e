/**
 * Shared by the benchmarks: each measured stage runs in a child process of its own, so the peak RSS it reports is
 * that stage's alone, and sends its figures back as one message.
 */
import { fork } from 'node:child_process';
import type { HouseholdInput } from '../assess/input.js';

/** `--name value` from the command line. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Run `script` with `args` in a child process and resolve with the one message it sends. */
export function inChild<T>(script: string, args: string[], label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(script, args);
    child.on('message', (m) => resolve(m as T));
    child.on('exit', (code) => code !== 0 && reject(new Error(`${label} exited ${code}`)));
  });
}

/** Matched source rows of a household (every kind but its members). */
export function matchedRows(h: HouseholdInput): number {
  const s = h.sources;
  return s.bank.length + s.vehicle.length + s.realestate.length + s.income.length + s.crossprov.length + s.death.length;
}
