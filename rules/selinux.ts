/**
 * The SELinux types a container may run as: the ones the container policies confine
 * (pod-security-admission check_seLinuxOptions.go; container_engine_t since policy version 1.31).
 */
export const ALLOWED_SELINUX_TYPES: readonly string[] = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];
