#!/usr/bin/env bash
# `npm run lint`: ESLint, Prettier's check, the layer rules (dependency-cruiser) and exact dependency versions, all run even when one
# fails, so one run shows every finding. Exit status 1 when any of them found something.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
echo "--- eslint"
npx eslint --max-warnings 0 . || status=1
echo "--- prettier --check"
npx prettier --check --log-level warn "**/*.{ts,tsx,js,mjs,cjs}" || status=1
echo "--- dependency-cruiser"
npx depcruise apps libs --config .dependency-cruiser.cjs --output-type err || status=1
echo "--- pinned dependencies"
node scripts/check-pinned-dependencies.mjs || status=1
exit $status
