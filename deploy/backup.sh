#!/bin/sh
# The centre's backup: one pg_dump (custom format) per run into DIR, checked readable with
# pg_restore --list, then published under its final name; dumps older than
# $REALNAME_BACKUP_KEEP_DAYS days (default 30) are removed. Prints the new file's path.
# Usage: backup.sh DIR [DATABASE]   (DATABASE: a name or a postgresql:// URI; default realname)
# $PG_BIN: the folder of pg_dump and pg_restore when they are not the ones on the PATH (use
# the server's own version, /usr/lib/postgresql/<major>/bin, where several are installed).
set -eu
dir=${1:?usage: backup.sh DIR [DATABASE]}
db=${2:-realname}
keep=${REALNAME_BACKUP_KEEP_DAYS:-30}
bin=${PG_BIN:+$PG_BIN/}
umask 077
mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
partial="$dir/.realname-$stamp.dump.partial"
trap 'rm -f "$partial"' EXIT
"${bin}pg_dump" --format=custom --file "$partial" "$db"
"${bin}pg_restore" --list "$partial" >/dev/null
mv "$partial" "$dir/realname-$stamp.dump"
find "$dir" -maxdepth 1 -name 'realname-*.dump' -mtime +"$keep" -delete
echo "$dir/realname-$stamp.dump"
