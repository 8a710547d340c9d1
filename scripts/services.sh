#!/usr/bin/env bash
# Service harness for tests and the demo: Redis, a private Dovecot (IMAP) and FerretDB (MongoDB wire
# protocol, SQLite backend); `up` also installs Debian's chromium for the digest's screenshot test.
#
#   scripts/services.sh up       start what is missing, reuse what runs, write <state>/env
#   scripts/services.sh down     stop only what `up` started
#   scripts/services.sh status   print each service and whether it answers (exit 1 if one does not)
#   scripts/services.sh env      print <state>/env (`eval "$(scripts/services.sh env)"`), with CHROMIUM_PATH
#
# Settings (environment): RT_SERVICES_DIR (state, default <repo>/.services), RT_IMAP_PORT (1143),
# RT_MONGO_PORT (27018), RT_REDIS_PORT (6379), RT_OAUTH2_PORT (9143), TEST_IMAP_PASSWORD (secret), MONGODB_URI (when set,
# used as is and no FerretDB is started), RT_FERRETDB_BIN (default $(go env GOPATH)/bin/ferretdb).
# Progress goes to stderr; only `env` writes to stdout.
#
# Several clones at once: each has its own state dir, Dovecot and FerretDB. Where the default IMAP or
# MongoDB port is taken by another clone's server (and RT_IMAP_PORT / RT_MONGO_PORT is not set), `up`
# picks a free port derived from the state dir's path and keeps it in <state>/ports for later runs.
# Redis answering on its port is shared (tests use their own queue prefixes).
set -euo pipefail
shopt -s inherit_errexit # a failing step inside $(...) fails the function, not just that line

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${RT_SERVICES_DIR:-$REPO/.services}
mkdir -p "$STATE"
STATE=$(cd "$STATE" && pwd) # absolute: it ends up in Dovecot's and FerretDB's configuration

STATE_HASH=$(printf %s "$STATE" | sha1sum | cut -c1-10)
PORTS_FILE=$STATE/ports # imap=N and mongo=N, as `up` chose them

# The port recorded for $1 in PORTS_FILE, or nothing.
recorded_port() { [[ -f $PORTS_FILE ]] && sed -n "s/^$1=\([0-9][0-9]*\)\$/\1/p" "$PORTS_FILE" | head -n1 || true; }

IMAP_PORT=${RT_IMAP_PORT:-$(recorded_port imap)}
IMAP_PORT=${IMAP_PORT:-1143}
MONGO_PORT=${RT_MONGO_PORT:-$(recorded_port mongo)}
MONGO_PORT=${MONGO_PORT:-27018}
IMAP_PASSWORD=${TEST_IMAP_PASSWORD:-secret}
REDIS_PORT=${RT_REDIS_PORT:-6379}
FERRETDB_VERSION=v1.24.2

ENV_FILE=$STATE/env
STARTED=$STATE/started # one line per service this script started: redis, dovecot, ferretdb

DC_DIR=$STATE/dovecot
DC_CONF=$DC_DIR/dovecot.conf
DC_LOG=$DC_DIR/dovecot.log
# base_dir holds Unix sockets, whose paths must stay under ~108 bytes: keep it short and out of the
# state dir (which may be deep), but still unique per state dir so two checkouts never collide.
DC_BASE=/tmp/rt-dovecot-$STATE_HASH
# The Maildirs, written by mail processes running as uid 65534: in the state dir where that uid can
# reach it, else (a clone under a 0700 or 0750 home directory) under /tmp. See dovecot_mail_dir.
DC_MAIL_IN_STATE=$DC_DIR/mail
DC_MAIL_IN_TMP=/tmp/rt-dovecot-mail-$STATE_HASH
DC_MAIL=$DC_MAIL_IN_STATE

FDB_DIR=$STATE/ferretdb
FDB_PID=$FDB_DIR/ferretdb.pid
FDB_LOG=$FDB_DIR/ferretdb.log
OUR_MONGO_URI=mongodb://127.0.0.1:$MONGO_PORT/

REDIS_LOG=$STATE/redis.log

