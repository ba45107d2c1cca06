// A fresh in-memory IndexedDB for the renderer's Dexie code.
import 'fake-indexeddb/auto';
import '../../../renderer/zodConfig';
