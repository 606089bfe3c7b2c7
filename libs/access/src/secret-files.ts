import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a secret under the data directory, readable by its owner only (the umask cannot widen it). */
export function writeOwnerOnly(dir: string, file: string, content: string): string {
  const path = join(dir, file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

/** A random 32-byte key kept in `dir/file` (made on first use), or a fresh in-memory one without a directory. */
export function keptRandomKey(dir: string | undefined, file: string): Uint8Array {
  if (!dir) return randomBytes(32);
  const path = join(dir, file);
  if (existsSync(path)) return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64url');
  const key = randomBytes(32);
  writeOwnerOnly(dir, file, key.toString('base64url'));
  return key;
}
