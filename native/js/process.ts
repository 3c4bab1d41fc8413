/** node:process, for the bundled packages that require it (yaml): the global globals.ts installed. */
export = process;
