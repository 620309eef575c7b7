#!/usr/bin/env bash
# Builds the hnswlib peer (header-only hnswlib from Debian's libhnswlib-dev) with the machine's own SIMD.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f /usr/include/hnswlib/hnswlib.h ]; then
  echo "hnswlib headers missing: apt-get install -y libhnswlib-dev g++" >&2
  exit 2
fi
g++ -O3 -march=native -std=c++17 -pthread -o hnsw_probe hnsw_probe.cpp
echo "built $(pwd)/hnsw_probe"
