#!/usr/bin/env bash
# Writes env.sh: the shell variables the workshop expects, read from the environment stack's
# outputs, so `source deploy/ecs/env.sh` prepares a terminal for every later step.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# variable=output of the stack; the first block always exists, the second with FullStore=true.
LAB_OUTPUTS=(
  AWS_REGION=AwsRegion
  ACCOUNT_ID=AccountId
  VPC_ID=VpcId
  PRIVATE_SUBNET1=PrivateSubnet1
  PRIVATE_SUBNET2=PrivateSubnet2
  UI_SG_ID=UiSecurityGroupId
  CATALOG_SG_ID=CatalogSecurityGroupId
  ASSET_SG_ID=AssetsSecurityGroupId
  UI_TARGET_GROUP_ARN=UiTargetGroupArn
  UI_LOAD_BALANCER_ARN=UiLoadBalancerArn
  RETAIL_ALB=UiLoadBalancerDnsName
  CATALOG_DB_SECRET_ARN=CatalogDbSecretArn
)
FULL_STORE_OUTPUTS=(
  CARTS_SG_ID=CartsSecurityGroupId
  CHECKOUT_SG_ID=CheckoutSecurityGroupId
  ORDERS_SG_ID=OrdersSecurityGroupId
  ORDERS_DB_SECRET_ARN=OrdersDbSecretArn
  ORDERS_MQ_SECRET_ARN=OrdersMqSecretArn
)

usage() {
  cat <<EOF
Usage: ${0##*/} [options]

Reads the outputs of the environment stack and writes a file of export lines:
AWS_REGION, ACCOUNT_ID, PRIVATE_SUBNET1/2, UI_SG_ID, CATALOG_SG_ID, ASSET_SG_ID,
UI_ALB_PREFIX, UI_TG_PREFIX (the tails of the ALB and target group ARNs), UI_TARGET_GROUP_ARN,
RETAIL_ALB, CATALOG_DB_SECRET_ARN and, for a full-store stack, CARTS_SG_ID, CHECKOUT_SG_ID,
ORDERS_SG_ID, ORDERS_DB_SECRET_ARN, ORDERS_MQ_SECRET_ARN.

Options:
  --stack-name NAME   the stack (default: $DEFAULT_STACK)
  --region REGION     its region (default: \$AWS_REGION)
  --output FILE       where to write (default: deploy/ecs/env.sh)
  --dry-run           print the aws command, write nothing
  -h, --help          show this help
EOF
}

STACK=$DEFAULT_STACK
OUTPUT=$ECS_DIR/env.sh
REGION=${AWS_REGION:-}
while (($# > 0)); do
  case $1 in
    --stack-name | --region | --output)
      [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
      case $1 in
        --stack-name) STACK=$2 ;;
        --region) REGION=$2 ;;
        --output) OUTPUT=$2 ;;
      esac
      shift
      ;;
    *) common_option "$1" ;;
  esac
  shift
done
[[ -n $REGION ]] || die "no region: pass --region or export AWS_REGION"
need_command aws

log "reading the outputs of stack $STACK in $REGION"
outputs=$(capture '' aws cloudformation describe-stacks --stack-name "$STACK" --region "$REGION" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)
if ((DRY_RUN)); then
  log "would write $OUTPUT"
  exit 0
fi

output_value() {
  local key=$1 line
  while IFS= read -r line; do
    if [[ ${line%%$'\t'*} == "$key" ]]; then
      printf '%s\n' "${line#*$'\t'}"
      return 0
    fi
  done <<<"$outputs"
  return 1
}

lines=()
add() { lines+=("$(printf 'export %s=%q' "$1" "$2")"); }
for pair in "${LAB_OUTPUTS[@]}"; do
  value=$(output_value "${pair#*=}") || die "stack $STACK has no output ${pair#*=}: is it the environment stack (deploy/ecs/stack/environment.yaml)?"
  add "${pair%%=*}" "$value"
done
# The ALBRequestCountPerTarget resource label is app/<lb>/<id>/targetgroup/<tg>/<id>, the tails
# of the two ARNs.
lb_arn=$(output_value UiLoadBalancerArn)
tg_arn=$(output_value UiTargetGroupArn)
[[ $lb_arn == *:loadbalancer/app/* ]] || die "unexpected load balancer ARN: $lb_arn"
[[ $tg_arn == *:targetgroup/* ]] || die "unexpected target group ARN: $tg_arn"
add UI_ALB_PREFIX "${lb_arn#*:loadbalancer/}"
add UI_TG_PREFIX "${tg_arn##*:}"

full_store=0
if output_value "${FULL_STORE_OUTPUTS[0]#*=}" >/dev/null; then
  full_store=1
  for pair in "${FULL_STORE_OUTPUTS[@]}"; do
    value=$(output_value "${pair#*=}") || die "stack $STACK has no output ${pair#*=} (half a full store?)"
    add "${pair%%=*}" "$value"
  done
fi

mkdir -p "$(dirname "$OUTPUT")"
{
  printf '# Written by deploy/ecs/scripts/write-env.sh from stack %s. Use: source %s\n' "$STACK" "${OUTPUT##*/}"
  printf '%s\n' "${lines[@]}"
} >"$OUTPUT"
kind=workshop
if ((full_store)); then kind="workshop + full store"; fi
log "wrote ${#lines[@]} variables ($kind) to $OUTPUT; now run: source $OUTPUT"
