export * from './manifest-file';
export * from './options';
export * from './workspace-info';
export * from './pixi-manifest';
export * from './pixi-workspace';
