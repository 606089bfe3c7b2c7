import { EVENT_CATALOGUE, EVENT_TYPES } from '@app/domain';
import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The OpenAPI description of every event type comes from the same zod schema that validates it,
 * so the documentation cannot drift from what is accepted.
 */
export function addEventSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, unknown> = { ...(document.components?.schemas ?? {}) };
  const variants: unknown[] = [];
  for (const type of EVENT_TYPES) {
    const def = EVENT_CATALOGUE[type];
    const data = z.toJSONSchema(def.schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' });
    schemas[`${type}Data`] = { ...data, description: `${def.description} (schema version ${def.version})` };
    schemas[`${type}Fact`] = {
      type: 'object',
      required: ['type', 'data'],
      additionalProperties: false,
      properties: {
        type: { type: 'string', enum: [type] },
        data: { $ref: `#/components/schemas/${type}Data` },
        eventId: { type: 'string', format: 'uuid', description: 'Optional id; makes retries idempotent and lets corrections point here' },
        source: { type: 'string', description: 'Where the fact comes from' },
        reason: { type: 'string', description: 'Why it is recorded (required in data for corrections and retractions)' },
      },
    };
    variants.push({ $ref: `#/components/schemas/${type}Fact` });
  }
  schemas['FactInput'] = { oneOf: variants, discriminator: { propertyName: 'type' } };
  return { ...document, components: { ...document.components, schemas: schemas as NonNullable<OpenAPIObject['components']>['schemas'] } };
}
