#!/bin/sh
# Local central: apply the credentials, the CAs and the Elasticsearch change
set -eu
cd "$(dirname "$0")"

if grep -qF -- '<paste the encoded cross-cluster API key for ' local-remote-cluster-credentials-secret.yaml; then
  echo 'local-remote-cluster-credentials-secret.yaml still holds placeholders; put the encoded API keys in it first (applying a placeholder would store it as a key).' >&2
  exit 1
fi

# Replace the placeholders in local-remote-cluster-credentials-secret.yaml with the encoded API keys first.
kubectl --context local-ctx --namespace search apply -f local-remote-cluster-credentials-secret.yaml

# This restarts the Elasticsearch pods of central, one at a time.
kubectl --context local-ctx --namespace search apply -f local-elasticsearch.yaml

# Follow the restart: PHASE goes to ApplyingChanges and back to Ready.
kubectl --context local-ctx --namespace search get elasticsearch central
