/**
 * BuildKit's own Dockerfile frontend (test/buildkit-oracle) as an oracle for the user an image runs
 * as: requests go in as JSON lines, answers come back in order. Every base image it resolves has
 * the USER `BASE_IMAGE_USER`; `FROM scratch` has none ("").
 */
import { askOracle } from "../../helpers/go-oracle";

export const BASE_IMAGE_USER = "<base-image-user>";

export interface OracleRequest {
  dockerfile: string;
  target?: string;
  buildArgs?: Record<string, string>;
}

/** BuildKit's answer: the image config's User, or why the Dockerfile does not convert. */
export type OracleAnswer = { user: string } | { error: string };

/** BuildKit's answers to every request, in one run of the oracle. */
export function askBuildKit(requests: OracleRequest[]): OracleAnswer[] {
  return askOracle("buildkit-oracle", requests) as OracleAnswer[];
}
