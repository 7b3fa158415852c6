export * from './api-result.decorator.js';
export * from './answer-fields.js';
export * from './problem.schema.js';
export * from './api-document.options.js';
