export * from './docker';
export * from './pixi';
