export declare const SMALL: Buffer;
export declare const LARGE: Buffer;
