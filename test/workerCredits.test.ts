import { describe, expect, it } from 'vitest';
import { Credits } from '../src/workerCredits.js';

describe('Credits (worker back-pressure)', () => {
  it('lets `limit` takes through, then waits until a release', async () => {
    const credits = new Credits(2);
    await credits.take();
    await credits.take();
    let third = false;
    const pending = credits.take().then(() => (third = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(third).toBe(false);
    credits.release();
    await pending;
    expect(third).toBe(true);
  });
});
