#!/bin/sh
# Remote dc2-archive: certificates for the remote cluster server
set -eu

# Run in the Elasticsearch home folder of one node of dc2-archive.
# Set two passwords first, e.g.: read -rs CA_PASSWORD; read -rs CERT_PASSWORD; export CA_PASSWORD CERT_PASSWORD

# A CA for the remote cluster server (cross-cluster-ca.zip holds ca/ca.crt and ca/ca.key).
./bin/elasticsearch-certutil ca --pem --out=cross-cluster-ca.zip --pass "$CA_PASSWORD"

unzip -o cross-cluster-ca.zip

# The node certificate, valid for the names and addresses the local cluster connects to.
./bin/elasticsearch-certutil cert --out=cross-cluster.p12 --pass="$CERT_PASSWORD" --ca-cert=ca/ca.crt --ca-key=ca/ca.key --ca-pass="$CA_PASSWORD" --dns=es-dc2.example.net

# Copy cross-cluster.p12 into the config folder of every node, then on every node store its password
# (the command asks for it; enter CERT_PASSWORD):
./bin/elasticsearch-keystore add xpack.security.remote_cluster_server.ssl.keystore.secure_password

# Restart every node. The local cluster must trust ca/ca.crt: copy it to where the plan's `ca` points.
