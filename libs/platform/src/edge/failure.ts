import type { ApiError } from '../api-error.js';

/**
 * An expected failure returned by a handler, domain function or repository: `failure` names it. Only the edge
 * gives it a meaning in HTTP (a controller's problem map) or in messaging (a consumer's park or retry).
 */
export interface Failure {
  readonly failure: string;
}

export function isFailure(value: unknown): value is Failure {
  return typeof value === 'object' && value !== null && typeof (value as Failure).failure === 'string';
}

/**
 * A controller's unwrapping of a handler's answer with the service's problem map: the result, or its failure
 * thrown as the problem the map gives it.
 */
export function answerWith<F extends Failure>(problemOf: (failure: F) => ApiError) {
  return <T>(result: T | F): Exclude<T, F> => {
    if (isFailure(result)) throw problemOf(result as F);
    return result as Exclude<T, F>;
  };
}
