import { GroupCommit } from './group-commit.js';

interface Req {
  readonly key: string;
  readonly fail?: boolean;
}

/** A database stand-in: each write waits for the test to let it finish; a failing member fails its whole group. */
function fakeDatabase(options: { gatherForOneTurn?: boolean } = {}) {
  const groups: string[][] = [];
  const pending: (() => void)[] = [];
  const write = async (requests: readonly Req[]) => {
    groups.push(requests.map((r) => r.key));
    await new Promise<void>((done) => pending.push(done));
    if (requests.some((r) => r.fail)) throw new Error(`conflict in ${requests.find((r) => r.fail)?.key}`);
    return requests.map((r) => `ok ${r.key}`);
  };
  /** Lets every write finish, until two turns of the event loop pass with none on its way. */
  const finishAll = async () => {
    for (let idleTurns = 0; idleTurns < 2; ) {
      if (pending.length > 0) {
        idleTurns = 0;
        pending.splice(0).forEach((done) => done());
      } else idleTurns++;
      await new Promise((r) => setImmediate(r));
    }
  };
  const commit = new GroupCommit<Req, string>({ writeGroup: write, writeOne: async (r) => (await write([r]))[0] as string, keyOf: (r) => r.key, maxInFlight: 1, ...options });
  return { commit, groups, finishAll };
}

describe('GroupCommit', () => {
  it('sends a lone request at once, on its own', async () => {
    const { commit, groups, finishAll } = fakeDatabase();
    const answer = commit.submit({ key: 'a' });
    expect(groups).toEqual([['a']]);
    await finishAll();
    await expect(answer).resolves.toBe('ok a');
  });

  it('gathers the requests that arrive while a write is on its way into one group, in arrival order', async () => {
    const { commit, groups, finishAll } = fakeDatabase();
    const answers = ['a', 'b', 'c', 'd'].map((key) => commit.submit({ key }));
    await finishAll();
    expect(groups).toEqual([['a'], ['b', 'c', 'd']]);
    await expect(Promise.all(answers)).resolves.toEqual(['ok a', 'ok b', 'ok c', 'ok d']);
  });

  it('never puts two requests with the same key in one group, and keeps their order', async () => {
    const { commit, groups, finishAll } = fakeDatabase();
    const answers = ['x', 's', 't', 's', 'u', 's'].map((key) => commit.submit({ key }));
    await finishAll();
    expect(groups).toEqual([['x'], ['s', 't', 'u'], ['s'], ['s']]);
    await Promise.all(answers);
  });

  it('when a group fails, sends each member again alone so that only the faulty one fails', async () => {
    const { commit, groups, finishAll } = fakeDatabase();
    const first = commit.submit({ key: 'a' });
    const rest = Promise.allSettled([commit.submit({ key: 'b' }), commit.submit({ key: 'c', fail: true }), commit.submit({ key: 'd' })]);
    await finishAll();
    await first;
    expect(groups).toEqual([['a'], ['b', 'c', 'd'], ['b'], ['c'], ['d']]);
    const outcomes = await rest;
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['ok b', 'conflict in c', 'ok d']);
  });

  describe('gathering for one turn (a database in this process, whose writes hold the thread)', () => {
    const turn = () => new Promise((r) => setImmediate(r));

    it('sends the requests submitted in one turn of the event loop as one group, the first included', async () => {
      const { commit, groups, finishAll } = fakeDatabase({ gatherForOneTurn: true });
      const answers = ['a', 'b', 'c'].map((key) => commit.submit({ key }));
      expect(groups).toEqual([]);
      await turn();
      expect(groups).toEqual([['a', 'b', 'c']]);
      await finishAll();
      await expect(Promise.all(answers)).resolves.toEqual(['ok a', 'ok b', 'ok c']);
    });

    it('still sends a lone request, one turn later, on its own', async () => {
      const { commit, groups, finishAll } = fakeDatabase({ gatherForOneTurn: true });
      const answer = commit.submit({ key: 'a' });
      await turn();
      expect(groups).toEqual([['a']]);
      await finishAll();
      await expect(answer).resolves.toBe('ok a');
    });

    it('keeps one group in flight: what arrives meanwhile goes in the next group', async () => {
      const { commit, groups, finishAll } = fakeDatabase({ gatherForOneTurn: true });
      const first = commit.submit({ key: 'a' });
      await turn();
      const rest = ['b', 'a', 'c'].map((key) => commit.submit({ key }));
      await turn();
      expect(groups).toEqual([['a']]);
      await finishAll();
      expect(groups).toEqual([['a'], ['b', 'a', 'c']]);
      await Promise.all([first, ...rest]);
    });
  });
});
