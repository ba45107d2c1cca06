import { describe, expect, it } from 'vitest';
import { parseEntry } from '../../../renderer/sync/importer';

// An import gives the records of an entry one author object per (installation, operator), so that a dossier set
// stores it once (renderer/sync/importer.ts shareAuthor; docs/architecture.md "Write path").

const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const line = (id: string, updatedBy: unknown) => JSON.stringify({ table: 'career', record: { id, cadreId: 'c1', updatedBy } });
const ndjson = (...lines: string[]) => new TextEncoder().encode(lines.map((l) => `${l}\n`).join(''));

describe('parseEntry', () => {
  it('shares one author object among the lines with the same installation and operator, and changes no value', () => {
    const lines = parseEntry(
      ndjson(
        line('r1', { installationId: A, operator: '张三' }),
        line('r2', { installationId: A, operator: '张三' }),
        line('r3', { installationId: A, operator: '李四' }),
        line('r4', { installationId: B, operator: '张三' }),
        line('r5', { installationId: A, operator: '李四' }),
      ),
    );
    const by = lines.map((l) => l.record.updatedBy);
    expect(by[1]).toBe(by[0]);
    expect(by[4]).toBe(by[2]);
    expect(new Set(by).size).toBe(3);
    expect(by).toEqual([
      { installationId: A, operator: '张三' },
      { installationId: A, operator: '张三' },
      { installationId: A, operator: '李四' },
      { installationId: B, operator: '张三' },
      { installationId: A, operator: '李四' },
    ]);
  });

  it('leaves an author with other fields or other types as it came, for the checks to see', () => {
    const odd = [{ installationId: A, operator: '张三', extra: 1 }, { installationId: A, operator: 7 }, null, '张三'];
    const lines = parseEntry(ndjson(line('r0', { installationId: A, operator: '张三' }), ...odd.map((by, i) => line(`r${i + 1}`, by))));
    const by = lines.map((l) => l.record.updatedBy);
    expect(by.slice(1)).toEqual(odd);
    for (const b of by.slice(1)) if (b && typeof b === 'object') expect(b).not.toBe(by[0]);
  });
});
