#!/bin/bash
# A stand-in for `apptainer exec [--nv] IMAGE COMMAND...` on the e2e Slurm node, which has no Apptainer and no
# registry: it runs the locally built image with buildah as Apptainer runs one (as the calling user, not the image's
# USER; the image's environment, not its entrypoint; the job's directory at the same path; the host's
# CUDA_VISIBLE_DEVICES), and says what it was given.
set -euo pipefail
[ "${1:-}" = exec ] || { echo "stand-in apptainer: only exec is emulated, got: $*" >&2; exit 2; }
shift
nv=no
if [ "${1:-}" = --nv ]; then nv=yes; shift; fi
image=$1
shift
[ "$image" = "$E2E_PUBLISHED_IMAGE" ] || { echo "stand-in apptainer: no local image for $image" >&2; exit 2; }
echo "stand-in apptainer: --nv $nv, CUDA_VISIBLE_DEVICES=${CUDA_VISIBLE_DEVICES:-unset}" >&2
container=$(buildah from --pull=never --quiet "$E2E_LOCAL_TAG")
trap 'buildah rm "$container" >/dev/null' EXIT
env=()
if [ -n "${CUDA_VISIBLE_DEVICES:-}" ]; then env=(--env "CUDA_VISIBLE_DEVICES=$CUDA_VISIBLE_DEVICES"); fi
buildah run --isolation oci --runtime runc --network none --user "$(id -u):$(id -g)" -v "$PWD:$PWD" --workingdir "$PWD" "${env[@]}" "$container" -- "$@"
