#!/bin/sh
# Local central: apply the credentials, the CAs and the Elasticsearch change
set -eu
cd "$(dirname "$0")"

# Replace the placeholders in local-remote-cluster-credentials-secret.yaml with the encoded API keys first.
kubectl --context local-ctx --namespace search apply -f local-remote-cluster-credentials-secret.yaml

# This restarts the Elasticsearch pods of central, one at a time.
kubectl --context local-ctx --namespace search apply -f local-elasticsearch.yaml

# Follow the restart: PHASE goes to ApplyingChanges and back to Ready.
kubectl --context local-ctx --namespace search get elasticsearch central
