import { DomainError } from '@app/domain';
import { openEventStore, storeConfigOf, type StoreEnv } from '@app/event-store';
import { datasetCsv, datasetParquet, estimateEndpoint, parseEndpointDefinition, parsePointInTime, survivalDatasetFromStore, type EstimateOptions } from '@app/projections';
import { ENDPOINT_CATALOGUE, type EndpointDefinition } from '@app/survival';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SurvivalCommandOptions {
  readonly asOf?: string;
  readonly cutoff?: string;
  readonly study?: string;
}

/** A built-in endpoint by its PARAMCD, or a custom definition from a JSON file. */
export function endpointFrom(spec: string): EndpointDefinition {
  const builtIn = ENDPOINT_CATALOGUE[spec.toUpperCase()];
  if (builtIn) return builtIn;
  if (existsSync(spec)) return parseEndpointDefinition(JSON.parse(readFileSync(spec, 'utf8')));
  throw new DomainError('not-found', 'UNKNOWN_ENDPOINT', `"${spec}" is neither a built-in endpoint (${Object.keys(ENDPOINT_CATALOGUE).join(', ')}) nor a JSON definition file`, 'endpoint');
}

async function datasetOf(endpoint: EndpointDefinition, env: StoreEnv, options: SurvivalCommandOptions) {
  const at = parsePointInTime(options.asOf, options.cutoff);
  const store = await openEventStore(storeConfigOf(env));
  try {
    return await survivalDatasetFromStore(store, endpoint, at, options.study);
  } finally {
    await store.close();
  }
}

export async function runDataset(spec: string, env: StoreEnv, options: SurvivalCommandOptions & { format: string; out?: string }): Promise<void> {
  const dataset = await datasetOf(endpointFrom(spec), env, options);
  const content = options.format === 'csv' ? datasetCsv(dataset.rows) : options.format === 'parquet' ? datasetParquet(dataset.rows) : `${JSON.stringify(dataset, null, 2)}\n`;
  if (options.format === 'parquet' && !options.out) throw new Error('Parquet is binary: give --out FILE');
  if (options.out) writeFileSync(options.out, content);
  else process.stdout.write(content);
  for (const x of dataset.excluded) process.stderr.write(`excluded ${x.USUBJID} from ${x.PARAMCD}: ${x.excluded}\n`);
  if (options.out) process.stderr.write(`${options.out}: ${dataset.rows.length} rows\n`);
}

export async function runEstimate(spec: string, env: StoreEnv, options: SurvivalCommandOptions & EstimateOptions): Promise<void> {
  const endpoint = endpointFrom(spec);
  const dataset = await datasetOf(endpoint, env, options);
  process.stdout.write(`${JSON.stringify(estimateEndpoint(endpoint.paramcd, dataset.rows, options), null, 2)}\n`);
}
