/** Apptainer images, built next to their definition: never committed (gigabytes; the workflow pushes them to GHCR). */
export const SIF_IMAGES = '*.sif';
