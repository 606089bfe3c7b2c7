import { DomainError } from '@app/domain';
import { parseEndpointDefinition, type EstimateOptions } from '@app/projections';
import { CONF_TYPES, ENDPOINT_CATALOGUE, type ConfType, type EndpointDefinition } from '@app/survival';

export type DatasetFormat = 'json' | 'csv' | 'parquet';

export function endpointByCode(paramcd: string): EndpointDefinition {
  const endpoint = ENDPOINT_CATALOGUE[paramcd.toUpperCase()];
  if (!endpoint) {
    throw new DomainError('not-found', 'UNKNOWN_ENDPOINT', `No built-in endpoint ${paramcd}; known: ${Object.keys(ENDPOINT_CATALOGUE).join(', ')} (or POST a definition)`, 'paramcd');
  }
  return endpoint;
}

export const customEndpoint = (body: unknown): EndpointDefinition => parseEndpointDefinition(body);

export function formatOf(value: string | undefined): DatasetFormat {
  const format = value ?? 'json';
  if (format !== 'json' && format !== 'csv' && format !== 'parquet') throw DomainError.validation('INVALID_FORMAT', [{ field: 'format', message: 'must be json, csv or parquet' }]);
  return format;
}

const numbers = (field: string, value: string | undefined): number[] | undefined => {
  if (value === undefined || value === '') return undefined;
  const out = value.split(',').map(Number);
  if (out.some((n) => !Number.isFinite(n) || n < 0)) throw DomainError.validation('INVALID_NUMBER', [{ field, message: `must be non-negative numbers separated by commas; got "${value}"` }]);
  return out;
};

export function estimateOptionsOf(q: Record<string, string | undefined>): EstimateOptions {
  const unit = q['unit'] ?? 'months';
  if (unit !== 'days' && unit !== 'months') throw DomainError.validation('INVALID_UNIT', [{ field: 'unit', message: 'must be days or months' }]);
  const confType = (q['confType'] ?? 'log') as ConfType;
  if (!CONF_TYPES.includes(confType)) throw DomainError.validation('INVALID_CONF_TYPE', [{ field: 'confType', message: `must be one of ${CONF_TYPES.join(', ')}` }]);
  const confLevel = q['confLevel'] === undefined ? 0.95 : Number(q['confLevel']);
  if (!(confLevel > 0 && confLevel < 1)) throw DomainError.validation('INVALID_CONF_LEVEL', [{ field: 'confLevel', message: 'must be between 0 and 1' }]);
  const times = numbers('times', q['times']);
  const tau = numbers('tau', q['tau'])?.[0];
  return { unit, confType, confLevel, ...(times && { times }), ...(tau !== undefined && { tau }), ...(q['groupBy'] && { groupBy: q['groupBy'] }) };
}
