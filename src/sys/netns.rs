//! Named network namespaces, kept the way iproute2 keeps them: the namespace is pinned
//! by a bind mount of its nsfs file at `/run/netns/NAME`, so `ip netns` sees ours and
//! we see its. Work inside a namespace happens on a dedicated OS thread that has
//! `setns`'d into it: never on a tokio worker, never by forking a threaded process.

use std::{
    fs::{self, File, OpenOptions},
    io,
    os::{
        fd::AsFd,
        unix::{fs::MetadataExt, fs::OpenOptionsExt, process::CommandExt},
    },
    path::{Path, PathBuf},
};

use nix::{
    errno::Errno,
    mount::{MntFlags, MsFlags, mount, umount2},
    sched::{CloneFlags, setns, unshare},
};

pub const RUN_DIR: &str = "/run/netns";
/// Marks that shoal (not iproute2 or an admin) made `/run/netns` a mount point, so the
/// last lab to go can undo it and leave `/proc/mounts` as it found it.
const RUN_DIR_MARKER: &str = "/run/shoal/netns-run-dir-mounted";

#[derive(Debug, thiserror::Error)]
pub enum NetnsError {
    #[error("network namespace {0:?} exists already")]
    Exists(String),
    #[error("network namespace {0:?} does not exist")]
    NotFound(String),
    #[error("cannot {op} network namespace {name:?}: {source}")]
    Io {
        op: &'static str,
        name: String,
        source: io::Error,
    },
}

fn io_err<'a>(op: &'static str, name: &'a str) -> impl FnOnce(io::Error) -> NetnsError + 'a {
    move |source| NetnsError::Io {
        op,
        name: name.to_string(),
        source,
    }
}

pub fn path(name: &str) -> PathBuf {
    Path::new(RUN_DIR).join(name)
}

pub fn exists(name: &str) -> bool {
    path(name).exists()
}

/// Names of every namespace under `/run/netns`, sorted.
pub fn list() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(RUN_DIR)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

/// Creates namespace `name`; fails with `Exists` rather than adopting a stranger's.
pub fn create(name: &str) -> Result<(), NetnsError> {
    prepare_run_dir().map_err(io_err("prepare /run/netns for", name))?;
    create_at(&path(name)).map_err(|e| match e.kind() {
        io::ErrorKind::AlreadyExists => NetnsError::Exists(name.to_string()),
        _ => io_err("create", name)(e),
    })
}

/// Creates a namespace pinned by a bind mount at `target` (whose directory exists);
/// `AlreadyExists` if something is there.
pub fn create_at(target: &Path) -> io::Result<()> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o000)
        .open(target)?;
    let pin = target.to_path_buf();
    let made = std::thread::spawn(move || -> io::Result<()> {
        unshare(CloneFlags::CLONE_NEWNET)?;
        // /proc/self would name the thread-group leader's namespace, not this thread's.
        mount(
            Some("/proc/thread-self/ns/net"),
            &pin,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )?;
        Ok(())
    })
    .join()
    .unwrap_or_else(|_| Err(io::Error::other("namespace thread panicked")));
    if let Err(e) = made {
        let _ = fs::remove_file(target);
        return Err(e);
    }
    Ok(())
}

/// Unpins the namespace at `target` and removes the file; false if there was none.
pub fn delete_at(target: &Path) -> io::Result<bool> {
    if fs::symlink_metadata(target).is_err() {
        return Ok(false);
    }
    match umount2(target, MntFlags::MNT_DETACH) {
        Ok(()) | Err(Errno::EINVAL) | Err(Errno::ENOENT) => {}
        Err(e) => return Err(e.into()),
    }
    match fs::remove_file(target) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

/// Opens a handle to namespace `name` (keeps it alive while open).
pub fn open(name: &str) -> Result<File, NetnsError> {
    File::open(path(name)).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => NetnsError::NotFound(name.to_string()),
        _ => io_err("open", name)(e),
    })
}

/// The namespace's inode number, which `/proc/PID/ns/net` of its members share.
pub fn inode(name: &str) -> Option<u64> {
    fs::metadata(path(name)).ok().map(|m| m.ino())
}

/// Unpins and removes namespace `name`. Returns false when there was nothing to remove.
pub fn delete(name: &str) -> Result<bool, NetnsError> {
    delete_at(&path(name)).map_err(io_err("remove", name))
}

/// Makes `cmd`, when it is spawned or exec'd, join `ns` (and, with `detach`, start a
/// session of its own, so it outlives the terminal and process group that started it).
pub fn enter_at_exec(cmd: &mut std::process::Command, ns: File, detach: bool) {
    // SAFETY: only the async-signal-safe setns(2) and setsid(2) run between fork and
    // exec; `ns` was opened before the fork and is close-on-exec.
    unsafe {
        cmd.pre_exec(move || {
            setns(ns.as_fd(), CloneFlags::CLONE_NEWNET)?;
            if detach {
                nix::unistd::setsid()?;
            }
            Ok(())
        });
    }
}

/// Runs `f` on a fresh OS thread that has joined the network namespace `ns`.
pub fn run_in<T: Send>(ns: &File, f: impl FnOnce() -> T + Send) -> io::Result<T> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                setns(ns.as_fd(), CloneFlags::CLONE_NEWNET)?;
                Ok(f())
            })
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("namespace thread panicked")))
    })
}

/// Makes `/run/netns` a shared mount point as iproute2 does, so that the pins below it
/// propagate to (and their removal from) mount namespaces created later.
fn prepare_run_dir() -> io::Result<()> {
    fs::create_dir_all(RUN_DIR)?;
    let shared = || {
        mount(
            None::<&str>,
            RUN_DIR,
            None::<&str>,
            MsFlags::MS_SHARED | MsFlags::MS_REC,
            None::<&str>,
        )
    };
    match shared() {
        Ok(()) => return Ok(()),
        Err(Errno::EINVAL) => {}
        Err(e) => return Err(e.into()),
    }
    // Not a mount point yet: bind it onto itself, and remember that we did.
    mount(
        Some(RUN_DIR),
        RUN_DIR,
        None::<&str>,
        MsFlags::MS_BIND | MsFlags::MS_REC,
        None::<&str>,
    )?;
    if let Some(dir) = Path::new(RUN_DIR_MARKER).parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(RUN_DIR_MARKER, b"")?;
    shared().map_err(Into::into)
}

/// Undoes `prepare_run_dir` once no namespace is left in `/run/netns` and shoal was
/// the one that made it a mount point. Callers hold the lab lock.
pub fn release_run_dir() -> io::Result<()> {
    if !Path::new(RUN_DIR_MARKER).exists() || !list().is_empty() {
        return Ok(());
    }
    match umount2(RUN_DIR, MntFlags::MNT_DETACH) {
        Ok(()) | Err(Errno::EINVAL) => {}
        Err(e) => return Err(e.into()),
    }
    fs::remove_file(RUN_DIR_MARKER)
}
