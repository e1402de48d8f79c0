#!/bin/sh
# Remote eu-logs: enable and expose the remote cluster server
set -eu
cd "$(dirname "$0")"

# Enable the remote cluster server (restarts the pods of logs).
kubectl --context remote-ctx --namespace logs patch elasticsearch logs --type merge --patch-file remote-eu-logs-elasticsearch-patch.yaml

# ECK 3.1.0 cannot customise logs-es-remote-cluster; expose it with a LoadBalancer of your own.
kubectl --context remote-ctx --namespace logs expose service logs-es-remote-cluster --name=logs-es-remote-cluster-lb --type=LoadBalancer --port=9443 --target-port=9443

# The EXTERNAL-IP column is the host of the proxy address (port 9443).
kubectl --context remote-ctx --namespace logs get service logs-es-remote-cluster-lb
