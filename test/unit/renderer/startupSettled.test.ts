// startupSettled (renderer/features/startup/databaseStatus.ts) follows the gate's own state: pending while the
// database opens or an unfinished demo load is cleaned, settled once the gate shows the pages or a problem.
import { describe, expect, it } from 'vitest';
import { startupSettled, useDatabaseStatus } from '../../../renderer/features/startup/databaseStatus';

describe('startupSettled', () => {
  it('waits through opening and cleaning, and settles when the gate is ready', async () => {
    let settled = false;
    void startupSettled.then(() => (settled = true));
    useDatabaseStatus.setState({ status: { phase: 'cleaning', done: 1, total: 3 } });
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false);
    useDatabaseStatus.setState({ status: { phase: 'ready' } });
    await startupSettled;
    expect(settled).toBe(true);
  });
});
