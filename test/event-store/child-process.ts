import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  process: ChildProcessWithoutNullStreams;
  /** Complete stdout lines so far (a line cut by a kill is left out). */
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves once `predicate` holds for the lines seen. */
  waitForLines(predicate: (lines: string[]) => boolean, timeoutMs?: number): Promise<void>;
}

/** Starts one of the `.mjs` children beside this file with plain node (no test loader). */
export function startChild(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of waiters) w();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const w of waiters) w();
      resolve({ code, signal, stderr });
    }),
  );
  const waitForLines = (predicate: (lines: string[]) => boolean, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`child ${script} did not produce the expected output; stderr: ${stderr}`));
      }, timeoutMs);
      function check() {
        if (predicate(lines)) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          clearTimeout(timer);
          waiters.delete(check);
          reject(new Error(`child ${script} exited early; stderr: ${stderr}`));
        }
      }
      waiters.add(check);
      check();
    });
  return { process: child, lines, exited, waitForLines };
}
