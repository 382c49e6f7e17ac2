import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { buildPackageJson, resolveSubpathImport } from '../support/build-package-json.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuiltAdapter {
  /** Absolute path of the compiled sqlite-event-store.js, for the child processes to import. */
  modulePath: string;
  cleanup(): void;
}

/**
 * Child processes need the adapter as JavaScript and there is no build output during tests. A full
 * `tsc` is slow and may fail on others' work in progress, so transpile just the adapter and the
 * files it imports (type-only, no checking: `npx tsc` covers that) into a temp dir with a
 * `node_modules` link so `better-sqlite3` resolves.
 */
export function buildSqliteAdapter(): BuiltAdapter {
  const out = mkdtempSync(join(tmpdir(), 'event-store-build-'));
  writeFileSync(join(out, 'package.json'), buildPackageJson(root));
  symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');

  const entry = join(root, 'libs/event-store/sqlite/sqlite-event-store.ts');
  const pending = [entry];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/from '([.#][^']+\.js)'/g)) {
      const spec = match[1]!;
      const target = spec.startsWith('#') ? resolveSubpathImport(root, spec) : resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (target) pending.push(target);
    }
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2023, esModuleInterop: true },
      fileName: file,
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return {
    modulePath: join(out, relative(root, entry)).replace(/\.ts$/, '.js'),
    cleanup: () => rmSync(out, { recursive: true, force: true }),
  };
}
