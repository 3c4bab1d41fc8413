/** YAML builders shared by the container-level rule tests: a Pod with one container named "app". */

/** A Pod whose container gets `containerSecurity` as-is (e.g. `securityContext: {...}`); `extra` adds pod spec fields. */
export function containerPod(containerSecurity: string, extra = ""): string {
  return `
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  ${extra}
  containers:
    - name: app
      image: nginx
      ${containerSecurity}
`;
}

/** A Pod with a pod-level and a container-level securityContext (flow-style YAML objects, "" for none). */
export function contextPod(podSecurity: string, containerSecurity: string, extra = "", annotations = "{}"): string {
  return `
apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations: ${annotations}
spec:
  ${extra}
  securityContext: ${podSecurity || "{}"}
  containers:
    - name: app
      image: nginx
      securityContext: ${containerSecurity || "{}"}
`;
}
