import { takeWholeCommits } from './commit-pages.js';

async function* from(positions: readonly number[]) {
  for (const [i, position] of positions.entries()) yield { position, i };
}
const page = async (positions: number[], limit: number) => (await takeWholeCommits(from(positions), limit)).map((e) => e.position);

describe('KurrentDB $all pages', () => {
  it('takes up to the limit when every event has its own position', async () => {
    expect(await page([10, 20, 30, 40], 2)).toEqual([10, 20]);
    expect(await page([10, 20], 5)).toEqual([10, 20]);
    expect(await page([10], 0)).toEqual([]);
  });

  it('ends on a commit boundary that falls at the limit', async () => {
    expect(await page([10, 10, 20, 20, 30], 4)).toEqual([10, 10, 20, 20]);
  });

  it('stops before a commit the limit would cut, so the next page (after the last position) has all of it', async () => {
    expect(await page([10, 20, 20, 20, 30], 2)).toEqual([10]);
    expect(await page([10, 10, 20, 20, 20], 4)).toEqual([10, 10]);
  });

  it('runs past the limit when one commit alone is larger, so a reader never stalls', async () => {
    expect(await page([10, 10, 10, 10, 20], 2)).toEqual([10, 10, 10, 10]);
    expect(await page([10, 10, 10], 2)).toEqual([10, 10, 10]);
  });
});
