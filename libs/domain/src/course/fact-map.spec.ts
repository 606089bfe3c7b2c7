import fc from 'fast-check';
import { FactMap } from './fact-map.js';
import type { CourseFact } from './state.js';

const TYPES = ['LabMeasured', 'DeathRecorded', 'DiagnosisRecorded'] as const;
const fact = (eventId: string, n: number): CourseFact => ({ eventId, type: TYPES[Math.abs(n) % 3] as CourseFact['type'], data: { n }, retracted: false, corrected: false, seq: n });

/** One step: from an earlier version (by index), add a fact with this id, or replace one. */
const step = fc.record({ from: fc.nat(), kind: fc.constantFrom('add', 'add', 'add', 'replace'), id: fc.integer({ min: 0, max: 30 }), n: fc.integer() });

describe('FactMap', () => {
  it('given any history of additions and replacements, branching from any earlier version, then every version reads as a Map copied at each step would, by id and by type', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const versions: FactMap[] = [FactMap.empty()];
        const models: Map<string, CourseFact>[] = [new Map()];
        for (const { from, kind, id, n } of steps) {
          const i = from % versions.length;
          const base = versions[i] as FactMap;
          const model = new Map(models[i]);
          const f = fact(`e${id}`, n);
          if (kind === 'add') {
            versions.push(base.adding(f));
            model.set(f.eventId, f);
          } else {
            versions.push(base.replacing(f));
            if (model.has(f.eventId)) model.set(f.eventId, f);
          }
          models.push(model);
        }
        // Checked after the whole history: a later step must not have changed an earlier version.
        versions.forEach((v, i) => {
          const model = models[i] as Map<string, CourseFact>;
          expect([...v.entries()]).toEqual([...model.entries()]);
          expect(v.size).toBe(model.size);
          for (let id = 0; id <= 30; id++) expect(v.get(`e${id}`)).toBe(model.get(`e${id}`));
          for (const types of [['DeathRecorded'], ['LabMeasured', 'DiagnosisRecorded'], TYPES]) {
            expect(v.ofTypes(types)).toEqual([...model.values()].filter((f) => types.includes(f.type as (typeof TYPES)[number])));
          }
        });
      }),
    );
  });

  it('keeps an older version blind to facts added after it, sharing the facts both have', () => {
    let facts = FactMap.empty();
    for (let i = 0; i < 1000; i++) facts = facts.adding(fact(`e${i}`, i));
    const older = facts;
    const newer = facts.adding(fact('last', 1000));
    expect([older.size, newer.size]).toEqual([1000, 1001]);
    expect(older.get('last')).toBeUndefined();
    expect(newer.get('e0')).toBe(older.get('e0'));
  });
});
