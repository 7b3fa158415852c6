import type { z } from 'zod';
import type { ServiceName } from './envelope.js';

/** One version of one integration event: the single source its producer, consumers and documents derive from. */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly version: number;
  /** The AMQP routing key on the events exchange: `<type>.v<version>`. */
  readonly routingKey: string;
  readonly producer: ServiceName;
  readonly consumers: readonly ServiceName[];
  readonly summary: string;
  readonly schema: S;
}

export type PayloadOf<D> = D extends EventDefinition<infer S> ? z.infer<S> : never;

export function defineEvent<S extends z.ZodType>(def: {
  type: string;
  version: number;
  producer: ServiceName;
  consumers: readonly ServiceName[];
  summary: string;
  schema: S;
}): EventDefinition<S> {
  return Object.freeze({ ...def, routingKey: `${def.type}.v${def.version}` });
}