# The local OAuth2 server (scripts/oauth2-server.mjs): tokens for the Dovecot oauth2 passdb's users.
OAUTH2_PORT=${RT_OAUTH2_PORT:-$(recorded_port oauth2)}
OAUTH2_PORT=${OAUTH2_PORT:-9143}
O2_DIR=$STATE/oauth2
O2_PID=$O2_DIR/oauth2-server.pid
O2_LOG=$O2_DIR/oauth2-server.log
O2_CLIENT_ID=refund-tracker-test
O2_CLIENT_SECRET=test-client-secret
O2_INTROSPECT_USER=dovecot
O2_INTROSPECT_SECRET=test-introspect-secret

log() { echo "services.sh: $*" >&2; }
die() {
  echo "services.sh: ERROR: $*" >&2
  exit 1
}

# --- small helpers -----------------------------------------------------------------------------------

# True when something accepts TCP connections on host:port. The subshell keeps the fd and the
# redirection of stderr local.
tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# True when an IMAP server greets with "* OK" on 127.0.0.1:port.
imap_answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1"
    IFS= read -r -t 3 line <&3
    printf 'a LOGOUT\r\n' >&3
    [[ $line == "* OK"* ]]
  ) 2>/dev/null
}

not() { ! "$@"; }
pid_gone() { ! kill -0 "$1" 2>/dev/null; }

redis_answers() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

# wait_for SECONDS COMMAND...: poll every 0.2 s.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

