import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { datasetCsv, datasetParquet, estimateEndpoint, parsePointInTime, type AdtteDataset, type EndpointEstimates } from '@app/projections';
import { ENDPOINT_CATALOGUE, type EndpointDefinition } from '@app/survival';
import type { FastifyReply } from 'fastify';
import { deIdentifyDataset, type Caller, type Pseudonymise } from '@app/access';
import { PSEUDONYMISE } from '../auth/pseudonyms.provider.js';
import { LogsAccess } from '../access-log/logs-access.decorator.js';
import { Allow, CurrentCaller } from '../auth/access.decorators.js';
import { PatientDirectory } from '../auth/patient-directory.js';
import { GetSurvivalDatasetQuery } from './get-survival-dataset.query.js';
import { customEndpoint, endpointByCode, estimateOptionsOf, formatOf } from './survival-params.js';

/** Data managers and administrators see who and when; analysts get de-identified datasets only. */
const seesIdentities = (caller: Caller): boolean => caller.roles.has('data-manager') || caller.roles.has('admin');

const STUDY = { name: 'study', required: false, description: 'Only the patients of this study (STUDYID)' };
const AT = [
  { name: 'asOf', required: false, description: 'Only what had been recorded by this instant' },
  { name: 'cutoff', required: false, description: 'Data cutoff YYYY-MM-DD: later facts are ignored, follow-up is censored at it' },
];
const ESTIMATE_PARAMS = [
  { name: 'unit', required: false, description: 'days or months (days / 30.4375); default months' },
  { name: 'groupBy', required: false, description: 'A dataset column to compare groups by (log-rank), e.g. EMSITE, CARTSRC, AGEGR1, SITEID' },
  { name: 'times', required: false, description: 'Survival at these times, comma-separated, e.g. 12,24' },
  { name: 'tau', required: false, description: 'Restricted mean survival time up to tau' },
  { name: 'confType', required: false, description: "log (R's default), log-log or plain" },
  { name: 'confLevel', required: false, description: 'default 0.95' },
];

@ApiTags('survival')
@Controller('survival')
@Allow('analyst', 'data-manager')
export class SurvivalController {
  constructor(
    private readonly queries: QueryBus,
    private readonly directory: PatientDirectory,
    @Inject(PSEUDONYMISE) private readonly pseudonymise: Pseudonymise,
  ) {}

  @Get('endpoints')
  @ApiOperation({ summary: 'The built-in endpoint definitions (EFS as seed 000 defines it, EFS censored at HSCT, RFS, OS)' })
  endpoints(): readonly EndpointDefinition[] {
    return Object.values(ENDPOINT_CATALOGUE);
  }

  @Get(':paramcd/dataset')
  @ApiOperation({ summary: 'The ADaM ADTTE dataset of a built-in endpoint: JSON, CSV or Parquet' })
  @ApiQuery({ name: 'format', required: false, description: 'json (default), csv or parquet' })
  @ApiQuery(AT[0] as { name: string })
  @ApiQuery(AT[1] as { name: string })
  @ApiQuery(STUDY)
  @LogsAccess('survival-dataset')
  dataset(@CurrentCaller() caller: Caller, @Param('paramcd') paramcd: string, @Query() q: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(caller, endpointByCode(paramcd), q, reply);
  }

  @Post('dataset')
  @HttpCode(200)
  @ApiOperation({ summary: 'The ADTTE dataset of a custom endpoint given as a JSON definition (400 names the wrong field)' })
  @ApiBody({ schema: { type: 'object', description: 'An endpoint definition: paramcd, param, origin, events, censors' } })
  @LogsAccess('survival-dataset')
  customDataset(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() q: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(caller, customEndpoint(body), q, reply);
  }

  @Get(':paramcd/estimates')
  @ApiOperation({ summary: 'Kaplan-Meier table, medians with CI, survival at times, RMST, log-rank by a grouping column, median follow-up' })
  @ApiQuery(ESTIMATE_PARAMS[0] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[1] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[2] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[3] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[4] as { name: string })
  @ApiQuery(STUDY)
  estimates(@CurrentCaller() caller: Caller, @Param('paramcd') paramcd: string, @Query() q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    return this.estimate(caller, endpointByCode(paramcd), q);
  }

  @Post('estimates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Estimates for a custom endpoint definition' })
  customEstimates(@CurrentCaller() caller: Caller, @Body() body: unknown, @Query() q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    return this.estimate(caller, customEndpoint(body), q);
  }

  private async estimate(caller: Caller, endpoint: EndpointDefinition, q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    const options = estimateOptionsOf(q);
    const dataset = await this.datasetFor(caller, endpoint, q);
    // An analyst's groups come from the de-identified columns (pseudonymous sites, no ids); the
    // survival times and censoring are the same, so are the estimates.
    const rows = seesIdentities(caller) ? dataset.rows : (deIdentifyDataset(dataset, this.pseudonymise).rows as unknown as AdtteDataset['rows']);
    return estimateEndpoint(endpoint.paramcd, rows, options);
  }

  private datasetFor(caller: Caller, endpoint: EndpointDefinition, q: Record<string, string | undefined>): Promise<AdtteDataset> {
    return this.queries.execute(new GetSurvivalDatasetQuery(endpoint, parsePointInTime(q['asOf'], q['cutoff']), (id) => this.directory.visible(caller, id), q['study']));
  }

  private async send(caller: Caller, endpoint: EndpointDefinition, q: Record<string, string | undefined>, reply: FastifyReply): Promise<object | string | Buffer> {
    const format = formatOf(q['format']);
    const identified = await this.datasetFor(caller, endpoint, q);
    const dataset = seesIdentities(caller) ? identified : deIdentifyDataset(identified, this.pseudonymise);
    const file = `${endpoint.paramcd.toLowerCase()}-adtte`;
    if (format === 'csv') {
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}.csv"`);
      return datasetCsv(dataset.rows);
    }
    if (format === 'parquet') {
      reply.type('application/vnd.apache.parquet').header('content-disposition', `attachment; filename="${file}.parquet"`);
      return Buffer.from(datasetParquet(dataset.rows));
    }
    return dataset;
  }
}
