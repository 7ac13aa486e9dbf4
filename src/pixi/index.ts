export * from './manifest-file';
export * from './options';
export * from './pixi-workspace-interface';
export * from './pixi-workspace-spec';
export * from './pixi-workspace';
