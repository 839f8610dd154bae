#!/usr/bin/env bash
# Creates (or updates) the environment stack the workshop presupposes, then writes env.sh from
# its outputs.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

usage() {
  cat <<EOF
Usage: ${0##*/} [options]

Deploys deploy/ecs/stack/environment.yaml with CloudFormation: VPC with two public and two
private subnets and a NAT gateway, the ALB $LOAD_BALANCER with target group $TARGET_GROUP,
the security groups, the workshop's IAM roles, the log group retail-store-ecs-tasks, the Cloud
Map namespace $NAMESPACE and the catalog's RDS MySQL database with its SSM parameter and
secret. Takes 15-20 minutes (the database). Then writes deploy/ecs/env.sh.

Options:
  --full-store        also DynamoDB, ElastiCache Redis, RDS PostgreSQL and Amazon MQ for
                      carts, checkout and orders (another 10-20 minutes, and their cost)
  --stack-name NAME   stack name (default: $DEFAULT_STACK)
  --region REGION     region (default: \$AWS_REGION)
  --dry-run           print the aws commands instead of running them
  -h, --help          show this help
EOF
}

STACK=$DEFAULT_STACK
REGION=${AWS_REGION:-}
FULL_STORE=false
while (($# > 0)); do
  case $1 in
    --stack-name | --region)
      [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"
      if [[ $1 == --region ]]; then REGION=$2; else STACK=$2; fi
      shift
      ;;
    --full-store) FULL_STORE=true ;;
    *) common_option "$1" ;;
  esac
  shift
done
[[ -n $REGION ]] || die "no region: pass --region or export AWS_REGION"
need_command aws

log "deploying stack $STACK in $REGION (FullStore=$FULL_STORE); CloudFormation prints its progress"
# Named IAM roles (the workshop's names) need CAPABILITY_NAMED_IAM.
run aws cloudformation deploy --stack-name "$STACK" --region "$REGION" \
  --template-file "$ECS_DIR/stack/environment.yaml" \
  --capabilities CAPABILITY_NAMED_IAM \
  --parameter-overrides "FullStore=$FULL_STORE" \
  --no-fail-on-empty-changeset

write_env=("$SCRIPTS_DIR/write-env.sh" --stack-name "$STACK" --region "$REGION")
if ((DRY_RUN)); then write_env+=(--dry-run); fi
"${write_env[@]}"
