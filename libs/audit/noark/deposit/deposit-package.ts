/**
 * A deposit on disk: a folder, or packed as Arkivverket receives one, a TAR file `<id>.tar`
 * holding `<id>/content/…` (the deposit's files) with an INFO file `<id>.info` beside it that
 * holds the TAR's SHA-256, so the archive can check the transfer before it opens anything.
 */
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import * as tar from 'tar';
import type { Deposit } from './build-deposit.js';

export async function writeDepositFolder(dir: string, files: ReadonlyMap<string, Buffer>): Promise<string[]> {
  const written: string[] = [];
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
    written.push(path);
  }
  return written.sort();
}

export interface PackedDeposit {
  tarFile: string;
  infoFile: string;
  sha256: string;
  bytes: number;
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The INFO file's text: one `key: value` per line. */
export function infoText(p: { id: string; tarName: string; sha256: string; bytes: number; createdAt: string }): string {
  return [`id: ${p.id}`, `file: ${p.tarName}`, `sha256: ${p.sha256}`, `bytes: ${p.bytes}`, `created: ${p.createdAt}`, ''].join('\n');
}

export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

/** Packs the deposit into `<outDir>/<id>.tar` (portable entries, fixed mtimes) and writes `<id>.info` beside it. */
export async function packDeposit(deposit: Pick<Deposit, 'id' | 'files'>, outDir: string): Promise<PackedDeposit> {
  const staging = await mkdtemp(join(tmpdir(), 'deposit-'));
  try {
    const content = join(staging, deposit.id, 'content');
    await writeDepositFolder(content, deposit.files);
    await mkdir(outDir, { recursive: true });
    const tarFile = join(outDir, `${deposit.id}.tar`);
    await tar.create({ file: tarFile, cwd: staging, portable: true, mtime: new Date('2000-01-01T00:00:00Z') }, [deposit.id]);
    const sha256 = await fileSha256(tarFile);
    const bytes = (await stat(tarFile)).size;
    const infoFile = join(outDir, `${deposit.id}.info`);
    await writeFile(infoFile, infoText({ id: deposit.id, tarName: basename(tarFile), sha256, bytes, createdAt: new Date().toISOString() }));
    return { tarFile, infoFile, sha256, bytes };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Every regular file under `dir`, by its path relative to `dir` with '/' separators. */
export async function readFolder(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split(sep).join('/'), await readFile(full));
  }
  return files;
}

/** The files of a packed deposit (`<id>/content/…` inside the TAR), by their path inside the content folder. */
export async function readTar(tarFile: string): Promise<{ id: string; files: Map<string, Buffer> }> {
  const out = await mkdtemp(join(tmpdir(), 'deposit-read-'));
  try {
    await tar.extract({ file: tarFile, cwd: out, strict: true, preservePaths: false });
    const [id, ...others] = (await readdir(out)).sort();
    if (!id || others.length > 0)
      throw new Error(`${basename(tarFile)} must hold one folder <id>/content, found ${[id, ...others].join(', ')}`);
    return { id, files: await readFolder(join(out, id, 'content')) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
