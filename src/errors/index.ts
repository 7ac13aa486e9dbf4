export * from './pixi-validation-error';
