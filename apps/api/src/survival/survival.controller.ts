import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { datasetCsv, datasetParquet, estimateEndpoint, parsePointInTime, type AdtteDataset, type EndpointEstimates } from '@app/projections';
import { ENDPOINT_CATALOGUE, type EndpointDefinition } from '@app/survival';
import type { FastifyReply } from 'fastify';
import { GetSurvivalDatasetQuery } from './get-survival-dataset.query.js';
import { customEndpoint, endpointByCode, estimateOptionsOf, formatOf } from './survival-params.js';

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
export class SurvivalController {
  constructor(private readonly queries: QueryBus) {}

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
  dataset(@Param('paramcd') paramcd: string, @Query() q: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(endpointByCode(paramcd), q, reply);
  }

  @Post('dataset')
  @HttpCode(200)
  @ApiOperation({ summary: 'The ADTTE dataset of a custom endpoint given as a JSON definition (400 names the wrong field)' })
  @ApiBody({ schema: { type: 'object', description: 'An endpoint definition: paramcd, param, origin, events, censors' } })
  customDataset(@Body() body: unknown, @Query() q: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(customEndpoint(body), q, reply);
  }

  @Get(':paramcd/estimates')
  @ApiOperation({ summary: 'Kaplan-Meier table, medians with CI, survival at times, RMST, log-rank by a grouping column, median follow-up' })
  @ApiQuery(ESTIMATE_PARAMS[0] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[1] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[2] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[3] as { name: string })
  @ApiQuery(ESTIMATE_PARAMS[4] as { name: string })
  @ApiQuery(STUDY)
  estimates(@Param('paramcd') paramcd: string, @Query() q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    return this.estimate(endpointByCode(paramcd), q);
  }

  @Post('estimates')
  @HttpCode(200)
  @ApiOperation({ summary: 'Estimates for a custom endpoint definition' })
  customEstimates(@Body() body: unknown, @Query() q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    return this.estimate(customEndpoint(body), q);
  }

  private async estimate(endpoint: EndpointDefinition, q: Record<string, string | undefined>): Promise<EndpointEstimates> {
    const options = estimateOptionsOf(q);
    const dataset = await this.queries.execute(new GetSurvivalDatasetQuery(endpoint, parsePointInTime(q['asOf'], q['cutoff']), q['study']));
    return estimateEndpoint(endpoint.paramcd, dataset.rows, options);
  }

  private async send(endpoint: EndpointDefinition, q: Record<string, string | undefined>, reply: FastifyReply): Promise<AdtteDataset | string | Buffer> {
    const format = formatOf(q['format']);
    const dataset = await this.queries.execute(new GetSurvivalDatasetQuery(endpoint, parsePointInTime(q['asOf'], q['cutoff']), q['study']));
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
