//! Network sysctls. `/proc/sys/net` shows the namespace of the thread that opens it,
//! so call these from inside `netns::run_in`.

use std::{fs, io, path::PathBuf};

fn path(key: &str) -> PathBuf {
    PathBuf::from("/proc/sys").join(key.replace('.', "/"))
}

/// Sets `key` (dotted, e.g. `net.ipv4.ip_forward`) to `value`.
pub fn set(key: &str, value: &str) -> io::Result<()> {
    fs::write(path(key), value)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot set sysctl {key}={value}: {e}")))
}

/// Sets `key` when the kernel has it (e.g. bridge-nf keys exist only with br_netfilter).
pub fn set_if_present(key: &str, value: &str) -> io::Result<()> {
    if path(key).exists() {
        set(key, value)
    } else {
        Ok(())
    }
}

pub fn get(key: &str) -> io::Result<String> {
    fs::read_to_string(path(key)).map(|s| s.trim().to_string())
}
