export * from './options';
export * from './pixi-project';
