/** The release, set at build time by esbuild's `define`; "dev" when run from source. */
export const MOMS_VERSION: string = process.env.MOMS_VERSION ?? '0.1.0-dev';
