#!/usr/bin/env bash
# Renders the task definition and scaling policy templates: every ${NAME} placeholder is replaced
# by the variable's value, and a template that needs an unset variable stops the run.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

LAB_TEMPLATES=(ui ui-banner ui-endpoints catalog assets ui-scaling-policy)
ALL_TEMPLATES=(ui ui-banner ui-endpoints ui-full catalog assets carts checkout orders ui-scaling-policy)
# The only placeholders a template may use; anything else in ${...} is a mistake in the template.
PLACEHOLDERS=(ACCOUNT_ID AWS_REGION IMAGE_REGISTRY IMAGE_TAG CATALOG_DB_SECRET_ARN
  ORDERS_DB_SECRET_ARN ORDERS_MQ_SECRET_ARN UI_ALB_PREFIX UI_TG_PREFIX)

usage() {
  cat <<EOF
Usage: ${0##*/} [options] [TEMPLATE...]

Renders deploy/ecs templates into OUT_DIR/task-definitions/<name>.json and
OUT_DIR/autoscaling/ui-scaling-policy.json, ready for --cli-input-json file://...

Templates: ${ALL_TEMPLATES[*]}
(default: all of them)

Options:
  --lab             only the workshop's: ${LAB_TEMPLATES[*]}
  --out-dir DIR     where to write (default: deploy/ecs/rendered)
  --dry-run         check the variables and list the files, write nothing
  -h, --help        show this help

Variables (source deploy/ecs/env.sh to get them from the environment stack):
  ACCOUNT_ID, AWS_REGION      always
  IMAGE_REGISTRY              default: \$ACCOUNT_ID.dkr.ecr.\$AWS_REGION.amazonaws.com
  IMAGE_TAG                   default: the version in package.json ($(repo_version))
  CATALOG_DB_SECRET_ARN       catalog
  ORDERS_DB_SECRET_ARN, ORDERS_MQ_SECRET_ARN   orders
  UI_ALB_PREFIX, UI_TG_PREFIX ui-scaling-policy
EOF
}

template_path() {
  if [[ $1 == ui-scaling-policy ]]; then
    echo "$ECS_DIR/autoscaling/$1.json"
  else
    echo "$ECS_DIR/task-definitions/$1.json"
  fi
}

# Every distinct placeholder name in a file, one a line.
placeholders_in() {
  local text=$1 rest name seen=" "
  rest=$text
  while [[ $rest =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
    name=${BASH_REMATCH[1]}
    rest=${rest#*"${BASH_REMATCH[0]}"}
    if [[ $seen != *" $name "* ]]; then
      seen+="$name "
      printf '%s\n' "$name"
    fi
  done
}

# render NAME check|write: "check" stops on a missing variable before any file is written.
render() {
  local name=$1 mode=$2 src dst text placeholder value missing=()
  src=$(template_path "$name")
  [[ -f $src ]] || die "no template $src"
  text=$(<"$src")
  local placeholders=()
  while IFS= read -r placeholder; do
    placeholders+=("$placeholder")
  done < <(placeholders_in "$text")
  for placeholder in "${placeholders[@]}"; do
    contains "$placeholder" "${PLACEHOLDERS[@]}" || die "$src: unknown placeholder \${$placeholder}"
    [[ -n ${!placeholder:-} ]] || missing+=("$placeholder")
  done
  if ((${#missing[@]} > 0)); then
    die "$name needs ${missing[*]} (source deploy/ecs/env.sh, or export them; see --help)"
  fi
  for placeholder in "${placeholders[@]}"; do
    value=${!placeholder}
    # The values land inside JSON strings: nothing that could end the string or be expanded again.
    [[ $value != *[\"\\\$]* && $value != *[[:cntrl:]]* ]] ||
      die "$placeholder has a character that cannot go into the JSON unescaped: $value"
    text=${text//"\${$placeholder}"/"$value"}
  done
  [[ $mode == write ]] || return 0
  dst=$OUT_DIR/$(basename "$(dirname "$src")")/$name.json
  if ((DRY_RUN)); then
    log "would write $dst"
    return 0
  fi
  mkdir -p "$(dirname "$dst")"
  printf '%s\n' "$text" >"$dst"
  log "wrote $dst"
}

OUT_DIR=$ECS_DIR/rendered
selected=()
while (($# > 0)); do
  case $1 in
    --lab) selected+=("${LAB_TEMPLATES[@]}") ;;
    --out-dir)
      [[ $# -ge 2 ]] || die "--out-dir needs a value"
      OUT_DIR=$2
      shift
      ;;
    -*) common_option "$1" ;;
    *)
      contains "$1" "${ALL_TEMPLATES[@]}" || die "unknown template $1 (one of: ${ALL_TEMPLATES[*]})"
      selected+=("$1")
      ;;
  esac
  shift
done
((${#selected[@]} > 0)) || selected=("${ALL_TEMPLATES[@]}")

require_vars "source deploy/ecs/env.sh, or export them" ACCOUNT_ID AWS_REGION
[[ $ACCOUNT_ID =~ ^[0-9]{12}$ ]] || die "ACCOUNT_ID must be 12 digits, got: $ACCOUNT_ID"
[[ $AWS_REGION =~ ^[a-z]{2}(-[a-z]+)+-[0-9]+$ ]] || die "AWS_REGION does not look like a region: $AWS_REGION"
IMAGE_REGISTRY=${IMAGE_REGISTRY:-$ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com}
IMAGE_TAG=${IMAGE_TAG:-$(repo_version)}

log "rendering ${selected[*]} with images $IMAGE_REGISTRY/retail-store-sample-<service>:$IMAGE_TAG"
for name in "${selected[@]}"; do
  render "$name" check
done
for name in "${selected[@]}"; do
  render "$name" write
done
