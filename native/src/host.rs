//! What the checker's JavaScript needs of the operating system, as the global `nativeHost`
//! (native/js/host.ts declares it): files, directories, standard streams, the working directory,
//! the arguments and the exit. Errors read as Node's do ("ENOENT: no such file or directory, open
//! 'x'"), because the checker quotes some of them in its messages.
use rquickjs::{Ctx, Exception, Function, Object, Result};
use std::fs;
use std::io::{self, Read, Write};

/// The error code and description libuv gives an errno (uv_err_name, uv_strerror).
fn describe(error: &io::Error) -> (&'static str, String) {
    let known = match error.raw_os_error() {
        Some(2) => Some(("ENOENT", "no such file or directory")),
        Some(13) => Some(("EACCES", "permission denied")),
        Some(21) => Some(("EISDIR", "illegal operation on a directory")),
        Some(20) => Some(("ENOTDIR", "not a directory")),
        Some(40) => Some(("ELOOP", "too many symbolic links encountered")),
        Some(36) => Some(("ENAMETOOLONG", "name too long")),
        Some(24) => Some(("EMFILE", "too many open files")),
        Some(5) => Some(("EIO", "i/o error")),
        _ => None,
    };
    match known {
        Some((code, text)) => (code, text.to_string()),
        None => ("EIO", error.to_string()),
    }
}

/// Throws `CODE: description, syscall 'path'` (the path left out where Node leaves it out).
fn throw(ctx: &Ctx<'_>, error: &io::Error, syscall: &str, path: Option<&str>) -> rquickjs::Error {
    let (code, text) = describe(error);
    let message = match path {
        Some(path) => format!("{code}: {text}, {syscall} '{path}'"),
        None => format!("{code}: {text}, {syscall}"),
    };
    Exception::throw_message(ctx, &message)
}

fn read_text(ctx: &Ctx<'_>, path: &str) -> Result<String> {
    let mut file = fs::File::open(path).map_err(|error| throw(ctx, &error, "open", Some(path)))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|error| throw(ctx, &error, "read", None))?;
    // Node's "utf8" decoding: each maximal invalid subpart becomes U+FFFD, as here.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_stdin(ctx: &Ctx<'_>) -> Result<String> {
    let mut bytes = Vec::new();
    io::stdin().read_to_end(&mut bytes).map_err(|error| throw(ctx, &error, "read", None))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// "file", "directory", "symlink" or "other": what a directory entry is, links not followed.
fn entry_kind(kind: fs::FileType) -> &'static str {
    if kind.is_symlink() {
        "symlink"
    } else if kind.is_dir() {
        "directory"
    } else if kind.is_file() {
        "file"
    } else {
        "other"
    }
}

fn read_dir(ctx: &Ctx<'_>, path: &str) -> Result<Vec<Vec<String>>> {
    let entries = fs::read_dir(path).map_err(|error| throw(ctx, &error, "scandir", Some(path)))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| throw(ctx, &error, "scandir", Some(path)))?;
        let kind = entry.file_type().map_err(|error| throw(ctx, &error, "scandir", Some(path)))?;
        out.push(vec![entry.file_name().to_string_lossy().into_owned(), entry_kind(kind).to_string()]);
    }
    Ok(out)
}

/// What `path` is, links followed; the error as Node's statSync throws it.
fn stat(ctx: &Ctx<'_>, path: &str) -> Result<&'static str> {
    let metadata = fs::metadata(path).map_err(|error| throw(ctx, &error, "stat", Some(path)))?;
    Ok(entry_kind(metadata.file_type()))
}

/// Writes all of `text`; a reader that went away (`| head`) ends the run quietly, as a pipe should.
fn write(fd: i32, text: &str) {
    let result = if fd == 2 { io::stderr().write_all(text.as_bytes()) } else { io::stdout().write_all(text.as_bytes()) };
    if result.is_err() {
        std::process::exit(1);
    }
}

fn exit(code: i32) {
    let _ = io::stdout().flush();
    std::process::exit(code);
}

/// Installs `nativeHost` in the context's globals.
pub fn install(ctx: &Ctx<'_>, args: Vec<String>) -> Result<()> {
    let host = Object::new(ctx.clone())?;
    host.set("args", args)?;
    host.set("cwd", std::env::current_dir().map(|dir| dir.to_string_lossy().into_owned()).unwrap_or_default())?;
    host.set("readFile", Function::new(ctx.clone(), |ctx: Ctx<'_>, path: String| read_text(&ctx, &path))?)?;
    host.set("readStdin", Function::new(ctx.clone(), |ctx: Ctx<'_>| read_stdin(&ctx))?)?;
    host.set("readDir", Function::new(ctx.clone(), |ctx: Ctx<'_>, path: String| read_dir(&ctx, &path))?)?;
    host.set("stat", Function::new(ctx.clone(), |ctx: Ctx<'_>, path: String| stat(&ctx, &path))?)?;
    host.set("write", Function::new(ctx.clone(), |fd: i32, text: String| write(fd, &text))?)?;
    host.set("exit", Function::new(ctx.clone(), exit)?)?;
    ctx.globals().set("nativeHost", host)?;
    Ok(())
}
