#!/usr/bin/env bash
# Run a command against a throwaway MariaDB server.
#
#   bash scripts/with-mariadb.sh <command> [args...]
#
# Starts a private MariaDB instance in a fresh temporary folder (own data dir,
# socket, pid file and a free TCP port on 127.0.0.1), creates database `cs`
# (utf8mb4 / utf8mb4_unicode_ci) and user cs/cs with ALL privileges on cs.*,
# then runs the command with
#
#   TEST_DATABASE_URL=mysql://cs:cs@127.0.0.1:<port>/cs
#   MARIADB_SOCKET=<tmpdir>/sock
#
# exported. WITH_MARIADB_OPTIONS, when set, adds server options (space-separated,
# e.g. "--innodb-buffer-pool-size=1G"). The server is always shut down and the
# folder removed afterwards (also on Ctrl-C / SIGTERM); the script exits with
# the command's exit code.
# Several copies may run at the same time. This script never installs
# anything: it needs the `mariadb-server` Debian package already installed.
set -euo pipefail

log() { printf '[with-mariadb] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-mariadb.sh <command> [args...]" >&2
  exit 2
fi

# mariadbd lives in /usr/sbin, which is not on a normal user's PATH.
case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin" ;; esac
case ":$PATH:" in *:/usr/local/sbin:*) ;; *) PATH="$PATH:/usr/local/sbin" ;; esac
export PATH

for tool in mariadbd mariadb-install-db mariadb-admin mariadb; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found. Install MariaDB first:
    DEBIAN_FRONTEND=noninteractive apt-get install -y mariadb-server
(this script does not install anything; .ci/run does)."
done

START_TIMEOUT="${WITH_MARIADB_START_TIMEOUT:-30}"   # seconds to wait for the server
STOP_TIMEOUT=30

# --user is only meaningful (and only allowed without a warning) as root.
me="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  admin_user=root
  user_opt=(--user=root)
else
  admin_user="$me"
  user_opt=()
fi

# Extra server options from the environment (word-split on purpose: one option per word).
read -r -a extra_opts <<<"${WITH_MARIADB_OPTIONS:-}"

dir="$(mktemp -d "${TMPDIR:-/tmp}/with-mariadb.XXXXXX")"
sock="$dir/sock"
pidfile="$dir/pid"
errlog="$dir/err.log"
server_pid=""
child_pid=""

admin() { mariadb-admin --no-defaults --socket="$sock" -u"$admin_user" "$@"; }
sql() { mariadb --no-defaults --socket="$sock" -u"$admin_user" "$@"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  set +e
  if [ -n "$child_pid" ] && kill -0 "$child_pid" 2>/dev/null; then
    kill -TERM "$child_pid" 2>/dev/null
    wait "$child_pid" 2>/dev/null
  fi
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    admin shutdown >/dev/null 2>&1 || kill -TERM "$server_pid" 2>/dev/null
    local i
    for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$server_pid" 2>/dev/null; then
      log "server did not stop in ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$server_pid" 2>/dev/null
    fi
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$dir"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Ask the OS for a free port on 127.0.0.1 (falls back to scanning from 3307).
free_port() {
  if command -v node >/dev/null 2>&1; then
    node --input-type=commonjs -e '
      const s = require("net").createServer();
      s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });
    ' && return 0
  fi
  local p
  for ((p = 3307 + RANDOM % 200; p < 65000; p++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

t0=$(date +%s%N)

mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
  --auth-root-authentication-method=socket --auth-root-socket-user="$admin_user" \
  --skip-test-db >"$dir/install.log" 2>&1 \
  || { cat "$dir/install.log" >&2; die "mariadb-install-db failed"; }

# Start the server. Another process may grab the port between our probe and
# mariadbd's bind, so retry with a new port when the server dies early.
port=""
started=""
for attempt in 1 2 3 4 5; do
  port="$(free_port)" || die "could not find a free TCP port"
  : >"$errlog"
  mariadbd --no-defaults "${user_opt[@]}" --datadir="$dir/data" \
    --socket="$sock" --pid-file="$pidfile" \
    --port="$port" --bind-address=127.0.0.1 \
    --log-error="$errlog" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-flush-log-at-trx-commit=2 "${extra_opts[@]}" </dev/null >/dev/null 2>&1 &
  server_pid=$!

  deadline=$(( $(date +%s) + START_TIMEOUT ))
  while :; do
    if admin ping >/dev/null 2>&1; then
      started=1
      break
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      break
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "MariaDB did not answer ping within ${START_TIMEOUT}s. Error log ($errlog):"
      cat "$errlog" >&2 || true
      die "MariaDB failed to start"
    fi
    sleep 0.1
  done
  [ -n "$started" ] && break
  if grep -qiE 'bind on tcp/ip port|address already in use' "$errlog"; then
    log "port $port was taken, retrying with another one (attempt $attempt)"
    continue
  fi
  log "mariadbd exited during start-up. Error log:"
  cat "$errlog" >&2 || true
  die "MariaDB failed to start"
done
[ -n "$started" ] || { cat "$errlog" >&2 || true; die "MariaDB failed to start (no usable port)"; }

sql <<'SQL' || die "could not create database/users"
CREATE DATABASE cs CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'cs'@'127.0.0.1' IDENTIFIED BY 'cs';
CREATE USER 'cs'@'localhost' IDENTIFIED BY 'cs';
GRANT ALL ON cs.* TO 'cs'@'127.0.0.1';
GRANT ALL ON cs.* TO 'cs'@'localhost';
SQL

t1=$(date +%s%N)
version="$(sql -N -B -e 'SELECT VERSION()')"
log "MariaDB $version ready on 127.0.0.1:$port (socket $sock) in $(( (t1 - t0) / 1000000 )) ms"

export TEST_DATABASE_URL="mysql://cs:cs@127.0.0.1:$port/cs"
export MARIADB_SOCKET="$sock"

# Run the command in the background and wait, so that INT/TERM reach our trap
# at once (the trap then stops the command and the server). Keep its stdin.
set +e
"$@" <&0 &
child_pid=$!
wait "$child_pid"
rc=$?
child_pid=""
set -e
exit "$rc"
