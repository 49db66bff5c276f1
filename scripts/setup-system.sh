#!/usr/bin/env bash
# Installs the Debian packages the native build needs, only when one is missing.
# Idempotent and quick (one dpkg query) when everything is already there.
#
#   --fuzz   also clang-14 and its runtimes (libFuzzer), for `npm run fuzz`
set -euo pipefail

packages=(cmake make g++ pkg-config protobuf-compiler libprotobuf-dev libgoogle-glog-dev patchelf)
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "mesos-modules: installing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "mesos-modules: missing system packages (${missing[*]}) and not root; install them with apt-get" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
