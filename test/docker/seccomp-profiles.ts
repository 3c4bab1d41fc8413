/**
 * Seccomp profiles the generated configurations give a container (inline for docker.Container,
 * files for Compose): one that denies by default and allows what the probe's busybox needs, and one
 * whose default action allows every system call (a deny-list at best, which seccomp-profile refuses).
 */

/** The system calls busybox sh, cat, ls, readlink, touch and tr make on x86_64 (and runc's last steps before them). */
const PROBE_SYSCALLS = [
  "access", "arch_prctl", "brk", "capget", "capset", "chdir", "clock_gettime", "clock_nanosleep", "clone", "clone3", "close",
  "dup", "dup2", "dup3", "epoll_create1", "epoll_ctl", "epoll_pwait", "execve", "execveat", "exit", "exit_group",
  "faccessat", "faccessat2", "fchdir", "fchown", "fcntl", "fstat", "fstatfs", "futex", "getcwd", "getdents64", "getegid",
  "geteuid", "getgid", "getgroups", "getpgrp", "getpid", "getppid", "getrandom", "getrlimit", "gettid", "gettimeofday",
  "getuid", "ioctl", "kill", "lseek", "lstat", "madvise", "mmap", "mprotect", "munmap", "nanosleep", "newfstatat", "open",
  "openat", "pipe", "pipe2", "poll", "ppoll", "prctl", "pread64", "prlimit64", "read", "readlink", "readlinkat", "readv",
  "rseq", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sched_getaffinity", "sched_yield", "set_robust_list",
  "set_tid_address", "setgid", "setgroups", "setpgid", "setuid", "sigaltstack", "stat", "statfs", "statx", "sysinfo",
  "tgkill", "umask", "uname", "utimensat", "vfork", "wait4", "write", "writev",
];

export const SECCOMP_DENY_BY_DEFAULT = JSON.stringify({
  defaultAction: "SCMP_ACT_ERRNO",
  architectures: ["SCMP_ARCH_X86_64"],
  syscalls: [{ names: PROBE_SYSCALLS, action: "SCMP_ACT_ALLOW" }],
});

export const SECCOMP_ALLOW_ALL = JSON.stringify({ defaultAction: "SCMP_ACT_ALLOW", syscalls: [{ names: ["keyctl"], action: "SCMP_ACT_ERRNO" }] });
