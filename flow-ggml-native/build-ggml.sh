#!/usr/bin/env bash
# Builds libggml-base.so, libggml-cpu.so, libggml-cpu-avx512.so and libggml.so (ggml 0.25.1, CPU
# backend) from source with fixed flags, reproducibly, and copies them to <out-dir>/native/linux-x86_64/.
# libggml-cpu.so needs AVX2+FMA+F16C; libggml-cpu-avx512.so is the same source built for AVX-512
# (F/CD/VL/DQ/BW) and is chosen at load time on CPUs that have it (both carry the soname libggml-cpu.so).
#
# Source: the git bundle of llama.cpp shipped inside the npm package node-llama-cpp@3.22.1
# (tarball sha1 and bundle HEAD checked below); its ggml/ folder is ggml 0.25.1 (MIT).
#
# Cache: ${FLOW_GGML_CACHE:-~/.cache/flowcoin/ggml}/<key>/ where key = sha256(script + source tree
# hash + flags); a second run with the same key copies the cached libraries and builds nothing.
#
# Usage: build-ggml.sh <out-dir>
set -euo pipefail

OUT_DIR=${1:?usage: build-ggml.sh <out-dir>}
NPM_PKG=node-llama-cpp@3.22.1
NPM_TGZ=node-llama-cpp-3.22.1.tgz
NPM_SHA1=e908932762f21939024263d58f1d6dc3e88b23e6
BUNDLE_HEAD=de3ff815ea7d559ee917f063901b8986f038abc6
CACHE_ROOT=${FLOW_GGML_CACHE:-${HOME}/.cache/flowcoin/ggml}
SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
LIBS="libggml-base.so libggml-cpu.so libggml.so libggml-cpu-avx512.so"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "build-ggml: skipping, only linux-x86_64 is supported (this is $(uname -s)-$(uname -m))"; exit 0 ;;
esac

# Fixed configuration; any change here changes the cache key.
CMAKE_FLAGS=(
  -DCMAKE_BUILD_TYPE=Release
  -DBUILD_SHARED_LIBS=ON
  -DGGML_NATIVE=OFF
  -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_SSE42=ON
  -DGGML_OPENMP=OFF
  -DGGML_LLAMAFILE=ON
  -DGGML_CCACHE=OFF
  -DGGML_BUILD_TESTS=OFF
  -DGGML_BUILD_EXAMPLES=OFF
  -DCMAKE_SKIP_BUILD_RPATH=ON
  -DGIT_EXE=/bin/true
)
# Per variant: the AVX2 baseline (every library) and the AVX-512 CPU backend (libggml-cpu only).
AVX2_FLAGS=(-DGGML_AVX512=OFF)
AVX512_FLAGS=(-DGGML_AVX512=ON)

mkdir -p "${CACHE_ROOT}/npm"
TGZ="${CACHE_ROOT}/npm/${NPM_TGZ}"
if [[ ! -f "${TGZ}" ]] || [[ "$(sha1sum "${TGZ}" | cut -d' ' -f1)" != "${NPM_SHA1}" ]]; then
  echo "build-ggml: fetching ${NPM_PKG}"
  rm -f "${TGZ}"
  (cd "${CACHE_ROOT}/npm" && npm pack "${NPM_PKG}" --pack-destination "${CACHE_ROOT}/npm" \
      --cache "${CACHE_ROOT}/npm/cache" --silent >/dev/null)
fi
GOT_SHA1=$(sha1sum "${TGZ}" | cut -d' ' -f1)
if [[ "${GOT_SHA1}" != "${NPM_SHA1}" ]]; then
  echo "build-ggml: ${NPM_TGZ} sha1 ${GOT_SHA1} != ${NPM_SHA1}" >&2
  exit 1
fi

# Source tree: extracted once per tarball into the cache.
SRC="${CACHE_ROOT}/src-${NPM_SHA1}"
if [[ ! -f "${SRC}/.complete" ]]; then
  rm -rf "${SRC}" "${SRC}.tmp"
  mkdir -p "${SRC}.tmp"
  tar -xzf "${TGZ}" -C "${SRC}.tmp" package/llama/gitRelease.bundle
  git clone -q --bare "${SRC}.tmp/package/llama/gitRelease.bundle" "${SRC}.tmp/repo.git"
  HEAD=$(git --git-dir="${SRC}.tmp/repo.git" rev-parse HEAD)
  if [[ "${HEAD}" != "${BUNDLE_HEAD}" ]]; then
    echo "build-ggml: bundle HEAD ${HEAD} != ${BUNDLE_HEAD}" >&2
    exit 1
  fi
  mkdir -p "${SRC}.tmp/tree"
  git --git-dir="${SRC}.tmp/repo.git" archive HEAD ggml LICENSE | tar -x -C "${SRC}.tmp/tree"
  mv "${SRC}.tmp/tree" "${SRC}"
  rm -rf "${SRC}.tmp"
  touch "${SRC}/.complete"
