#!/bin/sh
# Builds sarama-peer (main.go) with Debian's Go and sarama packages, golang-go and golang-github-shopify-sarama-dev,
# installing them first when they are missing (this needs root: apt-get). Prints the binary's path on its last line.
#   benchmarks/sarama/build.sh [OUTPUT_DIRECTORY]     (default: benchmarks/sarama/target)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/target}
gopath=/usr/share/gocode
if ! command -v go >/dev/null 2>&1 || [ ! -d "$gopath/src/github.com/Shopify/sarama" ]; then
    echo "installing golang-go and golang-github-shopify-sarama-dev" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go golang-github-shopify-sarama-dev >&2
fi
mkdir -p "$out"
# Debian's Go packages are sources under GOPATH, not modules
GOPATH=$gopath GO111MODULE=off GOFLAGS= GOCACHE="$out/.gocache" go build -o "$out/sarama-peer" "$here/main.go"
echo "$out/sarama-peer"
