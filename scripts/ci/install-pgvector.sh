#!/usr/bin/env bash
# Installs pgvector into the machine's PostgreSQL when it is missing (Debian bookworm ships no package
# for it): fetch the Debian source package from the next release through a private apt source list,
# build it against the server's headers, install. The system's own apt sources are left untouched.
set -euo pipefail

major=$(pg_config --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
if [ -f "$(pg_config --sharedir)/extension/vector.control" ]; then
  echo "pgvector: already installed for PostgreSQL $major"
  exit 0
fi
echo "pgvector: building for PostgreSQL $major"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 '/debian$' || true)
keyring=$(grep -hE '^Signed-By:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | head -1 || true)
uri=${uri:-http://deb.debian.org/debian}
keyring=${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}
mkdir -p "$work/lists/partial"
echo "deb-src [signed-by=$keyring] $uri trixie main" > "$work/sources.list"
apt_private=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/lists")

export DEBIAN_FRONTEND=noninteractive
apt-get "${apt_private[@]}" update -qq
(cd "$work" && apt-get "${apt_private[@]}" source --download-only -qq pgvector)
if ! dpkg -s "postgresql-server-dev-$major" >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq "postgresql-server-dev-$major" >/dev/null
fi
tarball=$(ls "$work"/pgvector_*.orig.tar.* | head -1)
mkdir "$work/src" && tar -xf "$tarball" -C "$work/src" --strip-components=1
make -s -C "$work/src" >/dev/null
make -s -C "$work/src" install >/dev/null
echo "pgvector: installed"
