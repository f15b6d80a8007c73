/**
 * The survey engine's zod side: the schemas of a definition and of an answer, and `validateDefinition`, which parses
 * with them. For the server, the CLI and tests. The phone imports the engine ($lib/survey), which takes its types
 * from these schemas with `import type` (erased in the build), so zod never reaches the participant's browser
 * (issue 17). ESLint refuses a value import of this module, or of zod, in code that runs in the browser.
 */
export * from './definition';
export * from './answers';
export * from './validate';
