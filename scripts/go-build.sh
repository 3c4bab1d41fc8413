# Sourced by the scripts that build Go programs from the module proxy in throwaway wrapper modules
# (setup-engine.sh, build-kube.sh); expects a `say` function for progress on stderr.

# go_build_once <wrapper dir> <package> <ldflags> <binary>: compiles <package> in the wrapper module
# into <binary>, atomically so that an interrupted build is never taken as cached; nothing to do
# when <binary> exists.
go_build_once() {
  local dir="$1" package="$2" ldflags="$3" binary="$4"
  local name started
  name="$(basename "$binary")"
  if [[ -x "$binary" ]]; then
    say "$name: cached"
    return
  fi
  started=$SECONDS
  say "$name: downloading modules and compiling (minutes on a cold Go cache)…"
  (cd "$dir" && go build -trimpath -ldflags "$ldflags" -o "$binary.partial.$$" "$package") >&2
  mv "$binary.partial.$$" "$binary"
  say "$name: built in $((SECONDS - started))s"
}
