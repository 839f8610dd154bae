# shellcheck shell=bash disable=SC2034 # the constants below are read by the scripts that source this
# Sourced by every deploy/ecs script: the names that must not drift, logging, the dry-run switch
# and the error trap that names the failing command.

ECS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
REPO_ROOT=$(cd "$ECS_DIR/../.." && pwd)
SCRIPTS_DIR=$ECS_DIR/scripts

DEFAULT_CLUSTER=retail-store-ecs-cluster
DEFAULT_STACK=retail-store-ecs-env
NAMESPACE=retailstore.local
LOAD_BALANCER=retail-store-ecs-ui
TARGET_GROUP=ui-application
# The ECS services: the three the workshop deploys, then the three of the full store.
LAB_SERVICES=(ui catalog assets)
FULL_STORE_SERVICES=(carts checkout orders)
# Images are built per source folder: services/cart makes retail-store-sample-cart, which runs as
# the ECS service "carts" (the reference names them the same way).
IMAGES=(ui catalog cart checkout orders assets)

DRY_RUN=0

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# The options every script takes, and the error for any other; the script defines usage().
common_option() {
  case $1 in
    --dry-run) DRY_RUN=1 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
}

on_error() {
  printf 'error: %s stopped at line %s: %s exited with status %s\n' "${0##*/}" "$2" "$3" "$1" >&2
}
set -E
trap 'on_error "$?" "$LINENO" "$BASH_COMMAND"' ERR

# A command the way a shell reads it back, so a dry run can be pasted: plain words as they are,
# anything else in single quotes.
quoted() {
  local arg line=
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_@%+=:,./-]+$ ]]; then
      line+=" $arg"
    else
      line+=" '${arg//\'/\'\\\'\'}'"
    fi
  done
  printf '%s' "${line# }"
}

show() { printf '+ %s\n' "$(quoted "$@")" >&2; }

# Names the failed command, whose own message (if any) is just above.
fail() {
  local status=$1
  shift
  die "$(quoted "$@") failed with exit status $status"
}

run() {
  show "$@"
  if ((DRY_RUN)); then return 0; fi
  "$@" || fail "$?" "$@"
}

# capture PLACEHOLDER COMMAND...: runs a query and prints its output; a dry run prints the
# command and answers PLACEHOLDER instead, so the commands that depend on it can be shown.
capture() {
  local placeholder=$1
  shift
  show "$@"
  if ((DRY_RUN)); then
    printf '%s\n' "$placeholder"
    return 0
  fi
  "$@" || fail "$?" "$@"
}

need_command() {
  if ((DRY_RUN)); then return 0; fi
  command -v "$1" >/dev/null 2>&1 || die "$1 is not installed or not on PATH"
}

# require_vars HINT NAME...: stops naming every unset variable at once.
require_vars() {
  local hint=$1 name missing=()
  shift
  for name in "$@"; do
    [[ -n ${!name:-} ]] || missing+=("$name")
  done
  if ((${#missing[@]} > 0)); then
    die "missing ${missing[*]} ($hint)"
  fi
}

# The version in the root package.json: the default image tag of push and render.
repo_version() {
  local version
  version=$(sed -n 's/^  "version": *"\([^"]*\)".*/\1/p' "$REPO_ROOT/package.json" | head -n 1)
  [[ -n $version ]] || die "no version in $REPO_ROOT/package.json"
  printf '%s\n' "$version"
}

contains() {
  local needle=$1 item
  shift
  for item in "$@"; do [[ $item == "$needle" ]] && return 0; done
  return 1
}
