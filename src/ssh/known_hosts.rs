//! `known_hosts` (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"): whether a server's key is the
//! one recorded for its name. Names are `host` on port 22 and `[host]:port` otherwise,
//! plain, as patterns (`*`, `?`, `!`) or hashed (`|1|salt|hmac-sha1`). A key recorded
//! for the name that differs from the server's is a changed key, refused with the file
//! and line; `@revoked` keys are refused; `@cert-authority` lines are not used (shoal
//! does not accept host certificates).

use std::{
    fs,
    io::Write,
    os::unix::fs::OpenOptionsExt,
    path::{Path, PathBuf},
};

use data_encoding::BASE64;
use hmac::{Hmac, KeyInit, Mac};
use russh::keys::{PublicKey, ssh_key::public::KeyData};
use sha1::Sha1;

use super::{SshError, config::host_matches};

/// What the known_hosts files say about a server's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Recorded for this name.
    Known,
    /// Nothing recorded for this name.
    Unknown,
    /// Another key is recorded for this name, at `path:line`.
    Changed { path: PathBuf, line: usize },
    /// This key is marked `@revoked` at `path:line`.
    Revoked { path: PathBuf, line: usize },
}

/// The name a server is recorded under: `host`, or `[host]:port` off port 22.
pub fn host_key_name(host: &str, port: u16) -> String {
    if port == super::config::DEFAULT_PORT {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

/// One usable line of a known_hosts file.
#[derive(Debug)]
struct Entry {
    line: usize,
    revoked: bool,
    hosts: String,
    key: Option<KeyData>,
    algorithm: String,
}

fn parse_line(raw: &str, line: usize) -> Option<Entry> {
    let text = raw.trim();
    if text.is_empty() || text.starts_with('#') {
        return None;
    }
    let mut words = text.split_whitespace();
    let mut first = words.next()?;
    let mut revoked = false;
    if let Some(marker) = first.strip_prefix('@') {
        match marker {
            "revoked" => revoked = true,
            _ => return None,
        }
        first = words.next()?;
    }
    let algorithm = words.next()?.to_string();
    let blob = words.next()?;
    let key = russh::keys::parse_public_key_base64(blob)
        .ok()
        .map(|k| k.key_data().clone());
    Some(Entry {
        line,
        revoked,
        hosts: first.to_string(),
        key,
        algorithm,
    })
}

/// True when the comma-separated `hosts` field names `name`.
fn names(hosts: &str, name: &str) -> bool {
    let mut plain = Vec::new();
    for entry in hosts.split(',') {
        if let Some(hashed) = entry.strip_prefix("|1|") {
            if hashed_matches(hashed, name) {
                return true;
            }
        } else {
            plain.push(entry.to_string());
        }
    }
    host_matches(name, &plain)
}

/// `salt|hash`: base64 of a 20-byte salt and of HMAC-SHA1(salt, name).
fn hashed_matches(hashed: &str, name: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else {
        return false;
    };
    let (Ok(salt), Ok(hash)) = (
        BASE64.decode(salt.as_bytes()),
        BASE64.decode(hash.as_bytes()),
    ) else {
        return false;
    };
    let Ok(mac) = Hmac::<Sha1>::new_from_slice(&salt) else {
        return false;
    };
    mac.chain_update(name.as_bytes())
        .verify_slice(&hash)
        .is_ok()
}

/// Checks `key` for `name` against the text of one file (`path` is for messages).
pub fn check_text(text: &str, path: &Path, name: &str, key: &PublicKey) -> Verdict {
    let mut verdict = Verdict::Unknown;
    for (i, raw) in text.lines().enumerate() {
        let Some(e) = parse_line(raw, i + 1) else {
            continue;
        };
        if !names(&e.hosts, name) {
            continue;
        }
        let same = e.key.as_ref() == Some(key.key_data());
        let at = || (path.to_path_buf(), e.line);
        match (e.revoked, same) {
            (true, true) => {
                let (path, line) = at();
                return Verdict::Revoked { path, line };
            }
            (true, false) => {}
            (false, true) => verdict = Verdict::Known,
            (false, false) if verdict == Verdict::Unknown => {
                let (path, line) = at();
                verdict = Verdict::Changed { path, line };
            }
            (false, false) => {}
        }
    }
    verdict
}

/// Checks `key` for `name` against every file in turn: any match makes it known, a
/// revoked line refuses it, and a different key in any file makes it changed.
pub fn check(files: &[PathBuf], name: &str, key: &PublicKey) -> Result<Verdict, SshError> {
    let mut changed = None;
    let mut known = false;
    for path in files {
        let text = match fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(SshError::KnownHosts(format!("{}: {e}", path.display()))),
        };
        match check_text(&text, path, name, key) {
            Verdict::Known => known = true,
            v @ Verdict::Revoked { .. } => return Ok(v),
            v @ Verdict::Changed { .. } => changed = changed.or(Some(v)),
            Verdict::Unknown => {}
        }
    }
    Ok(match (known, changed) {
        (_, Some(v)) => v,
        (true, None) => Verdict::Known,
        (false, None) => Verdict::Unknown,
    })
}

/// Key algorithms recorded for `name`, to ask the server for one of those first.
pub fn recorded_algorithms(files: &[PathBuf], name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for path in files {
        let Ok(text) = fs::read_to_string(path) else {
            continue;
        };
        for e in text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| parse_line(l, i + 1))
        {
            if !e.revoked && names(&e.hosts, name) && !out.contains(&e.algorithm) {
                out.push(e.algorithm);
            }
        }
    }
    out
}

