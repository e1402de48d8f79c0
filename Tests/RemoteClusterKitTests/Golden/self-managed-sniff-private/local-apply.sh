#!/bin/sh
# Local central: apply the credentials, the CAs and the Elasticsearch change
set -eu
cd "$(dirname "$0")"

kubectl --context local-ctx --namespace search apply -f local-remote-cluster-credentials-secret.yaml

kubectl --context local-ctx --namespace search apply -f local-remote-cluster-cas-configmap.yaml

# This restarts the Elasticsearch pods of central, one at a time.
kubectl --context local-ctx --namespace search apply -f local-elasticsearch.yaml

# Follow the restart: PHASE goes to ApplyingChanges and back to Ready.
kubectl --context local-ctx --namespace search get elasticsearch central
