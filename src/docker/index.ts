export * from './recipe';
export * from './options';
export * from './pixi-docker-image-spec';
export * from './pixi-docker-image';
export * from './docker-ignore';
