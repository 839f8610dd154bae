#!/usr/bin/env bash
# Starts the local servers the integration suites use (PostgreSQL, MariaDB, Redis, RabbitMQ)
# when they are installed but not answering, with the machine's own start commands, and waits
# for each. Servers already running are left alone.
set -uo pipefail

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local name=$1 port=$2
  for _ in $(seq 1 60); do
    answers "$port" && { echo "local-servers: $name answers on :$port"; return 0; }
    sleep 1
  done
  echo "local-servers: $name did not come up on :$port" >&2
  return 1
}

start() {
  local name=$1 port=$2; shift 2
  if answers "$port"; then echo "local-servers: $name answers on :$port"; return 0; fi
  echo "local-servers: starting $name"
  "$@" >/dev/null 2>&1 || true
  wait_for "$name" "$port"
}

status=0
if [ -d /etc/postgresql ]; then
  start postgresql 5432 pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || status=1
fi
command -v redis-server >/dev/null && { start redis 6379 redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log || status=1; }
command -v rabbitmq-server >/dev/null && { start rabbitmq 5672 rabbitmq-server -detached || status=1; }
[ -x /usr/sbin/mariadbd ] && { start mariadb 3306 start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || status=1; }
exit $status
