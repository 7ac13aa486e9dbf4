export * from './pixi-validation-error';
export * from './pixi-refusal';
