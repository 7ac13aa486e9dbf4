export * from './manifest-file';
export * from './options';
export * from './workspace-info';
export * from './pixi-workspace-spec';
export * from './pixi-workspace';