# True when the pid in file $1 is alive and its command name is $2. /proc/PID/stat reads
# "PID (COMM) STATE ...": a zombie (Z) has exited but is not reaped yet (seen here when PID 1 is slow).
pid_alive() {
  local pid stat
  [[ -s $1 ]] || return 1
  pid=$(head -n1 "$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $stat == "$pid ($2) "[^Z]* ]]
}

# A free TCP port for this state dir: from 20000 + (hash of the state dir's path mod 20000) upwards,
# so two clones asking at once start from different ports; never one PORTS_FILE already gives to
# another of our servers (it may not listen yet).
free_port() {
  local port=$((20000 + 16#${STATE_HASH:0:4} % 20000)) tries
  for ((tries = 0; tries < 200; tries++, port++)); do
    if ! tcp_open 127.0.0.1 "$port" && ! { [[ -f $PORTS_FILE ]] && grep -qx "[a-z0-9]*=$port" "$PORTS_FILE"; }; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found from $((port - 200)) to $port"
}

# record_port NAME PORT: keep the chosen port for the next `up`, `status` and `down`.
record_port() {
  local tmp
  tmp=$(mktemp "$STATE/ports.XXXXXX")
  { [[ -f $PORTS_FILE ]] && grep -v "^$1=" "$PORTS_FILE" || true; } >"$tmp"
  echo "$1=$2" >>"$tmp"
  mv "$tmp" "$PORTS_FILE"
}

was_started() { [[ -f $STARTED ]] && grep -qx "$1" "$STARTED"; }
mark_started() { was_started "$1" || echo "$1" >>"$STARTED"; }
unmark_started() {
  [[ -f $STARTED ]] || return 0
  grep -vx "$1" "$STARTED" >"$STARTED.tmp" || true
  mv "$STARTED.tmp" "$STARTED"
}

# Last lines of a log, for error messages.
log_tail() { [[ -f $1 ]] && tail -n 15 "$1" | sed 's/^/    /' >&2 || true; }

# Only one `up`/`down` at a time (vitest and a demo may start together). Daemons started below get
# `9>&-` so they do not inherit, and hold, the lock.
take_lock() {
  exec 9>"$STATE/.lock"
  flock -w 600 9 || die "another services.sh holds $STATE/.lock"
}

# The MongoDB URI to use: the caller's MONGODB_URI, unless it is our own FerretDB's (e.g. from a
# sourced env file), in which case we manage FerretDB as usual.
external_mongo_uri() {
  if [[ -n ${MONGODB_URI:-} && $MONGODB_URI != "$OUR_MONGO_URI" ]]; then
    echo "$MONGODB_URI"
  fi
}

# --- Redis -------------------------------------------------------------------------------------------

redis_up() {
  if redis_answers; then
    log "redis: answering on 127.0.0.1:$REDIS_PORT (reused)"
  else
    command -v redis-server >/dev/null || die "redis: not answering on 127.0.0.1:$REDIS_PORT and redis-server is not installed (apt-get install -y redis-server)"
    log "redis: starting redis-server on 127.0.0.1:$REDIS_PORT (log: $REDIS_LOG)"
    mkdir -p "$STATE/redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir "$STATE/redis" --pidfile "$STATE/redis/redis.pid" --logfile "$REDIS_LOG" </dev/null >/dev/null 9>&- ||
      { log_tail "$REDIS_LOG"; die "redis: redis-server failed to start, see $REDIS_LOG"; }
    mark_started redis
    wait_for 10 redis_answers || { log_tail "$REDIS_LOG"; die "redis: started but does not answer PING, see $REDIS_LOG"; }
  fi
  # BullMQ refuses to trust a Redis that may evict its keys. Best-effort: a managed Redis may forbid it.
  if [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" CONFIG SET maxmemory-policy noeviction 2>&1) != OK ]]; then
    log "redis: warning: could not set maxmemory-policy noeviction (BullMQ will warn)"
  fi
}

redis_down() {
  was_started redis || return 0
  log "redis: stopping (started by services.sh)"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  wait_for 10 not tcp_open 127.0.0.1 "$REDIS_PORT" || die "redis: still answering after SHUTDOWN, see $REDIS_LOG"
  unmark_started redis
}

# --- Dovecot (IMAP) ----------------------------------------------------------------------------------

dovecot_running() { pid_alive "$DC_BASE/master.pid" dovecot; }

dovecot_install() {
  command -v dovecot >/dev/null && return 0
  log "imap: installing dovecot-imapd (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y dovecot-imapd >&2 ||
    { apt-get update >&2 && apt-get install -y dovecot-imapd >&2; } ||
    die "imap: could not install dovecot-imapd with apt-get"
}

# Prints the configuration. Any user name logs in with the one test password (static passdb), so each
# test can use a fresh mailbox user; mail processes run as nobody (65534), never root.
dovecot_config() {
  cat <<EOF
# Generated by scripts/services.sh; edits are overwritten by the next \`up\`.
instance_name = refund-tracker-test
base_dir = $DC_BASE
state_dir = $DC_DIR/state
log_path = $DC_LOG
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_verbose = yes
mail_uid = 65534
mail_gid = 65534
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
# Users named oauth2-* log in with XOAUTH2/OAUTHBEARER only: access tokens checked against the local
# OAuth2 server on 127.0.0.1:$OAUTH2_PORT (introspection). Everyone else: the static password.
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  username_filter = oauth2-*
  args = $DC_DIR/dovecot-oauth2.conf.ext
}
# A password never opens an oauth2-* user: refused as a wrong password would be.
passdb {
  driver = static
  mechanisms = plain login
  username_filter = oauth2-*
  deny = yes
}
passdb {
  driver = static
  mechanisms = plain login
  username_filter = !oauth2-*
  args = password=$IMAP_PASSWORD
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$DC_MAIL/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  # Tests and the worker may hold several connections for one user at once (default 10).
  mail_max_userip_connections = 100
}
EOF
}

# True when uid 65534 (Dovecot's mail processes) can write directory $1: every parent needs o+x.
mail_uid_can_write() { setpriv --reuid 65534 --regid 65534 --clear-groups test -w "$1" 2>/dev/null; }

# Sets DC_MAIL: the state dir's mail/ where uid 65534 can write it, else /tmp/rt-dovecot-mail-<hash>.
dovecot_mail_dir() {
  mkdir -p "$DC_MAIL_IN_STATE"
  chown 65534:65534 "$DC_MAIL_IN_STATE"
  if mail_uid_can_write "$DC_MAIL_IN_STATE"; then
    DC_MAIL=$DC_MAIL_IN_STATE
    return 0
  fi
  # /tmp is shared: never follow a link someone else put at this name.
  [[ ! -L $DC_MAIL_IN_TMP ]] || die "imap: $DC_MAIL_IN_TMP is a symbolic link; remove it"
  mkdir -p "$DC_MAIL_IN_TMP"
  chown 65534:65534 "$DC_MAIL_IN_TMP"
  chmod 0700 "$DC_MAIL_IN_TMP"
  mail_uid_can_write "$DC_MAIL_IN_TMP" || die "imap: uid 65534 can write neither $DC_MAIL_IN_STATE nor $DC_MAIL_IN_TMP"
  log "imap: uid 65534 cannot reach $DC_MAIL_IN_STATE (a parent directory is not searchable by others): mail goes to $DC_MAIL_IN_TMP"
  DC_MAIL=$DC_MAIL_IN_TMP
}

# --- OAuth2 server (scripts/oauth2-server.mjs) --------------------------------------------------------

oauth2_running() { pid_alive "$O2_PID" node; }
oauth2_answers() { [[ $(curl -s --max-time 2 "http://127.0.0.1:$OAUTH2_PORT/healthz" 2>/dev/null) == ok ]]; }

# What Dovecot's oauth2 passdb reads: RFC 7662 introspection, POSTing token=..., Basic-authenticated.
dovecot_oauth2_config() {
  cat <<EOF
# Generated by scripts/services.sh; edits are overwritten by the next \`up\`.
introspection_mode = post
introspection_url = http://$O2_INTROSPECT_USER:$O2_INTROSPECT_SECRET@127.0.0.1:$OAUTH2_PORT/introspect
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
EOF
}

oauth2_up() {
  mkdir -p "$O2_DIR"
  # Another clone's server on the default port: take a free one (kept in PORTS_FILE).
  if [[ -z ${RT_OAUTH2_PORT:-} ]] && ! oauth2_running && tcp_open 127.0.0.1 "$OAUTH2_PORT"; then
    local taken=$OAUTH2_PORT
    OAUTH2_PORT=$(free_port)
    log "oauth2: 127.0.0.1:$taken is taken by a server this state dir did not start (another clone?): using $OAUTH2_PORT"
  fi
  record_port oauth2 "$OAUTH2_PORT"
  if oauth2_running; then
    log "oauth2: server already running (pid $(cat "$O2_PID")), reused"
  else
    if tcp_open 127.0.0.1 "$OAUTH2_PORT"; then
      die "oauth2: port 127.0.0.1:$OAUTH2_PORT is taken by a server services.sh did not start; stop it or set RT_OAUTH2_PORT"
    fi
    log "oauth2: starting scripts/oauth2-server.mjs on 127.0.0.1:$OAUTH2_PORT (log: $O2_LOG)"
    RT_OAUTH2_PORT=$OAUTH2_PORT RT_OAUTH2_CLIENT_ID=$O2_CLIENT_ID RT_OAUTH2_CLIENT_SECRET=$O2_CLIENT_SECRET \
      RT_OAUTH2_INTROSPECT_USER=$O2_INTROSPECT_USER RT_OAUTH2_INTROSPECT_SECRET=$O2_INTROSPECT_SECRET \
      nohup node "$REPO/scripts/oauth2-server.mjs" </dev/null >>"$O2_LOG" 2>&1 9>&- &
    echo $! >"$O2_PID"
    mark_started oauth2
  fi
  wait_for 10 oauth2_answers ||
    { log_tail "$O2_LOG"; die "oauth2: server does not answer on http://127.0.0.1:$OAUTH2_PORT/healthz, see $O2_LOG"; }
}

oauth2_down() {
  if oauth2_running; then
    log "oauth2: stopping the server"
    kill "$(cat "$O2_PID")"
    wait_for 10 not oauth2_running || die "oauth2: server still running after SIGTERM, see $O2_LOG"
  fi
  rm -f "$O2_PID"
  unmark_started oauth2
}

imap_up() {
  # The password lands unquoted in `args = password=...`: keep it to characters that need no escaping.
  [[ $IMAP_PASSWORD =~ ^[A-Za-z0-9._-]+$ ]] || die "imap: TEST_IMAP_PASSWORD may only contain letters, digits, '.', '_' and '-'"
  dovecot_install
  mkdir -p "$DC_DIR/state"
  dovecot_mail_dir
  # Another clone's server on the default port: take a free one (kept in PORTS_FILE).
  if [[ -z ${RT_IMAP_PORT:-} ]] && ! dovecot_running && tcp_open 127.0.0.1 "$IMAP_PORT"; then
    local taken=$IMAP_PORT
    IMAP_PORT=$(free_port)
    log "imap: 127.0.0.1:$taken is taken by a server this state dir did not start (another clone?): using $IMAP_PORT"
  fi
  record_port imap "$IMAP_PORT"

  local new changed=0
  dovecot_oauth2_config >"$DC_DIR/dovecot-oauth2.conf.ext"
  new=$(dovecot_config)
  if [[ ! -f $DC_CONF || $(cat "$DC_CONF") != "$new" ]]; then
    printf '%s\n' "$new" >"$DC_CONF"
    changed=1
  fi

  if dovecot_running; then
    if ((changed)); then
      log "imap: configuration changed, reloading Dovecot"
      doveadm -c "$DC_CONF" reload || die "imap: doveadm reload failed, see $DC_LOG"
    fi
    log "imap: Dovecot already running (pid $(cat "$DC_BASE/master.pid")), reused"
  else
    if imap_answers "$IMAP_PORT" || tcp_open 127.0.0.1 "$IMAP_PORT"; then
      die "imap: port 127.0.0.1:$IMAP_PORT is taken by a server services.sh did not start; stop it or set RT_IMAP_PORT"
    fi
    log "imap: starting Dovecot on 127.0.0.1:$IMAP_PORT (log: $DC_LOG)"
    # A killed instance leaves master.pid behind. Dovecot only checks kill(pid, 0), which also succeeds
    # for an unreaped zombie or a recycled pid, and then refuses with "already running": drop the file.
    rm -f "$DC_BASE/master.pid"
    dovecot -c "$DC_CONF" </dev/null >>"$DC_LOG" 2>&1 9>&- ||
      { log_tail "$DC_LOG"; die "imap: dovecot -c $DC_CONF failed, see $DC_LOG"; }
    mark_started dovecot
  fi
  wait_for 20 imap_answers "$IMAP_PORT" ||
    { log_tail "$DC_LOG"; die "imap: Dovecot does not greet with '* OK' on 127.0.0.1:$IMAP_PORT, see $DC_LOG"; }
}

imap_down() {
  if dovecot_running; then
    log "imap: stopping Dovecot"
    # `doveadm stop` waits for the master to exit; starting again right after is safe.
    doveadm -c "$DC_CONF" stop >&2 || die "imap: doveadm stop failed, see $DC_LOG"
    wait_for 15 not dovecot_running ||
      die "imap: Dovecot still running after doveadm stop, see $DC_LOG"
    rm -rf "$DC_BASE" # sockets only; recreated by the next start
  fi
  unmark_started dovecot
}

# --- FerretDB (MongoDB wire protocol) ----------------------------------------------------------------

ferretdb_running() { pid_alive "$FDB_PID" ferretdb; }

# Prints the path of a working ferretdb binary, building it when needed.
ferretdb_bin() {
  local bin gopath
  if [[ -n ${RT_FERRETDB_BIN:-} ]]; then
    bin=$RT_FERRETDB_BIN
  else
    command -v go >/dev/null || die "mongodb: MONGODB_URI is not set and Go is missing (needed to build FerretDB)"
    gopath=$(go env GOPATH)
    bin=${gopath%%:*}/bin/ferretdb
  fi
  if [[ -x $bin ]] && "$bin" --version >/dev/null 2>&1; then
    echo "$bin"
    return
  fi
  # `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at start:
  # the module zip lacks the generated build/version/version.txt. So build from a copy of the module
  # source with that file written.
  command -v go >/dev/null || die "mongodb: $bin is missing or broken and Go is not installed"
  log "mongodb: building FerretDB $FERRETDB_VERSION into $bin (about a minute, longer on a cold Go cache; log: $FDB_LOG)"
  local moddir src
  moddir=$(go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" 2>>"$FDB_LOG" |
    sed -n 's/.*"Dir": *"\([^"]*\)".*/\1/p') || true
  [[ -n $moddir && -d $moddir ]] || { log_tail "$FDB_LOG"; die "mongodb: go mod download of FerretDB failed, see $FDB_LOG"; }
  src=$(mktemp -d)
  cp -r "$moddir/." "$src"
  chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" >"$src/build/version/version.txt"
  mkdir -p "$(dirname "$bin")"
  # A temporary name of this process's own, then an atomic rename: two clones building at once each
  # install a whole binary, and neither moves the other's half-written file.
  local tmp_bin=$bin.tmp.$$
  if ! (cd "$src" && go build -buildvcs=false -trimpath -o "$tmp_bin" ./cmd/ferretdb) >>"$FDB_LOG" 2>&1; then
    rm -rf "$src" "$tmp_bin"
    log_tail "$FDB_LOG"
    die "mongodb: building FerretDB failed, see $FDB_LOG"
  fi
  rm -rf "$src"
  mv -f "$tmp_bin" "$bin" || die "mongodb: could not install the FerretDB binary at $bin"
  "$bin" --version >/dev/null 2>&1 || die "mongodb: the FerretDB binary built at $bin does not run, see $FDB_LOG"
  echo "$bin"
}

mongo_up() {
  if [[ -n $(external_mongo_uri) ]]; then
    log "mongodb: using MONGODB_URI from the environment; FerretDB not started"
    return
  fi
  mkdir -p "$FDB_DIR/data" "$FDB_DIR/state"
  # Another clone's server on the default port: take a free one (kept in PORTS_FILE).
  if [[ -z ${RT_MONGO_PORT:-} ]] && ! ferretdb_running && tcp_open 127.0.0.1 "$MONGO_PORT"; then
    local taken=$MONGO_PORT
    MONGO_PORT=$(free_port)
    OUR_MONGO_URI=mongodb://127.0.0.1:$MONGO_PORT/
    log "mongodb: 127.0.0.1:$taken is taken by a server this state dir did not start (another clone?): using $MONGO_PORT"
  fi
  record_port mongo "$MONGO_PORT"
  if ferretdb_running; then
    log "mongodb: FerretDB already running (pid $(cat "$FDB_PID")), reused"
  else
    if tcp_open 127.0.0.1 "$MONGO_PORT"; then
      die "mongodb: port 127.0.0.1:$MONGO_PORT is taken by a server services.sh did not start; stop it, set RT_MONGO_PORT, or set MONGODB_URI"
    fi
    local bin
    bin=$(ferretdb_bin)
    log "mongodb: starting FerretDB on 127.0.0.1:$MONGO_PORT (log: $FDB_LOG)"
    # setsid: own session, so a Ctrl-C aimed at the caller (e.g. vitest) does not kill it.
    # --debug-addr=- disables the debug HTTP listener (default 127.0.0.1:8088), one port less to clash.
    setsid "$bin" --handler=sqlite --sqlite-url="file:$FDB_DIR/data/" \
      --listen-addr="127.0.0.1:$MONGO_PORT" --telemetry=disable --state-dir="$FDB_DIR/state" \
      --debug-addr=- </dev/null >>"$FDB_LOG" 2>&1 9>&- &
    echo $! >"$FDB_PID"
    mark_started ferretdb
  fi
  wait_for 30 tcp_open 127.0.0.1 "$MONGO_PORT" ||
    { log_tail "$FDB_LOG"; die "mongodb: FerretDB does not accept connections on 127.0.0.1:$MONGO_PORT, see $FDB_LOG"; }
  ferretdb_running || { log_tail "$FDB_LOG"; die "mongodb: FerretDB exited, see $FDB_LOG"; }
}

mongo_down() {
  if ferretdb_running; then
    local pid
    pid=$(cat "$FDB_PID")
    log "mongodb: stopping FerretDB (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_for 15 pid_gone "$pid"; then
      log "mongodb: FerretDB ignored SIGTERM for 15 s, killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$FDB_PID"
  unmark_started ferretdb
}

# --- Chromium (the digest's screenshot test) -----------------------------------------------------------

# Debian's chromium package; headless Chromium renders the digest at desktop and phone widths.
chromium_bin() { command -v chromium || command -v chromium-browser || true; }

chromium_install() {
  [[ -n $(chromium_bin) ]] && return 0
  log "chromium: installing chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium >&2 ||
    { apt-get update >&2 && apt-get install -y chromium >&2; } ||
    die "chromium: could not install chromium with apt-get"
  [[ -n $(chromium_bin) ]] || die "chromium: installed, but no chromium on PATH"
}

# --- commands ----------------------------------------------------------------------------------------

# Values are single-quoted ('\'' for a quote) so the file is safe to `source`; test/support/services.ts
# parses the same form.
write_env() {
  local mongo_uri tmp
  mongo_uri=$(external_mongo_uri)
  mongo_uri=${mongo_uri:-$OUR_MONGO_URI}
  tmp=$(mktemp "$STATE/env.XXXXXX")
  {
    for kv in "REDIS_URL=redis://127.0.0.1:$REDIS_PORT" "MONGODB_URI=$mongo_uri" \
      "TEST_IMAP_HOST=127.0.0.1" "TEST_IMAP_PORT=$IMAP_PORT" "TEST_IMAP_PASSWORD=$IMAP_PASSWORD" \
      "CHROMIUM_PATH=$(chromium_bin)" "TEST_OAUTH2_URL=http://127.0.0.1:$OAUTH2_PORT" \
      "TEST_OAUTH2_CLIENT_ID=$O2_CLIENT_ID" "TEST_OAUTH2_CLIENT_SECRET=$O2_CLIENT_SECRET"; do
      local v=${kv#*=}
      printf "export %s='%s'\n" "${kv%%=*}" "${v//\'/\'\\\'\'}"
    done
  } >"$tmp"
  chmod 644 "$tmp" # mktemp makes it 0600; test runners may be another user
  mv "$tmp" "$ENV_FILE"
}

cmd_up() {
  take_lock
  redis_up
  oauth2_up # before Dovecot, whose oauth2 passdb asks it
  imap_up
  mongo_up
  chromium_install
  write_env
  log "all services up; environment in $ENV_FILE"
}

cmd_down() {
  take_lock
  # Dovecot and FerretDB instances in this state dir are ours by construction (private base_dir, pid
  # file); Redis only goes down if the record says we started it.
  imap_down
  oauth2_down
  mongo_down
  redis_down
  rm -f "$ENV_FILE"
  log "services started by services.sh are stopped"
}

cmd_status() {
  local ok=0 mongo_uri hostport state
  report() { printf '%-8s %-32s %s\n' "$1" "$2" "$3"; }
  if redis_answers; then state=answers; else state="NOT answering" ok=1; fi
  was_started redis && state="$state (started by services.sh)"
  report redis "redis://127.0.0.1:$REDIS_PORT" "$state"

  if imap_answers "$IMAP_PORT"; then state=answers; else state="NOT answering" ok=1; fi
  dovecot_running && state="$state (Dovecot pid $(cat "$DC_BASE/master.pid"))"
  report imap "127.0.0.1:$IMAP_PORT" "$state"

  if oauth2_answers; then state=answers; else state="NOT answering" ok=1; fi
  oauth2_running && state="$state (oauth2-server pid $(cat "$O2_PID"))"
  report oauth2 "http://127.0.0.1:$OAUTH2_PORT" "$state"

  mongo_uri=$(external_mongo_uri)
  mongo_uri=${mongo_uri:-$OUR_MONGO_URI}
  hostport=${mongo_uri#*://}
  hostport=${hostport#*@}      # drop credentials
  hostport=${hostport%%[/?,]*} # first host only
  [[ $hostport == *:* ]] || hostport=$hostport:27017
  if tcp_open "${hostport%:*}" "${hostport##*:}"; then state=answers; else state="NOT answering" ok=1; fi
  ferretdb_running && state="$state (FerretDB pid $(cat "$FDB_PID"))"
  report mongodb "mongodb://$hostport" "$state" # never print credentials
  return "$ok"
}

cmd_env() {
  [[ -f $ENV_FILE ]] || die "no $ENV_FILE: run 'scripts/services.sh up' first"
  cat "$ENV_FILE"
}

case ${1:-} in
up) cmd_up ;;
down) cmd_down ;;
status) cmd_status ;;
env) cmd_env ;;
*)
  echo "usage: $0 up|down|status|env" >&2
  exit 2
  ;;
esac
