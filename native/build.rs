//! Compiles the bundled checker (CONTAINER_HARDENING_BUNDLE, written by scripts/build-native.ts) to
//! QuickJS bytecode, which the binary embeds: parsing the bundle at every start would cost more
//! than all the rest of a run on a small file.
use rquickjs::{Context, Module, Runtime};
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=CONTAINER_HARDENING_BUNDLE");
    let bundle = env::var("CONTAINER_HARDENING_BUNDLE")
        .expect("CONTAINER_HARDENING_BUNDLE is not set: build with `npm run build:native`, which bundles the checker first");
    println!("cargo:rerun-if-changed={bundle}");
    let source = fs::read(&bundle).unwrap_or_else(|error| panic!("cannot read the bundle {bundle}: {error}"));
    let runtime = Runtime::new().expect("a QuickJS runtime");
    let context = Context::full(&runtime).expect("a QuickJS context");
    let bytecode = context.with(|ctx| {
        let module = Module::declare(ctx.clone(), "container-hardening", source)
            .unwrap_or_else(|error| panic!("the bundle does not compile: {error}: {:?}", ctx.catch()));
        module.write_le().expect("bytecode")
    });
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR")).join("checker.qbc");
    fs::write(out, bytecode).expect("writing the bytecode");
}