/// Appends `name KEY` to `path` (StrictHostKeyChecking=accept-new), creating the file
/// (mode 0600) and its directory when missing.
pub fn append(path: &Path, name: &str, key: &PublicKey) -> Result<(), SshError> {
    let fail = |e: std::io::Error| SshError::KnownHosts(format!("{}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(fail)?;
    }
    let line = key
        .to_openssh()
        .map_err(|e| SshError::KnownHosts(e.to_string()))?;
    // The key's comment is the server's business, not the record's.
    let line: String = line
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path)
        .map_err(fail)?;
    writeln!(f, "{name} {line}").map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use russh::keys::ssh_key::private::{Ed25519Keypair, PrivateKey};

    fn key(seed: u8) -> PublicKey {
        PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
            .public_key()
            .clone()
    }

    fn openssh(k: &PublicKey) -> String {
        k.to_openssh().unwrap()
    }

    /// `|1|salt|hash` for `name`, as `ssh-keygen -H` writes it.
    fn hashed(name: &str, salt: &[u8]) -> String {
        let mac = Hmac::<Sha1>::new_from_slice(salt)
            .unwrap()
            .chain_update(name.as_bytes())
            .finalize()
            .into_bytes();
        format!("|1|{}|{}", BASE64.encode(salt), BASE64.encode(&mac))
    }

    fn check1(text: &str, name: &str, k: &PublicKey) -> Verdict {
        check_text(text, Path::new("kh"), name, k)
    }

    #[test]
    fn plain_names_and_lists() {
        let k = key(1);
        let text = format!(
            "# comment\n\nother.example {}\nweb,10.0.0.5 {}\n",
            openssh(&key(9)),
            openssh(&k)
        );
        assert_eq!(check1(&text, "10.0.0.5", &k), Verdict::Known);
        assert_eq!(check1(&text, "web", &k), Verdict::Known);
        assert_eq!(check1(&text, "10.0.0.6", &k), Verdict::Unknown);
    }

    #[test]
    fn ports_use_brackets() {
        let k = key(1);
        let text = format!("[10.0.0.5]:2222 {}\n", openssh(&k));
        assert_eq!(host_key_name("10.0.0.5", 2222), "[10.0.0.5]:2222");
        assert_eq!(
            check1(&text, &host_key_name("10.0.0.5", 2222), &k),
            Verdict::Known
        );
        assert_eq!(
            check1(&text, &host_key_name("10.0.0.5", 22), &k),
            Verdict::Unknown
        );
    }

    #[test]
    fn hashed_entries() {
        let k = key(2);
        let name = host_key_name("192.0.2.7", 22);
        let text = format!(
            "{} {}\n",
            hashed(&name, b"0123456789abcdefghij"),
            openssh(&k)
        );
        assert_eq!(check1(&text, "192.0.2.7", &k), Verdict::Known);
        assert_eq!(check1(&text, "192.0.2.8", &k), Verdict::Unknown);
        let port = host_key_name("192.0.2.7", 2200);
        let text = format!(
            "{} {}\n",
            hashed(&port, b"saltsaltsaltsaltsalt"),
            openssh(&k)
        );
        assert_eq!(check1(&text, "[192.0.2.7]:2200", &k), Verdict::Known);
        assert_eq!(check1(&text, "192.0.2.7", &k), Verdict::Unknown);
    }

    #[test]
    fn changed_key_names_the_line() {
        let text = format!("a {}\nb {}\n", openssh(&key(1)), openssh(&key(2)));
        assert_eq!(
            check1(&text, "b", &key(3)),
            Verdict::Changed {
                path: "kh".into(),
                line: 2
            }
        );
    }

    #[test]
    fn patterns_and_negation() {
        let k = key(4);
        let text = format!("192.0.2.*,!192.0.2.9 {}\n", openssh(&k));
        assert_eq!(check1(&text, "192.0.2.3", &k), Verdict::Known);
        assert_eq!(check1(&text, "192.0.2.9", &k), Verdict::Unknown);
    }

    #[test]
    fn revoked_and_cert_authority_markers() {
        let k = key(5);
        let text = format!("host {}\n@revoked * {}\n", openssh(&k), openssh(&k));
        assert!(matches!(
            check1(&text, "host", &k),
            Verdict::Revoked { line: 2, .. }
        ));
        let text = format!("@cert-authority * {}\n", openssh(&k));
        assert_eq!(check1(&text, "host", &k), Verdict::Unknown);
    }

    #[test]
    fn files_in_turn_and_append() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("sub/b");
        let k = key(6);
        let files = [a.clone(), b.clone()];
        assert_eq!(check(&files, "[h]:2200", &k).unwrap(), Verdict::Unknown);
        append(&b, "[h]:2200", &k).unwrap();
        assert_eq!(check(&files, "[h]:2200", &k).unwrap(), Verdict::Known);
        assert_eq!(recorded_algorithms(&files, "[h]:2200"), ["ssh-ed25519"]);
        fs::write(&a, format!("[h]:2200 {}\n", openssh(&key(7)))).unwrap();
        assert!(matches!(
            check(&files, "[h]:2200", &k).unwrap(),
            Verdict::Changed { line: 1, .. }
        ));
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&b).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}
