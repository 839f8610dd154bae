#!/usr/bin/env bash
# Deploys the store on an ECS Fargate cluster, or updates it when its services already exist:
# renders and registers the task definitions, then creates or updates each service with
# Service Connect, backends first, the UI behind the ALB last.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

UI_VARIANTS=(ui ui-banner ui-endpoints ui-full)
# Only these task definitions carry a task role with the ssmmessages permissions ECS Exec needs
# (the workshop gives catalog and assets none).
EXEC_SERVICES=(ui carts checkout orders)

usage() {
  cat <<EOF
Usage: ${0##*/} [options]

Creates the cluster when missing, renders and registers the task definitions, and creates
or updates the services ${LAB_SERVICES[*]} (and with --full-store ${FULL_STORE_SERVICES[*]}):
FARGATE, private subnets without public IPs, Service Connect in $NAMESPACE with each
service reachable as http://<service>, the UI registered in target group $TARGET_GROUP.
Then waits until they are stable and prints the store's address.

Options:
  --full-store          also carts, checkout and orders, and the UI variant that calls them
  --cluster NAME        cluster (default: $DEFAULT_CLUSTER)
  --ui-variant NAME     ${UI_VARIANTS[*]}
                        (default: ui-endpoints, or ui-full with --full-store)
  --desired-count N     tasks of each backend service it creates (default: 1; the UI gets 2)
  --autoscaling         also scale the UI from 2 to 10 tasks on ALBRequestCountPerTarget 1500
  --rendered-dir DIR    where the rendered task definitions go (default: deploy/ecs/rendered)
  --no-wait             do not wait for the services to become stable
  --dry-run             print the aws commands instead of running them (still renders files)
  -h, --help            show this help

Environment (source deploy/ecs/env.sh): AWS_REGION, ACCOUNT_ID, PRIVATE_SUBNET1,
PRIVATE_SUBNET2, UI_SG_ID, CATALOG_SG_ID, ASSET_SG_ID, CATALOG_DB_SECRET_ARN; with --full-store
CARTS_SG_ID, CHECKOUT_SG_ID, ORDERS_SG_ID, ORDERS_DB_SECRET_ARN, ORDERS_MQ_SECRET_ARN; with
--autoscaling UI_ALB_PREFIX, UI_TG_PREFIX. UI_TARGET_GROUP_ARN is looked up when unset.
IMAGE_REGISTRY and IMAGE_TAG as for render-task-definitions.sh.
EOF
}

security_group_var() {
  case $1 in
    ui) echo UI_SG_ID ;;
    catalog) echo CATALOG_SG_ID ;;
    assets) echo ASSET_SG_ID ;;
    carts) echo CARTS_SG_ID ;;
    checkout) echo CHECKOUT_SG_ID ;;
    orders) echo ORDERS_SG_ID ;;
  esac
}

template_of() { if [[ $1 == ui ]]; then echo "$UI_VARIANT"; else echo "$1"; fi; }

deploy_service() {
  local service=$1 family=retail-store-ecs-$1 sg_var exists extra=()
  sg_var=$(security_group_var "$service")
  if contains "$service" "${EXEC_SERVICES[@]}"; then extra+=(--enable-execute-command); fi
  exists=$(capture 0 aws ecs describe-services --cluster "$CLUSTER" --services "$service" \
    --region "$AWS_REGION" --query "length(services[?status=='ACTIVE'])" --output text)
  if [[ $exists == 1 ]]; then
    log "updating service $service to the latest $family"
    run aws ecs update-service --cluster "$CLUSTER" --service "$service" --task-definition "$family" \
      --service-connect-configuration "file://$ECS_DIR/service-connect/$service.json" \
      "${extra[@]}" --force-new-deployment --region "$AWS_REGION" --query service.serviceArn --output text
    return 0
  fi
  local count=$DESIRED_COUNT
  if [[ $service == ui ]]; then
    count=2
    extra+=(--load-balancers "targetGroupArn=$UI_TARGET_GROUP_ARN,containerName=application,containerPort=8080")
  fi
  log "creating service $service, desired count $count"
  run aws ecs create-service --cluster "$CLUSTER" --service-name "$service" --task-definition "$family" \
    --desired-count "$count" --launch-type FARGATE \
    --network-configuration "awsvpcConfiguration={subnets=[$PRIVATE_SUBNET1,$PRIVATE_SUBNET2],securityGroups=[${!sg_var}],assignPublicIp=DISABLED}" \
    --service-connect-configuration "file://$ECS_DIR/service-connect/$service.json" \
    "${extra[@]}" --region "$AWS_REGION" --query service.serviceArn --output text
}

