import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';

/**
 * The project's UUID v5 namespace. Fixed forever: two installations that create the same natural key must
 * derive the same id (docs/architecture.md#which-data-syncs-and-how-ids-are-made).
 */
export const PROJECT_NAMESPACE = '6f1d3c2a-8b4e-5a7d-9c31-2e0f4b6a8d15';

/** Id from a natural key: identical on every machine. Parts are joined with a separator no part contains. */
export function naturalId(kind: string, ...parts: string[]): string {
  return uuidv5([kind, ...parts].join('\u001f'), PROJECT_NAMESPACE);
}

/** Time-ordered random id for records without a natural key. */
export function newId(): string {
  return uuidv7();
}

export const unitId = (parentId: string | null, name: string): string =>
  naturalId('unit', parentId ?? 'root', name);

export const cadreId = (idNumber18: string): string => naturalId('cadre', idNumber18.toUpperCase());
