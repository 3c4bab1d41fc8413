/**
 * One live Kubernetes API server per test process, shared by the tests in it: the first call
 * starts it (scripts/engine/cluster.ts: etcd and kube-apiserver v1.37.2 on loopback, built by
 * scripts/build-kube.sh on first use); it is stopped, and its directory removed, when the process has
 * nothing left to do — or, if the process ends otherwise (a crash, an interrupt), killed by pid.
 *
 * Missing on purpose (see the header of scripts/engine/cluster.ts): no scheduler, controller manager
 * or kubelet, so Pods stay Pending, controllers never create Pods, nothing becomes ready, foreground
 * deletions and namespace deletions never finish.
 */
import { Cluster } from "../../scripts/engine/cluster";

let shared: Promise<Cluster> | undefined;

export function sharedCluster(): Promise<Cluster> {
  if (!shared) {
    shared = Cluster.start();
    // The servers are unref'd, so the process runs out of work once the tests are done.
    process.once("beforeExit", () => void shared?.then((cluster) => cluster.stop(), () => undefined));
  }
  return shared;
}