CLUSTER=$DEFAULT_CLUSTER
FULL_STORE=0
UI_VARIANT=
DESIRED_COUNT=1
AUTOSCALING=0
WAIT=1
RENDERED_DIR=$ECS_DIR/rendered
while (($# > 0)); do
  case $1 in
    --cluster | --ui-variant | --desired-count | --rendered-dir)
      [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
      case $1 in
        --cluster) CLUSTER=$2 ;;
        --ui-variant) UI_VARIANT=$2 ;;
        --desired-count) DESIRED_COUNT=$2 ;;
        --rendered-dir) RENDERED_DIR=$2 ;;
      esac
      shift
      ;;
    --full-store) FULL_STORE=1 ;;
    --autoscaling) AUTOSCALING=1 ;;
    --no-wait) WAIT=0 ;;
    *) common_option "$1" ;;
  esac
  shift
done

services=("${LAB_SERVICES[@]}")
if ((FULL_STORE)); then
  services+=("${FULL_STORE_SERVICES[@]}")
  UI_VARIANT=${UI_VARIANT:-ui-full}
fi
UI_VARIANT=${UI_VARIANT:-ui-endpoints}
contains "$UI_VARIANT" "${UI_VARIANTS[@]}" || die "unknown UI variant $UI_VARIANT (one of: ${UI_VARIANTS[*]})"
[[ $DESIRED_COUNT =~ ^[0-9]+$ ]] || die "--desired-count must be a whole number, got: $DESIRED_COUNT"
if [[ $UI_VARIANT == ui-full ]] && ((!FULL_STORE)); then
  die "the ui-full variant calls carts, checkout and orders: add --full-store"
fi

required=(AWS_REGION ACCOUNT_ID PRIVATE_SUBNET1 PRIVATE_SUBNET2)
for service in "${services[@]}"; do required+=("$(security_group_var "$service")"); done
require_vars "source deploy/ecs/env.sh" "${required[@]}"
need_command aws

templates=()
for service in "${services[@]}"; do templates+=("$(template_of "$service")"); done
if ((AUTOSCALING)); then templates+=(ui-scaling-policy); fi
"$SCRIPTS_DIR/render-task-definitions.sh" --out-dir "$RENDERED_DIR" "${templates[@]}"

if [[ -z ${UI_TARGET_GROUP_ARN:-} ]]; then
  UI_TARGET_GROUP_ARN=$(capture '<ui-application-target-group-arn>' aws elbv2 describe-target-groups \
    --names "$TARGET_GROUP" --region "$AWS_REGION" --query 'TargetGroups[0].TargetGroupArn' --output text)
fi

log "cluster $CLUSTER (created when missing)"
run aws ecs create-cluster --cluster-name "$CLUSTER" --region "$AWS_REGION" \
  --query cluster.clusterArn --output text

for template in "${templates[@]}"; do
  if [[ $template == ui-scaling-policy ]]; then continue; fi
  log "registering $template"
  run aws ecs register-task-definition --cli-input-json "file://$RENDERED_DIR/task-definitions/$template.json" \
    --region "$AWS_REGION" --query taskDefinition.taskDefinitionArn --output text
done

if ((DRY_RUN)); then log "(dry run: shown as if no service existed yet)"; fi
# Service Connect clients only see the endpoints that exist when their tasks start, so the
# services the UI calls come first.
ordered=()
for service in "${services[@]}"; do [[ $service == ui ]] || ordered+=("$service"); done
ordered+=(ui)
for service in "${ordered[@]}"; do
  deploy_service "$service"
done

if ((AUTOSCALING)); then
  log "UI auto scaling: 2 to 10 tasks, ALBRequestCountPerTarget 1500"
  run aws application-autoscaling register-scalable-target --service-namespace ecs \
    --scalable-dimension ecs:service:DesiredCount --resource-id "service/$CLUSTER/ui" \
    --min-capacity 2 --max-capacity 10 --region "$AWS_REGION"
  run aws application-autoscaling put-scaling-policy --service-namespace ecs \
    --scalable-dimension ecs:service:DesiredCount --resource-id "service/$CLUSTER/ui" \
    --policy-name ui-scaling-policy --policy-type TargetTrackingScaling \
    --target-tracking-scaling-policy-configuration "file://$RENDERED_DIR/autoscaling/ui-scaling-policy.json" \
    --region "$AWS_REGION" --query PolicyARN --output text
fi

if ((WAIT)); then
  log "waiting for ${ordered[*]} to become stable (up to 10 minutes)"
  run aws ecs wait services-stable --cluster "$CLUSTER" --services "${ordered[@]}" --region "$AWS_REGION"
fi
address=$(capture '<load-balancer-dns-name>' aws elbv2 describe-load-balancers --names "$LOAD_BALANCER" \
  --region "$AWS_REGION" --query 'LoadBalancers[0].DNSName' --output text)
log "the store: http://$address"
