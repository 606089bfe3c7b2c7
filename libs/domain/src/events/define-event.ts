import type { z } from 'zod';

/**
 * One entry of the event catalogue: the schema is the single source of the event's TypeScript
 * type, its runtime validation and its OpenAPI description. `upcast` turns each older stored
 * version's data into the current shape when read.
 */
export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly schema: S;
  readonly description: string;
  /** Whether the fact is clinical (has occurredOn, counts for "after death" etc.). */
  readonly clinical: boolean;
  readonly upcast?: Readonly<Record<number, (data: Record<string, unknown>) => Record<string, unknown>>>;
}

export const defineEvent = <T extends string, S extends z.ZodType>(def: EventDefinition<T, S>): EventDefinition<T, S> => def;
