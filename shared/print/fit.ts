// Text that would overflow a box of a printed form shrinks in steps (docs/domain.md, the printed form): the
// component measures, these rules decide. A box that does not fit even at the smallest step is reported, never cut.

/** One step: a font size in points and its line height (a multiple of the size). */
export interface FitStep {
  pt: number;
  lineHeight: number;
}

/**
 * The sizes the forms use, largest first: the Chinese type sizes 四号 14, 小四 12, 五号 10.5, 小五 9, 六号 7.5 pt,
 * with the line spacing tightening a little as the type gets smaller.
 */
export const TYPE_SIZES: readonly FitStep[] = [
  { pt: 14, lineHeight: 1.5 },
  { pt: 12, lineHeight: 1.5 },
  { pt: 10.5, lineHeight: 1.4 },
  { pt: 9, lineHeight: 1.3 },
  { pt: 7.5, lineHeight: 1.25 },
];

/** The steps a box may take, from its normal size down to its smallest (both in points, inclusive). */
export function fitSteps(largestPt: number, smallestPt: number, sizes: readonly FitStep[] = TYPE_SIZES): FitStep[] {
  const steps = sizes.filter((s) => s.pt <= largestPt && s.pt >= smallestPt);
  if (!steps.length) throw new Error(`no type size between ${smallestPt} and ${largestPt} pt`);
  return steps;
}

export interface FitResult {
  step: FitStep;
  /** Which of the steps was taken (0: the normal size). */
  index: number;
  /** True when even the last step does not fit: the box is reported before printing. */
  overflows: boolean;
}

/** The first (largest) step at which `fits` says the text fits; the last step, marked, when none does. */
export function chooseFit(steps: readonly FitStep[], fits: (step: FitStep) => boolean): FitResult {
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    if (fits(step)) return { step, index, overflows: false };
  }
  const index = steps.length - 1;
  return { step: steps[index]!, index, overflows: true };
}

/** A box that still overflows, as the preview lists it: whose form, which box. */
export interface Overflow {
  /** The cadre's name (任免审批表) or the document's title. */
  owner: string;
  box: string;
  /** What more to say, e.g. how many family members the box holds. */
  detail?: string;
}

export const overflowMessage = (o: Overflow): string =>
  `${o.owner}：${o.box} 超出格子${o.detail ? `（${o.detail}）` : ''}，请精简后再打印`;
