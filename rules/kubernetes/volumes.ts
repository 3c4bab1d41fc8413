/** The volumes of a pod spec, read once for the volume rules (hostPath, types, runtime sockets). */
import { objectItems, specField, type ListItem } from "./pod-spec";
import type { Finding } from "../types";
import { classify } from "../values";
import type { PodSubject } from "./workloads";

export interface Volume extends ListItem {
  /** The volume's name for messages (`volumes[i]` when it has none). */
  name: string;
}

export function podVolumes(pod: PodSubject): { volumes: Volume[]; findings: Finding[] } {
  const { items, findings } = objectItems(specField(pod, "volumes", "array"), undefined, "a list of volumes");
  const volumes = items.map((item) => {
    const name = classify(item.value.name, "string");
    return { ...item, name: name.state === "present" && name.value !== "" ? name.value : item.path.slice(item.path.lastIndexOf(".") + 1) };
  });
  return { volumes, findings };
}
