/** The Node flags `npm start` runs the service with (see start-flags.mjs). */
export function startFlags(root: string): string[];
