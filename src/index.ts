export * from './docker';
export * from './pixi';
export * from './github';
