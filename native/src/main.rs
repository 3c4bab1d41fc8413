//! `container-hardening` as one native binary: the checker's own JavaScript (dist/checker, bundled
//! by scripts/build-native.ts and compiled to QuickJS bytecode by build.rs) on a small host. It
//! starts in a few milliseconds, where Node.js alone needs tens: for pre-commit hooks and pipelines
//! that check a few files at a time.
mod host;

use rquickjs::{CatchResultExt, Context, Module, Runtime};

static BYTECODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/checker.qbc"));

/// The thread's stack, and the engine's limit below it: deep documents are refused by the decoders'
/// own limits (kubectl's 10000 levels), not by the stack.
const STACK: usize = 512 << 20;
const ENGINE_STACK: usize = STACK - (16 << 20);

/// Runs the checker; its exit code, or 70 (EX_SOFTWARE) with a message when the JavaScript fails.
fn run(args: Vec<String>) -> i32 {
    let runtime = Runtime::new().expect("a QuickJS runtime");
    runtime.set_max_stack_size(ENGINE_STACK);
    let context = Context::full(&runtime).expect("a QuickJS context");
    context.with(|ctx| {
        let outcome = host::install(&ctx, args).and_then(|()| {
            // SAFETY: the bytecode was written by build.rs with this same engine version.
            let module = unsafe { Module::load(ctx.clone(), BYTECODE) }?;
            let (_, evaluated) = module.eval()?;
            evaluated.finish::<()>()
        });
        // The entry (native/js/main.ts) exits itself: reaching here means it threw.
        match outcome.catch(&ctx) {
            Ok(()) => 0,
            Err(error) => {
                eprintln!("container-hardening: internal error: {error}");
                70
            }
        }
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let worker = std::thread::Builder::new().stack_size(STACK).spawn(move || run(args)).expect("a thread to run the checker on");
    let code = worker.join().unwrap_or(70);
    std::process::exit(code);
}
