#!/usr/bin/env bash
# Vets and tests the Go lane (ops and the cgo dispatcher): test.sh
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=readonly CGO_ENABLED=1
go vet ./...
# One package at a time: ops' hang guards (a million-member object digested
# within 10 s) must not share the cores with web's bcrypt logins or the
# lane's build of the c-shared library.
go test -p 1 ./...
