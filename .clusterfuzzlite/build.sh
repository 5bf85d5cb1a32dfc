#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the real script lives beside the fuzzers.
exec "$SRC/corscheck/fuzz/build_oss_fuzz.sh"
