/**
 * The survey engine: questionnaire definitions as data, their validation, and filling them in. Plain TypeScript
 * without Svelte or database imports, so that the participant app, the server and the CLI
 * (`npm run survey:check`) share one implementation, and it runs in the browser offline.
 */
export * from './definition';
export * from './answers';
export * from './conditions';
export * from './visibility';
export * from './computed';
export * from './validate';
export * from './engine';
export { formatError, formatPath, type DefinitionError, type Path, type PathSegment } from './errors';
export * from './form-values';
export { optionsOf } from './lookup';
export * from './texts';
export * from './expression';
