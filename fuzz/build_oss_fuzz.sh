#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build: every fuzz target built with $CXX $CXXFLAGS and linked with
# $LIB_FUZZING_ENGINE, plus <target>_seed_corpus.zip, <target>.dict and <target>.options, all
# in $OUT. Seeds stay plain files in git (corpus/<target>/); they are zipped only here.
# Local check without a container (fuzz/README.md):
#   CXX=clang++ CXXFLAGS="-fsanitize=fuzzer-no-link,address" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
#     OUT=/tmp/out fuzz/build_oss_fuzz.sh
SRC_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${CXX:?set CXX}" "${CXXFLAGS?set CXXFLAGS}" "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE}" "${OUT:?set OUT}"
WORK="${WORK:-$(mktemp -d)}"
BUILD="$WORK/corscheck-oss-fuzz"
JOBS="${JOBS:-2}"

# CXXFLAGS and LIB_FUZZING_ENGINE come from the environment (CMake reads CXXFLAGS at configure
# time); CORSCHECK_SANITIZE stays off because the sanitizers are in $CXXFLAGS. Tests stay
# configured (tests/ expects them) but only the fuzz targets are built.
CXXFLAGS="$CXXFLAGS" cmake -S "$SRC_DIR" -B "$BUILD" -G Ninja \
  -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCORSCHECK_SANITIZE=OFF -DCORSCHECK_FUZZ_ENGINE=external
cmake --build "$BUILD" -j "$JOBS" --target corscheck_fuzzers

mkdir -p "$OUT"
for source in "$SRC_DIR"/fuzz/*_fuzzer.cc; do
  target="$(basename "$source" .cc)"
  cp "$BUILD/fuzz/$target" "$OUT/"
  corpus="$SRC_DIR/corpus/$target"
  regressions="$SRC_DIR/corpus/regressions/$target"
  rm -f "$OUT/${target}_seed_corpus.zip"
  # -j: flat names, as OSS-Fuzz unpacks seeds into one folder; regressions are seeds too.
  zip -q -j "$OUT/${target}_seed_corpus.zip" "$corpus"/*
  if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
    (cd "$regressions" && for f in *; do cp "$f" "$WORK/regression-$f"; done)
    zip -q -j "$OUT/${target}_seed_corpus.zip" "$WORK"/regression-*
    rm -f "$WORK"/regression-*
  fi
  for extra in dict options; do
    if [ -f "$SRC_DIR/corpus/$target.$extra" ]; then cp "$SRC_DIR/corpus/$target.$extra" "$OUT/"; fi
  done
done
echo "build_oss_fuzz.sh: fuzzers, seed corpora and dictionaries in $OUT"
