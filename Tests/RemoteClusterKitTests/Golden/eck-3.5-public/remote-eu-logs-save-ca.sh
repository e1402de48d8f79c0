#!/bin/sh
# Remote eu-logs: save the CA of ECK's certificates
set -eu

# Saves ca.crt from logs-es-transport-certs-public to eu-logs-ca.crt.
kubectl --namespace logs get secret logs-es-transport-certs-public -o 'go-template={{index .data "ca.crt" | base64decode}}' > eu-logs-ca.crt

# Check it: subject, issuer and validity.
openssl x509 -in eu-logs-ca.crt -noout -subject -issuer -dates
