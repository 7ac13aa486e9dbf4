export * from './options';
export * from './ghcr-workflow-spec';
export * from './ghcr-workflow';
export * from './pixi-test-workflow-spec';
export * from './pixi-test-workflow';
