/**
 * The survey engine: questionnaire definitions as data, their validation, and filling them in. Plain TypeScript
 * without Svelte or database imports, so that the participant app, the server and the CLI
 * (`npm run survey:check`) share one implementation, and it runs in the browser offline.
 *
 * Nothing imported from here loads zod: the phone runs this engine (issue 17). The zod schemas and
 * `validateDefinition`, which parses a definition with them, are in $lib/survey/schema, for the server, the CLI and
 * tests.
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
export { definitionForModule } from './for-module';
export * from './texts';
export * from './expression';
