// Types of render-icons.mjs, for the TypeScript that imports it (electron.vite.config.ts, the icon test).
export declare const BUILD_DIR: string;
export declare const SOURCE_SVG: string;
export declare const PNG_SIZES: readonly number[];
export declare const ICO_SIZES: readonly number[];
export declare const ICON_SET_DIR: string;
export declare const ICO_FILE: string;
export declare const MASTER_PNG: string;
export declare const WINDOW_ICON_SIZE: number;
export declare function pngName(size: number): string;
export declare function renderPng(svg: Uint8Array | string, size: number): Buffer;
export declare function renderIcons(options?: { outDir?: string }): Promise<string[]>;
