#!/bin/sh
# Refresh the vendored htmx from the npm registry: sh static/vendor/update-htmx.sh [version]
set -e
version="${1:-2}"
tmp="$(mktemp -d)"
(cd "$tmp" && npm pack "htmx.org@$version" >/dev/null && tar xzf htmx.org-*.tgz)
cp "$tmp/package/dist/htmx.min.js" "$(dirname "$0")/htmx.min.js"
rm -rf "$tmp"
