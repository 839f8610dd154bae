#!/usr/bin/env bash
# Builds the six service images and pushes them to the account's private ECR registry, creating
# the retail-store-sample-<service> repositories that are missing.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: ${0##*/} [options]

For each image: create the ECR repository retail-store-sample-<image> when missing, build
services/<image>/Dockerfile with the repository root as context, tag it with the version and
the git commit, and push both tags. Logs in to the registry first.

Options:
  --images "A B"        which images (default: ${IMAGES[*]})
  --tag TAG             version tag (default: the version in package.json, $(repo_version))
  --platform P          build platform (default: linux/amd64, what the task definitions run)
  --registry HOST       registry (default: \$ACCOUNT_ID.dkr.ecr.\$AWS_REGION.amazonaws.com)
  --container-engine E docker or podman (default: \$CONTAINER_ENGINE, else docker)
  --dry-run             print the aws and docker commands instead of running them
  -h, --help            show this help

Environment: AWS_REGION (required); ACCOUNT_ID (default: asked from aws sts).
EOF
}

# The repository exists after this, whether it did before or not.
ensure_repository() {
  local repository=$1
  show aws ecr describe-repositories --repository-names "$repository" --region "$AWS_REGION"
  if ((DRY_RUN)); then
    log "(when missing:)"
    show aws ecr create-repository --repository-name "$repository" \
      --image-scanning-configuration scanOnPush=true --region "$AWS_REGION"
    return 0
  fi
  if aws ecr describe-repositories --repository-names "$repository" --region "$AWS_REGION" >/dev/null 2>&1; then
    log "repository $repository exists"
    return 0
  fi
  log "creating repository $repository"
  run aws ecr create-repository --repository-name "$repository" \
    --image-scanning-configuration scanOnPush=true --region "$AWS_REGION" >/dev/null
}

# The password goes through a pipe, never through the command line or the log.
registry_login() {
  printf '+ %s | %s\n' "$(quoted aws ecr get-login-password --region "$AWS_REGION")" \
    "$(quoted "$CONTAINER_ENGINE" login --username AWS --password-stdin "$REGISTRY")" >&2
  if ((DRY_RUN)); then return 0; fi
  aws ecr get-login-password --region "$AWS_REGION" |
    "$CONTAINER_ENGINE" login --username AWS --password-stdin "$REGISTRY"
}

images=("${IMAGES[@]}")
TAG=
PLATFORM=linux/amd64
REGISTRY=
CONTAINER_ENGINE=${CONTAINER_ENGINE:-docker}
while (($# > 0)); do
  case $1 in
    --images | --tag | --platform | --registry | --container-engine)
      [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
      case $1 in
        --images) read -r -a images <<<"$2" ;;
        --tag) TAG=$2 ;;
        --platform) PLATFORM=$2 ;;
        --registry) REGISTRY=$2 ;;
        --container-engine) CONTAINER_ENGINE=$2 ;;
      esac
      shift
      ;;
    *) common_option "$1" ;;
  esac
  shift
done

for image in "${images[@]}"; do
  contains "$image" "${IMAGES[@]}" || die "unknown image $image (one of: ${IMAGES[*]})"
done
require_vars "export it, or source deploy/ecs/env.sh" AWS_REGION
need_command aws
need_command "$CONTAINER_ENGINE"
need_command git

TAG=${TAG:-$(repo_version)}
if ((DRY_RUN)); then
  COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '<git-sha>')
else
  COMMIT=$(git -C "$REPO_ROOT" rev-parse --short HEAD) || die "cannot read the git commit of $REPO_ROOT"
fi
if [[ -z $REGISTRY ]]; then
  ACCOUNT_ID=${ACCOUNT_ID:-$(capture '<account-id>' aws sts get-caller-identity --query Account --output text)}
  REGISTRY=$ACCOUNT_ID.dkr.ecr.$AWS_REGION.amazonaws.com
fi

# Every Dockerfile is checked before anything is pushed, so a run never stops half-way for that.
for image in "${images[@]}"; do
  dockerfile=$REPO_ROOT/services/$image/Dockerfile
  if [[ ! -f $dockerfile ]]; then
    if ((DRY_RUN)); then warn "$dockerfile does not exist yet"; else die "$dockerfile not found"; fi
  fi
done

log "pushing ${images[*]} to $REGISTRY as :$TAG and :$COMMIT ($PLATFORM)"
for image in "${images[@]}"; do
  ensure_repository "retail-store-sample-$image"
done
registry_login
for image in "${images[@]}"; do
  name=$REGISTRY/retail-store-sample-$image
  log "building $name"
  run "$CONTAINER_ENGINE" build --platform "$PLATFORM" --file "$REPO_ROOT/services/$image/Dockerfile" \
    --tag "$name:$TAG" --tag "$name:$COMMIT" "$REPO_ROOT"
  log "pushing $name"
  run "$CONTAINER_ENGINE" push "$name:$TAG"
  run "$CONTAINER_ENGINE" push "$name:$COMMIT"
done
log "done: set IMAGE_REGISTRY=$REGISTRY IMAGE_TAG=$TAG (or $COMMIT) when rendering"
