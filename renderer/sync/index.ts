// The renderer's side of sync (docs/bundle-format.md "Sync in this code"), for the 数据交换 screens.
export { planExport, readExport, sealMeta, commitExport, blobHashesOf, ourKnowledge, DEMO_EXPORT_REFUSED } from './exportReader';
export type { ExportPlan, ExportTarget, ReadStats } from './exportReader';
export { checkBundle, assertImportable, discardStaging, checkEntry, storeEntry, stageEntry, stageLines, stageBlob, previewImport, PreviewTally, LiveTables, holdersToFind, applyImport, PREVIEW_IDS } from './importer';
export type { Preview, TablePreview, ApplyResult, ApplyOptions } from './importer';
export { listConflicts, resolveConflict } from './conflicts';
export { peerKnowledge } from './knowledge';
export { peerHistory, type PeerHistory } from './history';
export { adoptHighWater, reportCounter, type CounterApi } from './counter';
export { startSync } from './startup';
export type { ConflictRow, LedgerRow, StreamRow } from './tables';
