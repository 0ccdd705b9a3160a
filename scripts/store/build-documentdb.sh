#!/usr/bin/env bash
# Builds the embedded store once per machine: PostgreSQL 15 (Debian's package) with Microsoft's DocumentDB
# extensions and their MongoDB-wire gateway, from pinned source archives whose SHA-256 is checked.
#
#   build-documentdb.sh VENDOR_DIR PREFIX
#
# VENDOR_DIR holds the archives named below. PREFIX receives a self-contained, relocated copy of Debian's
# PostgreSQL 15 with the extensions installed into it (PREFIX/usr/lib/postgresql/15/bin/postgres finds its
# share and lib folders relative to itself) and the gateway binary at PREFIX/bin/documentdb-gateway.
# Nothing is installed into the system's PostgreSQL. The system packages come from apt (see
# scripts/store/system-packages.txt); this script only checks that they are there.
set -euo pipefail

vendor=$1
prefix=$2
here=$(cd "$(dirname "$0")" && pwd)
pg_bin=/usr/lib/postgresql/15/bin

step() { printf '\n== store build: %s\n' "$*"; }

missing=()
while read -r pkg; do
  [[ -z $pkg || $pkg == \#* ]] && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done <"$here/system-packages.txt"
if ((${#missing[@]})); then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: apt-get install -y \$(grep -v '^#' scripts/store/system-packages.txt)" >&2
  exit 1
fi
command -v cargo >/dev/null || { echo "cargo (Rust) is needed to build the DocumentDB gateway." >&2; exit 1; }

step "checking the pinned archives in $vendor"
(cd "$vendor" && sha256sum --check --strict) <"$here/vendor.sha256"

work=$(mktemp -d "${TMPDIR:-/tmp}/documentdb-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
stage="$prefix.partial"
rm -rf "$stage"
mkdir -p "$stage/usr/lib/postgresql" "$stage/usr/share/postgresql" "$stage/bin"

step "copying Debian's PostgreSQL 15 into a private tree"
cp -a /usr/lib/postgresql/15 "$stage/usr/lib/postgresql/"
cp -a /usr/share/postgresql/15 "$stage/usr/share/postgresql/"

for archive in pgvector-0.8.0 pg_cron-1.6.3 documentdb-b2e220c4; do
  mkdir -p "$work/$archive"
  tar -xzf "$vendor/$archive.tar.gz" -C "$work/$archive" --strip-components=1
done

# Debian ships no pkg-config file for the Intel decimal library that DocumentDB links.
mkdir -p "$work/pkgconfig"
cat >"$work/pkgconfig/intelmathlib.pc" <<'EOF'
Name: intelmathlib
Description: Intel decimal floating-point math library (Debian's libintelrdfpmath-dev)
Version: 2.0
Cflags: -I/usr/include
Libs: -lbidgcc000
EOF
export PKG_CONFIG_PATH="$work/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
jobs=$(nproc)

build_extension() { # folder, extra make arguments...
  local dir=$1
  shift
  make -C "$dir" -j"$jobs" PG_CONFIG="$pg_bin/pg_config" "$@" >"$work/$(basename "$dir").log" 2>&1 ||
    { tail -40 "$work/$(basename "$dir").log" >&2; return 1; }
  make -C "$dir" PG_CONFIG="$pg_bin/pg_config" DESTDIR="$stage" "$@" install >>"$work/$(basename "$dir").log" 2>&1 ||
    { tail -40 "$work/$(basename "$dir").log" >&2; return 1; }
}

step "pgvector 0.8.0"
build_extension "$work/pgvector-0.8.0" OPTFLAGS=""
step "pg_cron 1.6.3"
build_extension "$work/pg_cron-1.6.3"

dd="$work/documentdb-b2e220c4"
# Debian's libbson is 1.23; DocumentDB is written against 1.28, which added this subtype.
sed -i 's|^#include <bson.h>|#include <bson.h>\n#ifndef BSON_SUBTYPE_SENSITIVE\n#define BSON_SUBTYPE_SENSITIVE 0x08\n#endif|' \
  "$dd/pg_documentdb_core/include/io/pgbson.h"
step "DocumentDB core extension (about a minute)"
build_extension "$dd/pg_documentdb_core"
step "DocumentDB API extension"
# Built after the core (it links against it); a newer switch warning in Debian's compiler is not an error.
build_extension "$dd/pg_documentdb" COPT=-Wno-error=switch

step "DocumentDB gateway: cargo build --release --locked (about 4 minutes)"
(cd "$dd/pg_documentdb_gw" && cargo build --release --locked --quiet)
cp "$dd/pg_documentdb_gw/target/release/documentdb_gateway" "$stage/bin/documentdb-gateway"

rm -rf "$prefix"
mv "$stage" "$prefix"
step "done: $prefix"
