#!/usr/bin/env bash
# Runs Chronicle on its bundled demo corpus: builds the web UI (when Node.js
# and npm are present), builds the binary, ingests and codes testdata/demo
# into demo.db, and serves the API and UI. Prints the URL to open.
#
#   bash scripts/demo.sh            # serve on 127.0.0.1:8080
#   ADDR=127.0.0.1:9090 bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v npm >/dev/null 2>&1; then
	echo "building the web UI (npm ci && npm run build in web/)" >&2
	(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
else
	echo "npm not found: serving the API only (install Node.js 20+ for the UI)" >&2
fi
go build -o chronicle ./cmd/chronicle
exec ./chronicle run --db "${DB:-demo.db}" --serve "${ADDR:-127.0.0.1:8080}" testdata/demo
