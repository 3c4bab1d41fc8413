/** The installed package's name and version, read from its package.json (dist/checker/ is two levels below it). */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const PACKAGE: { name: string; version: string } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
