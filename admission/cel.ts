/**
 * Building blocks of the CEL the generated ValidatingAdmissionPolicies evaluate. The API server
 * runs validating admission after decoding, defaulting and validation, so fields have their schema
 * types and the optional syntax (`a.?b.orValue(x)`) stands for "absent" wherever a rule reads a
 * field that may be left out. Every expression reads the pod spec through `variables.spec`, which
 * the policy picks per kind (see policy.ts), so a check is written once for Pods and templates.
 */

/** A CEL string literal (JSON's escapes are CEL's). */
export function literal(text: string): string {
  return JSON.stringify(text);
}

/** A CEL list of string literals. */
export function list(items: readonly string[]): string {
  return `[${items.map(literal).join(", ")}]`;
}

export const SPEC = "variables.spec";

/** The container lists of a pod spec, with how messages name their containers (as rules/kubernetes/security-context.ts containerLabel). */
const CONTAINER_LISTS = [
  { list: "initContainers", label: "init container" },
  { list: "containers", label: "container" },
  { list: "ephemeralContainers", label: "ephemeral container" },
] as const;

/** One CEL rule of a policy: true when the object passes; the message says what fails. */
export interface Validation {
  expression: string;
  messageExpression: string;
}

/** `owner.securityContext.<path>` read optionally (`owner` is the pod spec or a container). */
export function context(owner: string, path: string): string {
  return `${owner}.?securityContext${path.split(".").map((key) => `.?${key}`).join("")}`;
}

/** The start of every message: the object as the pack names it (`Deployment shop/web: `). */
const TARGET = "variables.target + ': '";

/**
 * A check of every container (init, regular, ephemeral) that the rule's container exemptions
 * (`rule/container` in the annotation, `container:` in the configuration) leave out.
 * @param pass CEL over the container variable `c`, true when it complies.
 * @param problem what is wrong, after the container labels (`does not drop all capabilities.`).
 */
export function everyContainer(pass: string, problem: string): Validation {
  const checked = (entry: (typeof CONTAINER_LISTS)[number]) => `${SPEC}.?${entry.list}.orValue([])`;
  const kept = "!(c.name in variables.exemptContainers)";
  return {
    expression: CONTAINER_LISTS.map((entry) => `${checked(entry)}.all(c, ${kept} ? (${pass}) : true)`).join(" && "),
    messageExpression: `${TARGET} + (${CONTAINER_LISTS.map((entry) => `${checked(entry)}.filter(c, ${kept} && !(${pass})).map(c, ${literal(`${entry.label} "`)} + c.name + '"')`).join(" + ")}).join(', ') + ' ' + ${literal(problem)}`,
  };
}

/** A check of the pod spec itself (pod-level findings, which only whole-object exemptions lift). */
export function podCheck(pass: string, problem: string): Validation {
  return { expression: pass, messageExpression: `${TARGET} + ${literal(problem)}` };
}

/** A check of the pod's securityContext and every container's, each place on its own. */
export function everyPlace(pass: (owner: string) => string, problem: string): Validation[] {
  return [podCheck(pass(SPEC), `the pod ${problem}`), everyContainer(pass("c"), problem)];
}

/** The check only where a pod-wide condition does not exempt it (`variables.windows`, `variables.userNamespace`). */
export function unless(condition: string, validations: Validation[]): Validation[] {
  return validations.map((v) => ({ ...v, expression: `${condition} || (${v.expression})` }));
}

/** A check of every volume of the pod (`pass` is CEL over `v`); the failing ones are named. */
export function everyVolume(pass: string, problem: string): Validation {
  const volumes = `${SPEC}.?volumes.orValue([])`;
  return {
    expression: `${volumes}.all(v, ${pass})`,
    messageExpression: `${TARGET} + ${volumes}.filter(v, !(${pass})).map(v, 'volume "' + v.name + '"').join(', ') + ' ' + ${literal(problem)}`,
  };
}

/**
 * `body` with `segments` standing for the normalised segments of a host path. Written out at each
 * use: kube-apiserver 1.37 refuses `cel.bind` in these policies ("undeclared reference to 'cel'").
 */
export function withSegments(path: string, body: string): string {
  // Validation refuses `..` in hostPath.path, so normalising is dropping empty and `.` segments.
  return `(${body.replaceAll("segments", `${path}.split('/').filter(s, s != '' && s != '.')`)})`;
}
