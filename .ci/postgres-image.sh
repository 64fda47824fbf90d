#!/usr/bin/env bash
# Provides what the Testcontainers path needs on a host that has no container registry:
# a running Docker engine and a PostgreSQL image built locally from Debian's packages.
# Every step is skipped when its result is already there, so a second run takes about a second.
# Prints the image's name on standard output (everything else goes to standard error); the tag
# carries a hash of this script, so a changed recipe builds a new image instead of reusing a stale one.
# Measured background: ../shared/notes/postgres-image-without-registry.md
set -euo pipefail

# PostgreSQL 17 is Debian 13 (trixie)'s default; bookworm has only 15, and bookworm-backports does
# not carry PostgreSQL. Bookworm's debootstrap knows trixie (a link to its sid script), its
# debian-archive-keyring holds trixie's keys, and the mirror apt uses serves trixie too.
pg=17
suite=trixie
image="blogdb/postgres:$pg-$suite-$(sha256sum "$0" | cut -c1-12)"
log() { printf '[postgres-image] %s\n' "$*" >&2; }

missing=()
command -v dockerd >/dev/null || missing+=(docker.io)
command -v containerd >/dev/null || missing+=(containerd)
command -v runc >/dev/null || missing+=(runc)
command -v iptables >/dev/null || missing+=(iptables)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1
fi

if ! docker info >/dev/null 2>&1; then
  # No systemd here: the engine is started by hand and outlives this script.
  log "starting dockerd"
  setsid nohup dockerd >/var/log/blogdb-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { log "dockerd did not answer; see /var/log/blogdb-dockerd.log"; exit 1; }
fi

if docker image inspect "$image" >/dev/null 2>&1; then
  log "image $image already present"
  echo "$image"
  exit 0
fi

log "building $image from Debian $suite's postgresql-$pg (about a minute)"
rootfs=$(mktemp -d /tmp/blogdb-pg-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
mirror=$(grep -rhoE 'https?://[^ ]+/debian/?$' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
debootstrap --variant=minbase --include="postgresql-$pg" "$suite" "$rootfs" "$mirror" >/tmp/blogdb-debootstrap.log 2>&1 \
  || { log "debootstrap failed; see /tmp/blogdb-debootstrap.log"; exit 1; }

# The package creates a default cluster and leaves apt caches: neither belongs in the image.
rm -rf "$rootfs/var/lib/postgresql/$pg" "$rootfs/etc/postgresql/$pg" "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
install -d -o "$(stat -c %u "$rootfs/var/lib/postgresql")" -g "$(stat -c %g "$rootfs/var/lib/postgresql")" "$rootfs/var/lib/postgresql/data"

# Mimics the official image's contract, which Testcontainers' PostgreSQL module relies on:
# POSTGRES_USER/PASSWORD/DB, and "ready to accept connections" logged twice (a temporary
# socket-only server for initialisation, then the real one).
cat > "$rootfs/usr/local/bin/docker-entrypoint.sh" <<'ENTRY'
#!/bin/sh
set -eu
bin="/usr/lib/postgresql/$PG_MAJOR/bin"
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
[ "${1:-}" = postgres ] && shift
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-postgres}" > "$pwfile"
  # UTF8 with a Unicode-aware ctype, as the official image has: otherwise initdb picks SQL_ASCII
  # and C here, where char_length counts bytes and lower() knows only ASCII.
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  "$bin/initdb" -D "$PGDATA" -U "$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  "$bin/pg_ctl" -D "$PGDATA" -w -o "-c listen_addresses='' -k /tmp" start
  if [ "$db" != postgres ]; then
    "$bin/psql" -v ON_ERROR_STOP=1 -h /tmp -U "$user" -d postgres -qc "CREATE DATABASE \"$db\""
  fi
  "$bin/pg_ctl" -D "$PGDATA" -m fast -w stop
fi
exec "$bin/postgres" -k /tmp "$@"
ENTRY
chmod 755 "$rootfs/usr/local/bin/docker-entrypoint.sh"

# PG_MAJOR and PATH as in the official image, so that pg_ctl, pg_basebackup and the other
# server tools also answer by name in `docker exec` (only some have a wrapper in /usr/bin).
tar -C "$rootfs" -c . | docker import \
  --change "ENV PG_MAJOR=$pg" \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/$pg/bin" \
  --change 'ENV PGDATA=/var/lib/postgresql/data' \
  --change 'USER postgres' \
  --change 'EXPOSE 5432' \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  - "$image" >/dev/null
log "built $image"
# Images from earlier versions of this recipe are never used again.
docker images --format '{{.Repository}}:{{.Tag}}' blogdb/postgres | grep -vxF "$image" | xargs -r docker rmi >/dev/null 2>&1 || true
echo "$image"
