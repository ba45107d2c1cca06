import { chooseFit, fitSteps, type Overflow } from '../../shared/print/fit';

// Fitting text into the boxes of a printed page (docs/printing.md): each box marked `data-fit="12,7.5"` (its
// normal and smallest size in points) holds one text element; the box's text shrinks through the type sizes
// (shared/print/fit.ts decides) until it fits its height, and a box that fits at none is returned so the preview
// can list it. The page's styles make text wrap anywhere, so only the height can overflow.

const px = (value: string): number => Number.parseFloat(value) || 0;

function fits(box: HTMLElement, text: HTMLElement): boolean {
  const style = getComputedStyle(box);
  const room = box.clientHeight - px(style.paddingTop) - px(style.paddingBottom);
  // half a pixel of slack: subpixel layout may round a fitting line up
  return text.scrollHeight <= room + 0.5 && text.scrollWidth <= text.clientWidth + 0.5;
}

/** Fits every marked box under `root`; returns those that still overflow. */
export function fitBoxes(root: ParentNode): Overflow[] {
  const overflows: Overflow[] = [];
  for (const box of root.querySelectorAll<HTMLElement>('[data-fit]')) {
    const text = box.firstElementChild as HTMLElement | null;
    if (!text) continue;
    const [largest, smallest] = (box.dataset.fit ?? '').split(',').map(Number);
    const steps = fitSteps(largest!, smallest!);
    const apply = (pt: number, lineHeight: number) => {
      text.style.fontSize = `${pt}pt`;
      text.style.lineHeight = String(lineHeight);
    };
    const result = chooseFit(steps, (step) => {
      apply(step.pt, step.lineHeight);
      return fits(box, text);
    });
    apply(result.step.pt, result.step.lineHeight);
    box.dataset.fitted = String(result.step.pt);
    if (result.overflows) {
      box.dataset.overflow = '1';
      overflows.push({ owner: box.dataset.owner ?? '', box: box.dataset.box ?? '' });
    } else delete box.dataset.overflow;
  }
  return overflows;
}
