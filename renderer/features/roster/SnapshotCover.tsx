import { snapshotCover } from './snapshot';

/**
 * The roster's snapshot as the boot script showed it (renderer/features/roster/snapshot.ts), kept on screen while
 * the app starts — in place of the start-up spinners — so the first screen does not go from rows to a spinner and
 * back; null when there is none. Inert: it takes no click, key or focus.
 */
export function SnapshotCover({ otherwise }: { otherwise: React.ReactNode }) {
  const html = snapshotCover();
  if (!html) return otherwise;
  // the HTML is React's own earlier render of this page (escaped text) from this origin's storage; the CSP runs
  // no inline script or handler it could hold
  return <div data-snapshot="1" inert aria-hidden="true" className="roster-snapshot" dangerouslySetInnerHTML={{ __html: html }} />;
}
