#!/usr/bin/env bash
# Vets and tests the Go lane (ops and the cgo dispatcher): test.sh
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=readonly CGO_ENABLED=1
go vet ./...
go test ./...
