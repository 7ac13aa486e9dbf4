export * from './options';
export * from './ghcr-workflow-spec';
export * from './ghcr-workflow';
