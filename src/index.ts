export * from './errors';
export * from './docker';
export * from './pixi';
export * from './github';
export * from './apptainer';
export * from './project';
export * from './renovate';
export * from './util/render-options';
