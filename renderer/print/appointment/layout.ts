// The 干部任免审批表's boxes, in millimetres on A4 portrait (docs/printing.md "Where the box sizes live"). No
// official dimensions are at hand (docs/domain.md, the printed form): this is the official order laid out with a
// ruled government form's proportions — adjust the numbers here and nowhere else. The page component draws a box
// for every entry, so a change here moves the ruling, the text and the fitting together.

export const PAGE = { width: 210, height: 297 } as const;
/** The ruled area: 20 mm left and right, the front's title above it. */
export const FRAME = { left: 20, width: 170 } as const;

/** Column widths of the front's grid (sum = FRAME.width); the photo takes the last one. */
export const COLS = [20, 24, 22, 22, 22, 28, 32] as const;
/** 4:5 photo: the last column's width × four 10 mm rows. */
export const PHOTO_ROWS = 4;

export const TITLE = { top: 14, height: 18, pt: 22 } as const;

/** Heights of the front's rows, top to bottom; 简历 takes what is left down to FRONT_BOTTOM. */
export const FRONT_ROWS = {
  basic: 10, // four rows: 姓名…, 民族…, 入党时间…, 专业技术职务…
  education: 14, // two rows: 全日制教育, 在职教育 (学历 and 学位 on two lines)
  post: 12, // 现任职务, 拟任职务, 拟免职务
} as const;
export const FRONT_TOP = TITLE.top + TITLE.height;
export const FRONT_BOTTOM = 282;

/** The back: heights of its boxes top to bottom. */
export const BACK_TOP = 15;
export const BACK_ROWS = {
  rewards: 40,
  assessments: 18,
  reason: 28,
  /** the family table: a header row and room for FAMILY.rows members */
  family: 80,
  reportingUnit: 30,
  approval: 30,
  administration: 30,
} as const;
/** 填表人, below the ruling. */
export const SIGN_LINE = { gap: 3, height: 8 } as const;

/** The family table inside the value columns: widths of 称谓, 姓名, 年龄, 政治面貌, 工作单位及职务 (sum = 150). */
export const FAMILY = {
  cols: [18, 22, 14, 24, 72],
  header: 10,
  /** rows at their normal height; more members make the rows lower, down to minRowHeight */
  rows: 7,
  minRowHeight: 7,
} as const;

/** Type sizes (pt) each kind of box may shrink through (shared/print/fit.ts): [normal, smallest]. */
export const FIT = {
  label: [12, 9],
  value: [12, 7.5],
  resume: [12, 7.5],
  long: [12, 7.5],
  family: [10.5, 7.5],
} as const satisfies Record<string, readonly [number, number]>;

/** Inner padding of a box, mm. */
export const PAD = 1.2;
