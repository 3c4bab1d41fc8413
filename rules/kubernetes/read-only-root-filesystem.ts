/**
 * read-only-root-filesystem — every container mounts its root file system read-only.
 *
 * Reads (init, regular and ephemeral containers; there is no pod-level field):
 *   spec.{initContainers,containers,ephemeralContainers}[*].securityContext.readOnlyRootFilesystem
 * Allowed: true, explicitly (unset means writable).
 * Exempt: Windows pods (spec.os.name: windows): the API server refuses this field for them.
 * Beyond the Pod Security Standards (no PSA check).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import { containerPlace, fieldAt, judge, writableContext } from "./context-places";
import { unlessExempt, windowsPod } from "./pod-conditions";
import type { KubernetesRule } from "./rule";
import type { ContainerSubject, PodSubject } from "./workloads";

function checkContainer(pod: PodSubject, container: ContainerSubject): Finding[] {
  const place = containerPlace(container);
  const readOnly = fieldAt(pod, place, "readOnlyRootFilesystem", "boolean");
  const judged = judge(readOnly, container.name, "true");
  if (judged && "finding" in judged) return [judged.finding];
  if (judged?.value === true) return [];
  if (!judged && pod.patch) return [];
  const state = judged ? "sets readOnlyRootFilesystem: false" : "leaves readOnlyRootFilesystem unset";
  return [
    violation(
      readOnly.path,
      container.name,
      `${place.label} ${state}, so its root file system is writable: an attacker can replace binaries or drop tools in it. Set securityContext.readOnlyRootFilesystem: true, and mount an emptyDir volume at each path it must write (e.g. /tmp, /var/cache).`,
    ),
  ];
}

export const readOnlyRootFilesystem: KubernetesRule = {
  meta: {
    id: "read-only-root-filesystem",
    title: "Read-only root file system",
    description:
      "A writable root file system lets an intruder modify the application's binaries and configuration or download tools, and makes containers drift from their image. Writable paths the application needs belong on volumes.",
    severity: "medium",
    pss: [],
    references: [
      { source: "CIS Docker Benchmark", control: "5.12 Ensure that the container's root filesystem is mounted as read only" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation: "In every container set a read-only root and give it volumes for what it writes:\n  containers:\n    - name: app\n      securityContext:\n        readOnlyRootFilesystem: true\n      volumeMounts:\n        - { name: tmp, mountPath: /tmp }\n  volumes:\n    - { name: tmp, emptyDir: {} }",
    options: [],
  },
  check(pod) {
    return unlessExempt(windowsPod(pod), () => pod.containers.flatMap((container) => checkContainer(pod, container)));
  },
  fix(pod) {
    for (const container of pod.containers) {
      const context = writableContext(container.raw);
      if (context && context.readOnlyRootFilesystem !== true) context.readOnlyRootFilesystem = true;
    }
  },
};
