#!/usr/bin/env bash
# Gives the identity the AWS CLI runs as the two permissions `aws ecs execute-command` needs, as an
# inline policy on its IAM role or user; --remove takes that policy away again (teardown.sh does).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

POLICY_NAME=retail-store-ecs-exec
POLICY_DOCUMENT='{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ecs:ExecuteCommand","ecs:DescribeTasks"],"Resource":"*"}]}'

usage() {
  cat <<EOF
Usage: ${0##*/} [options]

Asks aws sts who you are and puts the inline policy $POLICY_NAME (ecs:ExecuteCommand,
ecs:DescribeTasks) on that identity:
  assumed role  arn:aws:sts::<account>:assumed-role/<role>/<session>  -> on the role <role>
  IAM user      arn:aws:iam::<account>:user/<name>                    -> on the user <name>
  IAM Identity Center (role AWSReservedSSO_*) or the root user: nothing is changed, the
  permission set (or root) decides; the script says what to ask for.

Options:
  --remove      delete that inline policy again, when it is there
  --dry-run     print the aws commands instead of running them
  -h, --help    show this help
EOF
}

REMOVE=0
while (($# > 0)); do
  case $1 in
    --remove) REMOVE=1 ;;
    *) common_option "$1" ;;
  esac
  shift
done
need_command aws

arn=$(capture 'arn:aws:sts::123456789012:assumed-role/your-role/session' \
  aws sts get-caller-identity --query Arn --output text)
# The workshop takes the second /-separated field of this ARN as a role name: right only for an
# assumed role; an IAM user's name is the last field, and an SSO role may not be modified at all.
case $arn in
  arn:*:sts::*:assumed-role/AWSReservedSSO_*)
    log "you sign in through IAM Identity Center ($arn): its roles cannot be changed here."
    log "AdministratorAccess and PowerUserAccess already allow ECS Exec; with another permission set,"
    log "ask its administrator for ecs:ExecuteCommand and ecs:DescribeTasks. Nothing changed."
    exit 0
    ;;
  arn:*:sts::*:assumed-role/*)
    kind=role
    name=${arn#*:assumed-role/}
    name=${name%%/*}
    ;;
  arn:*:iam::*:user/*)
    kind=user
    name=${arn##*/}
    ;;
  arn:*:iam::*:root)
    log "you are the account's root user: it may already use ECS Exec. Nothing changed."
    exit 0
    ;;
  *) die "cannot tell a role or user from the caller's ARN: $arn" ;;
esac

if ((REMOVE)); then
  policies=$(capture "$POLICY_NAME" aws iam "list-$kind-policies" "--$kind-name" "$name" \
    --query "PolicyNames[?@=='$POLICY_NAME']" --output text)
  if [[ $policies != *"$POLICY_NAME"* ]]; then
    log "$kind $name has no policy $POLICY_NAME: nothing to remove"
    exit 0
  fi
  log "removing $POLICY_NAME from $kind $name"
  run aws iam "delete-$kind-policy" "--$kind-name" "$name" --policy-name "$POLICY_NAME"
else
  log "allowing ECS Exec to $kind $name (inline policy $POLICY_NAME)"
  run aws iam "put-$kind-policy" "--$kind-name" "$name" --policy-name "$POLICY_NAME" \
    --policy-document "$POLICY_DOCUMENT"
fi
