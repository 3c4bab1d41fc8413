/** The shape of a Docker rule: a pure check over one container's create-time settings. */
import type { Finding, RuleMeta, RuleOptions } from "../types";
import type { ImageBuild } from "./image-build";
import type { DockerContainerSubject } from "./subject";

export interface DockerRule {
  /** The catalogue ID: the Kubernetes rule's ID when the concept is the same. */
  id: string;
  /** The declarative header, only for a concept that exists for Docker alone (shared concepts use the Kubernetes rule's). */
  meta?: RuleMeta;
  /** How to fix it in a docker.Container or docker.Service (shared concepts append it to the entry's remediation). */
  remediation?: string;
  /** Every finding for this container; an empty list means it complies. */
  check(subject: DockerContainerSubject, options: RuleOptions): Finding[];
  /** Every finding for the image a build makes (a docker.Image, a Dockerfile), for a rule that judges images. */
  image?(build: ImageBuild, options: RuleOptions): Finding[];
  /**
   * Hardens the resource's inputs (`subject.props`) in place so that `check` passes (the `remediate`
   * enforcement level). Absent when no safe automatic fix exists.
   */
  fix?(subject: DockerContainerSubject, options: RuleOptions): void;
}
