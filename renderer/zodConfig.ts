import { z } from '../shared/zodLocale';

// The renderer runs under a CSP without 'unsafe-eval' (electron/security/csp.ts), so zod's compiled fast path,
// which needs `new Function`, cannot run there. Saying so up front keeps zod from probing for it (the probe is
// reported as a CSP violation at the first parse), and makes a page served without the CSP — the benchmark's —
// take the same path the app takes. Imported before any schema is built.
z.config({ jitless: true });
