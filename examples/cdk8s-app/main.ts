/**
 * A small shop on Kubernetes, written with the secure constructs: an nginx front end that needs
 * writable cache and run directories and listens on 8080 (so no NET_BIND_SERVICE), a queue worker,
 * and a nightly report CronJob. HardeningValidation makes `cdk8s synth` fail if anything in the
 * chart (a raw ApiObject included) falls short of the hardened profile.
 *
 * Synthesize: `npm run synth:example` at the repository root (builds, then runs `cdk8s synth` here
 * with the catalogue's CLI plugin); the output, dist/shop.k8s.yaml, is committed so that readers see
 * what the constructs emit, and checked against a fresh synthesis by the tests. The Pulumi
 * secure-stack example composes the same chart through `shopApp().synthYaml()`.
 */
import { ApiObject, App, Chart, type AppProps } from "cdk8s";
import type { Construct } from "constructs";
import { HardeningValidation, SecureCronJob, SecureDeployment } from "../../constructs/index";

export class ShopChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation(new HardeningValidation(this, { profile: "hardened" }));

    const web = new SecureDeployment(this, "web", {
      metadata: { name: "web" },
      replicas: 2,
      containers: [
        {
          name: "nginx",
          image: "nginxinc/nginx-unprivileged:1.27-alpine",
          ports: [{ containerPort: 8080, name: "http" }],
          // nginx writes its pid, temp files and cache; everything else stays read-only.
          writablePaths: ["/tmp", "/var/cache/nginx", { path: "/var/run", sizeLimit: "1Mi", inMemory: true }],
          readiness: { httpGet: { path: "/", port: "http" }, periodSeconds: 5 },
          liveness: { httpGet: { path: "/", port: "http" }, periodSeconds: 20 },
        },
      ],
    });

    new ApiObject(this, "web-service", {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { selector: web.selector, ports: [{ name: "http", port: 80, targetPort: "http" }] },
    });

    new SecureDeployment(this, "worker", {
      metadata: { name: "worker" },
      replicas: 2,
      containers: [
        {
          name: "worker",
          image: "ghcr.io/example/shop-worker:1.4.2",
          args: ["--queue", "orders"],
          env: {
            LOG_FORMAT: "json",
            QUEUE_URL: { secretKeyRef: { name: "shop-queue", key: "url" } },
          },
          resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        },
      ],
    });

    new SecureCronJob(this, "report", {
      metadata: { name: "nightly-report" },
      schedule: "0 3 * * *",
      timeZone: "Etc/UTC",
      backoffLimit: 2,
      containers: [
        {
          name: "report",
          image: "ghcr.io/example/shop-report:1.4.2",
          args: ["--since", "24h"],
          writablePaths: [{ path: "/tmp", sizeLimit: "1Gi" }],
        },
      ],
    });
  }
}

/** The app; tests pass an outdir to synthesize it elsewhere. */
export function shopApp(props: AppProps = {}): App {
  const app = new App(props);
  new ShopChart(app, "shop");
  return app;
}

if (require.main === module) shopApp().synth();
