// The registry these machines use serves only the linux-x64 builds of @unrs/resolver-binding-*
// (jest-resolve's optional native resolver), so `npm install` leaves the other platforms out of
// the lockfile and `npm ci` then calls the lockfile out of sync. This adds them back as
// optional, platform-bound entries: npm skips them on every platform they do not match.
import { readFileSync, writeFileSync } from 'node:fs';

const platforms = {
  'android-arm-eabi': ['android', 'arm'],
  'android-arm64': ['android', 'arm64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'darwin-x64': ['darwin', 'x64'],
  'freebsd-x64': ['freebsd', 'x64'],
  'linux-arm-gnueabihf': ['linux', 'arm'],
  'linux-arm-musleabihf': ['linux', 'arm'],
  'linux-loong64-gnu': ['linux', 'loong64'],
  'linux-loong64-musl': ['linux', 'loong64'],
  'linux-ppc64-gnu': ['linux', 'ppc64'],
  'linux-riscv64-gnu': ['linux', 'riscv64'],
  'linux-riscv64-musl': ['linux', 'riscv64'],
  'linux-s390x-gnu': ['linux', 's390x'],
  'openharmony-arm64': ['openharmony', 'arm64'],
  'win32-arm64-msvc': ['win32', 'arm64'],
  'win32-ia32-msvc': ['win32', 'ia32'],
  'win32-x64-msvc': ['win32', 'x64'],
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const resolver = lock.packages['node_modules/unrs-resolver'];
if (!resolver) throw new Error('unrs-resolver is not in the lockfile');
let added = 0;
for (const [suffix, [os, cpu]] of Object.entries(platforms)) {
  const name = `@unrs/resolver-binding-${suffix}`;
  const version = resolver.optionalDependencies?.[name];
  const key = `node_modules/${name}`;
  if (!version || lock.packages[key]) continue;
  lock.packages[key] = { version, cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  added += 1;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries`);