fi

SRC_HASH=$(cd "${SRC}" && find ggml LICENSE -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
KEY=$( { cat "${SCRIPT_PATH}"; echo "${SRC_HASH}"; printf '%s\n' "${CMAKE_FLAGS[@]}" "${AVX2_FLAGS[@]}" "${AVX512_FLAGS[@]}"; gcc --version | head -1; cmake --version | head -1; } | sha256sum | cut -c1-24)
CACHED="${CACHE_ROOT}/${KEY}"

if [[ ! -f "${CACHED}/.complete" ]]; then
  echo "build-ggml: building ggml 0.25.1 (key ${KEY})"
  WORK=$(mktemp -d "${CACHE_ROOT}/build-XXXXXX")
  trap 'rm -rf "${WORK}"' EXIT
  # llama.cpp's ggml/ cannot be configured standalone (no ggml.pc.in); a wrapper project includes it.
  mkdir -p "${WORK}/wrapper"
  cat > "${WORK}/wrapper/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.14)
project(flow_ggml C CXX)
add_subdirectory("${SRC}/ggml" ggml)
CMAKE
  # Map the absolute source and build paths away so the binaries do not depend on where they were built.
  PREFIX_MAP="-ffile-prefix-map=${SRC}=ggml -ffile-prefix-map=${WORK}=build"
  configure_and_build() { # <build-dir> <target> <variant flags...>
    local dir=$1 target=$2; shift 2
    SOURCE_DATE_EPOCH=0 cmake -S "${WORK}/wrapper" -B "${dir}" -G "Unix Makefiles" \
        "${CMAKE_FLAGS[@]}" "$@" -DCMAKE_C_FLAGS="${PREFIX_MAP}" -DCMAKE_CXX_FLAGS="${PREFIX_MAP}" >"${dir}.configure.log" 2>&1 \
      || { cat "${dir}.configure.log" >&2; exit 1; }
    SOURCE_DATE_EPOCH=0 cmake --build "${dir}" -j "$(nproc)" --target "${target}" >"${dir}.build.log" 2>&1 \
      || { tail -50 "${dir}.build.log" >&2; exit 1; }
  }
  # Both variants build in the same folder path, one after the other, so that the path mapped away
  # above is the same for both and neither library depends on which was built first.
  configure_and_build "${WORK}/build" ggml-cpu "${AVX512_FLAGS[@]}"
  rm -rf "${CACHED}.tmp"; mkdir -p "${CACHED}.tmp"
  f=$(find "${WORK}/build" -name libggml-cpu.so | head -1)
  [[ -n "${f}" ]] || { echo "build-ggml: AVX-512 libggml-cpu.so not produced" >&2; exit 1; }
  cp -L "${f}" "${CACHED}.tmp/libggml-cpu-avx512.so"
  rm -rf "${WORK}/build" "${WORK}/build.configure.log" "${WORK}/build.build.log"
  configure_and_build "${WORK}/build" all "${AVX2_FLAGS[@]}"
  for lib in libggml-base.so libggml-cpu.so libggml.so; do
    f=$(find "${WORK}/build" -name "${lib}" | head -1)
    [[ -n "${f}" ]] || { echo "build-ggml: ${lib} not produced" >&2; exit 1; }
    cp -L "${f}" "${CACHED}.tmp/${lib}"
  done
  cp "${SRC}/LICENSE" "${CACHED}.tmp/LICENSE-ggml"
  (cd "${CACHED}.tmp" && sha256sum ${LIBS} > SHA256SUMS)
  rm -rf "${CACHED}"
  mv "${CACHED}.tmp" "${CACHED}"
  touch "${CACHED}/.complete"
else
  echo "build-ggml: using cached ggml build ${CACHED}"
fi

DEST="${OUT_DIR}/native/linux-x86_64"
mkdir -p "${DEST}"
for f in ${LIBS} LICENSE-ggml SHA256SUMS; do
  cmp -s "${CACHED}/${f}" "${DEST}/${f}" 2>/dev/null || cp "${CACHED}/${f}" "${DEST}/${f}"
done
cat "${DEST}/SHA256SUMS"
