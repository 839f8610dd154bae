#!/usr/bin/env bash
# Removes what deploy.sh and the workshop created: UI auto scaling, the six services, the task
# definition revisions, the cluster and the ECS Exec permission allow-ecs-exec.sh gave; on request
# also the environment stack and the ECR repositories with their images.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SERVICES=(ui carts checkout orders catalog assets)

usage() {
  cat <<EOF
Usage: ${0##*/} --yes [options]

Deletes, in this order and skipping what does not exist: the UI's scalable target (and so its
scaling policy and alarms), the services ${SERVICES[*]} of the cluster, the
active revisions of the task families retail-store-ecs-<service>, the cluster, and the
inline policy allow-ecs-exec.sh put on your IAM role or user.

Options:
  --yes                confirm: without it (or --dry-run) nothing is deleted
  --cluster NAME       cluster (default: $DEFAULT_CLUSTER)
  --with-environment   also the Service Connect services in $NAMESPACE and the environment
                       stack (VPC, ALB, roles, databases: their data is lost)
  --stack-name NAME    that stack (default: $DEFAULT_STACK)
  --with-images        also the ECR repositories retail-store-sample-<image> and their images
  --dry-run            print the aws commands instead of running them
  -h, --help           show this help

Environment: AWS_REGION (required).
EOF
}

CLUSTER=$DEFAULT_CLUSTER
STACK=$DEFAULT_STACK
CONFIRMED=0
WITH_ENVIRONMENT=0
WITH_IMAGES=0
while (($# > 0)); do
  case $1 in
    --cluster | --stack-name)
      [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
      if [[ $1 == --cluster ]]; then CLUSTER=$2; else STACK=$2; fi
      shift
      ;;
    --yes) CONFIRMED=1 ;;
    --with-environment) WITH_ENVIRONMENT=1 ;;
    --with-images) WITH_IMAGES=1 ;;
    *) common_option "$1" ;;
  esac
  shift
done
((CONFIRMED || DRY_RUN)) || die "this deletes the store from cluster $CLUSTER: add --yes (or --dry-run to see how)"
require_vars "export it, or source deploy/ecs/env.sh" AWS_REGION
need_command aws
if ((DRY_RUN)); then log "(dry run: shown as if everything existed)"; fi

# Reads a word list from a query; a dry run answers PLACEHOLDER.
words() {
  local placeholder=$1 text
  shift
  text=$(capture "$placeholder" "$@")
  [[ $text == None ]] && text=
  printf '%s\n' "$text"
}

cluster_status=$(words ACTIVE aws ecs describe-clusters --clusters "$CLUSTER" --region "$AWS_REGION" \
  --query 'clusters[0].status' --output text)
if [[ $cluster_status == ACTIVE ]]; then
  targets=$(words "service/$CLUSTER/ui" aws application-autoscaling describe-scalable-targets \
    --service-namespace ecs --resource-ids "service/$CLUSTER/ui" --region "$AWS_REGION" \
    --query 'ScalableTargets[].ResourceId' --output text)
  if [[ -n $targets ]]; then
    log "removing the UI's auto scaling"
    run aws application-autoscaling deregister-scalable-target --service-namespace ecs \
      --scalable-dimension ecs:service:DesiredCount --resource-id "service/$CLUSTER/ui" --region "$AWS_REGION"
  fi

  active=$(words "${SERVICES[*]}" aws ecs describe-services --cluster "$CLUSTER" --services "${SERVICES[@]}" \
    --region "$AWS_REGION" --query "services[?status=='ACTIVE'].serviceName" --output text)
  read -r -a active_services <<<"$active"
  if ((${#active_services[@]} > 0)); then
    for service in "${active_services[@]}"; do
      log "deleting service $service"
      # --force: no need to scale to zero first; ECS stops the tasks.
      run aws ecs delete-service --cluster "$CLUSTER" --service "$service" --force \
        --region "$AWS_REGION" --query service.serviceArn --output text
    done
    log "waiting for the services to be gone"
    run aws ecs wait services-inactive --cluster "$CLUSTER" --services "${active_services[@]}" --region "$AWS_REGION"
  fi
else
  log "cluster $CLUSTER not found: no services to delete"
fi

for service in "${SERVICES[@]}"; do
  family=retail-store-ecs-$service
  revisions=$(words "$family:1" aws ecs list-task-definitions --family-prefix "$family" --status ACTIVE \
    --region "$AWS_REGION" --query taskDefinitionArns --output text)
  for revision in $revisions; do
    # --family-prefix matches by prefix: keep to this family's own revisions.
    [[ ${revision##*/} == "$family":* ]] || continue
    log "deregistering ${revision##*/}"
    run aws ecs deregister-task-definition --task-definition "$revision" --region "$AWS_REGION" \
      --query taskDefinition.taskDefinitionArn --output text
  done
done

if [[ $cluster_status == ACTIVE ]]; then
  log "deleting cluster $CLUSTER"
  run aws ecs delete-cluster --cluster "$CLUSTER" --region "$AWS_REGION" --query cluster.clusterArn --output text
fi

if ((WITH_ENVIRONMENT)); then
  # Service Connect registers a Cloud Map service per discovery name; the namespace (part of the
  # stack) cannot be deleted while they exist.
  namespace_id=$(words ns-example aws servicediscovery list-namespaces --region "$AWS_REGION" \
    --query "Namespaces[?Name=='$NAMESPACE'].Id" --output text)
  for id in $namespace_id; do
    discovery=$(words srv-example aws servicediscovery list-services --region "$AWS_REGION" \
      --filters "Name=NAMESPACE_ID,Values=$id,Condition=EQ" --query 'Services[].Id' --output text)
    for service_id in $discovery; do
      log "deleting Cloud Map service $service_id"
      run aws servicediscovery delete-service --id "$service_id" --region "$AWS_REGION"
    done
  done
  log "deleting stack $STACK (about 10-15 minutes)"
  run aws cloudformation delete-stack --stack-name "$STACK" --region "$AWS_REGION"
  run aws cloudformation wait stack-delete-complete --stack-name "$STACK" --region "$AWS_REGION"
  if [[ -f $ECS_DIR/env.sh ]]; then
    log "removing $ECS_DIR/env.sh"
    if ((!DRY_RUN)); then rm -f "$ECS_DIR/env.sh"; fi
  fi
fi

if ((WITH_IMAGES)); then
  for image in "${IMAGES[@]}"; do
    repository=retail-store-sample-$image
    found=$(words "$repository" aws ecr describe-repositories --region "$AWS_REGION" \
      --query "repositories[?repositoryName=='$repository'].repositoryName" --output text)
    if [[ -n $found ]]; then
      log "deleting repository $repository and its images"
      run aws ecr delete-repository --repository-name "$repository" --force --region "$AWS_REGION" \
        --query repository.repositoryArn --output text
    fi
  done
fi
log "removing the ECS Exec permission allow-ecs-exec.sh gave you, if it did"
remove_exec=("$SCRIPTS_DIR/allow-ecs-exec.sh" --remove)
if ((DRY_RUN)); then remove_exec+=(--dry-run); fi
"${remove_exec[@]}"

log "teardown done"
