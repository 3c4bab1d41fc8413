/**
 * Values unknown at preview. The engine tells the pack whether it runs a preview through
 * PULUMI_NODEJS_DRY_RUN (and PULUMI_DRY_RUN). During a preview an unknown value becomes an advisory
 * diagnostic, whatever the policy's level: it cannot be verified yet, and blocking every preview that
 * uses another resource's output would make the pack unusable. At `pulumi up` the engine analyzes
 * resolved inputs; a value still unknown then is enforced at the policy's level.
 *
 * The advisory is raised the way @pulumi/policy raises its own: by throwing its UnknownValueError,
 * which the SDK reports as "can't run policy … during preview: <message>" at level advisory
 * (server.js, makeAnalyzeRpcFun). Our subclass carries our own message.
 */
import { UnknownValueError } from "./sdk-internals";

export function isPreview(env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.PULUMI_NODEJS_DRY_RUN ?? env.PULUMI_DRY_RUN;
  return flag === "true";
}

export class NotKnownAtPreview extends UnknownValueError {
  constructor(message: string) {
    super("04da6b54-80e4-46f7-96ec-b56ff0331ba9", []);
    this.message = message;
  }
}
