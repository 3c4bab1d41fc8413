import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { apparmorProfile } from "../../../rules/kubernetes/apparmor-profile";
import { dropAllCapabilities } from "../../../rules/kubernetes/drop-all-capabilities";
import { fixObject } from "../../../rules/kubernetes/evaluate";
import { noPrivilegeEscalation } from "../../../rules/kubernetes/no-privilege-escalation";
import { noPrivileged } from "../../../rules/kubernetes/no-privileged";
import { procMount } from "../../../rules/kubernetes/proc-mount";
import { readOnlyRootFilesystem } from "../../../rules/kubernetes/read-only-root-filesystem";
import { restrictAddedCapabilities } from "../../../rules/kubernetes/restrict-added-capabilities";
import { runAsNonRoot } from "../../../rules/kubernetes/run-as-non-root";
import { seccompProfile } from "../../../rules/kubernetes/seccomp-profile";
import { resolveOptions } from "../../../rules/options";
import { check, parseObject } from "../../helpers/kubernetes";

// Every container rule with a fix, in catalogue order (privileged is fixed before escalation).
const FIXABLE = [dropAllCapabilities, noPrivileged, restrictAddedCapabilities, noPrivilegeEscalation, runAsNonRoot, seccompProfile, apparmorProfile, procMount, readOnlyRootFilesystem];

describe("container rule fixes together", () => {
  it("turn an insecure Deployment into one every fixable rule passes", () => {
    const insecure = parseObject(`
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    metadata: { annotations: { container.apparmor.security.beta.kubernetes.io/app: unconfined } }
    spec:
      securityContext: { runAsNonRoot: false, seccompProfile: { type: Unconfined } }
      initContainers: [{ name: setup, image: busybox, securityContext: { capabilities: { add: [CAP_SYS_ADMIN] } } }]
      containers:
        - name: app
          image: nginx
          securityContext: { privileged: true, procMount: Unmasked, appArmorProfile: { type: Unconfined }, capabilities: { add: [cap_net_bind_service, NET_RAW] } }
`);
    for (const rule of FIXABLE) assert.notDeepEqual(check(rule, insecure), [], `${rule.meta.id} should fail before the fix`);
    const fixed = fixObject(FIXABLE, insecure, () => resolveOptions());
    assert.ok(fixed);
    for (const rule of FIXABLE) assert.deepEqual(check(rule, fixed), [], rule.meta.id);
    const app = (fixed as any).spec.template.spec.containers[0].securityContext;
    assert.deepEqual(app.capabilities, { add: ["NET_BIND_SERVICE"], drop: ["ALL"] });
    assert.equal(app.privileged, false);
    assert.equal(app.allowPrivilegeEscalation, false);
  });
});
