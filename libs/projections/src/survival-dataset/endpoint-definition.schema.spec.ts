import { isDomainError, type FieldIssue } from '@app/domain';
import { fixtureEvents } from '../../../../test/support/fixture-events.js';
import { EFS, firstInfusionOrigin, relapseEvent } from '@app/survival';
import { recordOf } from '../course-record.js';
import { adtteDataset } from './adtte-dataset.js';
import { parseEndpointDefinition } from './endpoint-definition.schema.js';

/** A custom endpoint as JSON: each wrong field reported by its path, a right one usable as is. */
const issuesOf = (input: unknown): FieldIssue[] => {
  try {
    parseEndpointDefinition(input);
  } catch (e) {
    if (isDomainError(e) && e.code === 'INVALID_ENDPOINT_DEFINITION') return [...e.issues];
    throw e;
  }
  throw new Error('expected the definition to be refused');
};

const relapse = { name: 'cns_relapse', select: { type: 'RelapseRecorded', where: [{ path: 'sites.site', equals: 'cns' }] }, cnsr: 0, evntdesc: 'CNS RELAPSE' };
const lastContact = { name: 'last_contact', select: { type: 'LastContactRecorded', which: 'last' }, cnsr: 1, cnsdtdsc: 'LAST CONTACT' };
const valid = { paramcd: 'CNSRFS', param: 'CNS relapse-free survival', events: [relapse, 'death_event'], censors: [lastContact] };

describe('a custom endpoint definition', () => {
  it('1. an unknown fact type is named, with its path and the known types', () => {
    const [issue, ...more] = issuesOf({ ...valid, events: [{ ...relapse, select: { type: 'Relapse' } }] });
    expect(more).toEqual([]);
    expect(issue?.field).toBe('events.0.select.type');
    expect(issue?.message).toMatch(/^unknown fact type "Relapse"; known types: PatientEnrolled, DiagnosisRecorded, .*RelapseRecorded.*DeathRecorded$/);
    expect(issue?.message).not.toContain('EventCorrected');
    expect(issuesOf({ ...valid, events: [{ ...relapse, select: { type: ['RelapseRecorded', 'Death'] } }] })[0]?.field).toBe('events.0.select.type.1');
  });

  it('2. a censor source without cnsr', () => {
    const { cnsr: _missing, ...noCode } = lastContact;
    expect(issuesOf({ ...valid, censors: [noCode] })).toEqual([{ field: 'censors.0.cnsr', message: 'cnsr (1 or more, the coded censoring reason) is required' }]);
  });

  it('3. a censor source coded 0, and an event source coded 1', () => {
    expect(issuesOf({ ...valid, censors: [{ ...lastContact, cnsr: 0 }] })).toEqual([{ field: 'censors.0.cnsr', message: 'a censoring is coded 1 or more; 0 is an event' }]);
    expect(issuesOf({ ...valid, events: [{ ...relapse, cnsr: 1 }] })).toEqual([{ field: 'events.0.cnsr', message: 'an event source has cnsr 0' }]);
  });

  it('4. every wrong field at once: unknown fields, catalogue names, filters, imputation, PARAMCD', () => {
    const fields = issuesOf({
      paramcd: 'efs-custom',
      param: 'x',
      origin: 'infusion',
      events: [{ ...relapse, select: { type: 'RelapseRecorded', where: [{ path: 'sites.site', equals: 'cns', exists: true }] } }, 'relapse'],
      censors: [{ ...lastContact, colour: 'red' }],
      imputation: { event: 'mid' },
    }).map((i) => i.field);
    expect(fields).toEqual(['paramcd', 'origin', 'events.0.select.where.0', 'events.1', 'censors.0', 'imputation.event']);
  });

  it('5. a valid definition gets the defaults, and catalogue names resolve to the catalogue sources', () => {
    const def = parseEndpointDefinition({ paramcd: 'EFS', param: EFS.param, events: ['relapse_event', 'hsct_event', 'death_event'], censors: ['lastcontact_censor'] });
    expect(def).toMatchObject({ origin: firstInfusionOrigin, timeUnit: 'days', addOneDay: false, events: [relapseEvent, expect.anything(), expect.anything()] });
    const parsed = parseEndpointDefinition(valid);
    expect(parsed.events[0]).toEqual({ ...relapse, select: { ...relapse.select, window: 'after-origin' }, srcdom: 'RelapseRecorded', srcvar: 'occurredOn' });
  });

  it('6. a definition given as JSON derives what the built-in one does', () => {
    const records = [...fixtureEvents('seed-000.ndjson')].map(([id, events]) => recordOf(id, events));
    const json = JSON.parse(JSON.stringify({ paramcd: 'EFS', param: EFS.param, events: EFS.events, censors: EFS.censors }));
    const strip = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r));
    expect(strip(adtteDataset(records, [parseEndpointDefinition(json)]).rows)).toEqual(strip(adtteDataset(records, [EFS]).rows));
  });
});
