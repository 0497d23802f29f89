#!/usr/bin/env bash
# Entrypoint of the docker-compose MongoDB (mongo image, runs as root, then the image's own
# entrypoint drops to the mongodb user): makes the replica set's keyFile once, then hands over.
#
# Access control on a replica set needs a keyFile: the members authenticate each other with it, and
# it switches authorization on. The set of docker-compose.yml has one member, so a random key made
# on the first start, kept in the config volume, is enough. With more members (docker-compose.cluster.yml)
# every one needs the same key: MONGO_KEYFILE_FROM names a file they all mount (made once by the
# one-shot mongo-keyfile there; production hands it over as a secret), copied here. The file must
# belong to mongodb and be readable by it alone, which a mounted file cannot promise, hence this script.
#
# The image's docker-entrypoint.sh then creates the root user (MONGO_INITDB_ROOT_*) and runs
# /docker-entrypoint-initdb.d/* on the first start of an empty data volume, on a temporary
# standalone mongod without --replSet, --keyFile or --auth; the real start has all three.
set -euo pipefail
key=/data/configdb/keyfile
if [ -n "${MONGO_KEYFILE_FROM:-}" ]; then
  if [ ! -s "$MONGO_KEYFILE_FROM" ]; then echo "mongo: MONGO_KEYFILE_FROM=$MONGO_KEYFILE_FROM is missing or empty" >&2; exit 1; fi
  umask 077
  cp "$MONGO_KEYFILE_FROM" "$key"
elif [ ! -s "$key" ]; then
  umask 077
  # 756 random bytes -> 1008 base64 characters (a keyFile holds 6 to 1024 of them)
  head -c 756 /dev/urandom | base64 -w 0 > "$key"
fi
chown mongodb:mongodb "$key"
chmod 400 "$key"
exec docker-entrypoint.sh "$@"
