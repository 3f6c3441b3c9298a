export declare const VISITS: { name: string; files: string[] }[]
