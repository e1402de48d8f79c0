#!/bin/sh
# Remote eu-logs: enable and expose the remote cluster server
set -eu
cd "$(dirname "$0")"

# Enable the remote cluster server (restarts the pods of logs).
kubectl --context 'remote ctx'\''s' --namespace logs patch elasticsearch logs --type merge --patch-file remote-eu-logs-elasticsearch-patch.yaml

# The EXTERNAL-IP column is the host of the proxy address (port 443).
kubectl --context 'remote ctx'\''s' --namespace logs get service logs-es-remote-cluster
