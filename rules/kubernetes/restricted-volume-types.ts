/**
 * restricted-volume-types — volumes are only of the types Pod Security restricted allows.
 *
 * Reads: the volume source of each spec.volumes[*] (every key but `name`).
 * Allowed: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim,
 *   projected, secret (PSA's list at latest). Everything else is refused, hostPath included, and so
 *   is a key that is no volume type (a misspelling such as `hostpath` mounts nothing the API server
 *   understands and is refused rather than guessed at).
 * Deliberate differences from PSA, both about objects the API server changes or refuses before PSA
 *   would see them: a volume with no source at all passes, because the API server defaults it to
 *   emptyDir (PSA evaluated on the raw object calls it "unknown"); a volume with two sources is
 *   refused when either is not allowed (PSA looks only at the first allowed one it finds; the API
 *   server rejects such a volume anyway).
 * Exempt: nothing.
 * PSS: restricted, control "Volume Types" (check restrictedVolumes, which replaces the baseline
 *   hostPathVolumes check at restricted; no-host-path-volumes is that baseline check).
 */
import type { Finding } from "../types";
import { violation } from "../findings";
import type { KubernetesRule } from "./rule";
import { podVolumes, type Volume } from "./volumes";

export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
];

function checkVolume(volume: Volume): Finding[] {
  const refused: string[] = [];
  for (const [key, value] of Object.entries(volume.value)) {
    if (key === "name" || value === null || value === undefined) continue;
    if (!RESTRICTED_VOLUME_TYPES.includes(key)) refused.push(key);
  }
  if (refused.length === 0) return [];
  return [
    violation(
      `${volume.path}.${refused[0]}`,
      undefined,
      `volume "${volume.name}" is of type ${refused.join(" and ")}, which Pod Security restricted does not allow. Use one of ${RESTRICTED_VOLUME_TYPES.join(", ")}: for example a persistentVolumeClaim for storage, emptyDir for scratch space, configMap/secret/projected for configuration.`,
    ),
  ];
}

export const restrictedVolumeTypes: KubernetesRule = {
  meta: {
    id: "restricted-volume-types",
    title: "Only restricted volume types",
    description:
      "Besides hostPath, many volume types mount storage straight from the node or from a network share with the node's credentials (nfs, iscsi, rbd, cephfs, flexVolume, gitRepo...). Pod Security restricted allows only the types that go through Kubernetes' own abstractions: configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret.",
    severity: "medium",
    pss: ["restricted"],
    references: [
      { source: "Pod Security Standards", control: "Volume Types (restricted)", url: "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted" },
      { source: "NIST SP 800-190", control: "4.4.3 Insecure container runtime configurations" },
    ],
    remediation:
      "Use only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret volumes. Network storage goes behind a PersistentVolume and a claim:\n  volumes:\n    - name: data\n      persistentVolumeClaim: { claimName: data }",
    options: [],
  },
  check(pod) {
    const { volumes, findings } = podVolumes(pod);
    return [...findings, ...volumes.flatMap(checkVolume)];
  },
};
