import { createReadStream, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { parseInfo, readFolder, readTar } from '#audit/noark/deposit/deposit-package.js';
import { verifyDeposit, type DepositReport } from '#audit/noark/deposit/verify-deposit.js';

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Checks a deposit folder, or a packed `<id>.tar` (with its `<id>.info` beside it), as an archive's test tool would. */
export async function verifyDepositAt(path: string): Promise<DepositReport> {
  if (!existsSync(path)) throw new Error(`no deposit at ${path}`);
  if (statSync(path).isDirectory()) return verifyDeposit(await readFolder(path));
  const { id, files } = await readTar(path);
  const infoFile = join(dirname(path), `${id}.info`);
  const stated = existsSync(infoFile) ? parseInfo(await readFile(infoFile, 'utf8'))['sha256'] : undefined;
  return verifyDeposit(files, { transfer: { stated, actual: await sha256Of(path) } });
}
