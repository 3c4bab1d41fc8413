/**
 * The analyzer gRPC protocol spoken as the Pulumi engine speaks it, over the stubs @pulumi/pulumi
 * ships (proto/analyzer_grpc_pb.js): GetAnalyzerInfo, Configure, Analyze and Remediate.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { toStruct } from "./properties";

// The generated stubs have no TypeScript declarations of the client constructor's shape we use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as { AnalyzerClient: new (address: string, credentials: grpc.ChannelCredentials) => AnalyzerStub };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const messages = require("@pulumi/pulumi/proto/analyzer_pb") as Record<string, new () => any>;

type Unary = (request: unknown, callback: (error: grpc.ServiceError | null, response: any) => void) => void;
interface AnalyzerStub extends grpc.Client {
  getAnalyzerInfo: Unary;
  configure: Unary;
  analyze: Unary;
  remediate: Unary;
}

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: number;
  remediationSteps: string;
  configSchema: { properties: Record<string, unknown>; required: string[] } | undefined;
}

export interface AnalyzerInfo {
  name: string;
  version: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  urn: string;
}

export interface Resource {
  /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment`. */
  type: string;
  name: string;
  /** Inputs as the provider's Check returned them; use UNKNOWN and secret() from properties.ts. */
  props: Record<string, unknown>;
  urn?: string;
}

export interface Remediation {
  policyName: string;
  /** The hardened inputs, when the policy changed them. */
  props: Record<string, unknown> | undefined;
  diagnostic: string;
}

/** Per policy: an enforcement level, or an object with one and the policy's config properties. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

function call(client: AnalyzerStub, method: "getAnalyzerInfo" | "configure" | "analyze" | "remediate", request: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    client[method].call(client, request, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function analyzeRequest(resource: Resource): any {
  const request = new messages.AnalyzeRequest();
  request.setType(resource.type);
  request.setName(resource.name);
  request.setUrn(resource.urn ?? `urn:pulumi:test-stack::test-project::${resource.type}::${resource.name}`);
  request.setProperties(toStruct(resource.props));
  request.setOptions(new messages.AnalyzerResourceOptions());
  return request;
}

export class AnalyzerConnection {
  private readonly client: AnalyzerStub;

  constructor(address: string) {
    this.client = new services.AnalyzerClient(address, grpc.credentials.createInsecure());
  }

  async info(): Promise<AnalyzerInfo> {
    const response = await call(this.client, "getAnalyzerInfo", new Empty());
    return {
      name: response.getName(),
      version: response.getVersion(),
      supportsConfig: response.getSupportsconfig(),
      policies: response.getPoliciesList().map((p: any): PolicyInfo => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()],
          severity: p.getSeverity(),
          remediationSteps: p.getRemediationSteps(),
          configSchema: schema ? { properties: schema.getProperties()?.toJavaScript() ?? {}, required: schema.getRequiredList() } : undefined,
        };
      }),
    };
  }

  /** Sends each policy's enforcement level and config, as the engine does after validating them. */
  async configure(config: PackConfig): Promise<void> {
    const request = new messages.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [policy, value] of Object.entries(config)) {
      const { enforcementLevel, ...properties } = typeof value === "string" ? { enforcementLevel: value } : value;
      const entry = new messages.PolicyConfig();
      entry.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? "advisory"));
      entry.setProperties(toStruct(properties));
      map.set(policy, entry);
    }
    await call(this.client, "configure", request);
  }

  async analyze(resource: Resource): Promise<Diagnostic[]> {
    const response = await call(this.client, "analyze", analyzeRequest(resource));
    return response.getDiagnosticsList().map((d: any): Diagnostic => ({
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn(),
    }));
  }

  async remediate(resource: Resource): Promise<Remediation[]> {
    const response = await call(this.client, "remediate", analyzeRequest(resource));
    return response.getRemediationsList().map((r: any): Remediation => ({
      policyName: r.getPolicyname(),
      props: r.getProperties()?.toJavaScript(),
      diagnostic: r.getDiagnostic(),
    }));
  }

  close(): void {
    this.client.close();
  }
}
