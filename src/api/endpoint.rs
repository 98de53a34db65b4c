//! The address of a manager's API, as given to `--host` or stored in a context.
//! Docker's URL forms: `unix:///path`, `ssh://[user@]host[:port]`, `tcp://host[:port]`.

use std::{fmt, path::PathBuf, str::FromStr};

/// Default port of the manager API (Swarm's 2377).
pub const DEFAULT_API_PORT: u16 = 2377;
/// Default local API socket.
pub const DEFAULT_SOCKET: &str = "/run/shoal/shoal.sock";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Endpoint {
    /// A Unix socket on this machine.
    Unix(PathBuf),
    /// `shoal system dial-stdio` on a host reached over SSH.
    Ssh {
        user: Option<String>,
        host: String,
        port: Option<u16>,
    },
    /// Mutual TLS straight to a manager.
    Tcp { host: String, port: u16 },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "invalid host {input:?}: {reason} (expected unix:///path, ssh://[user@]host[:port] or tcp://host[:port])"
)]
pub struct EndpointError {
    input: String,
    reason: &'static str,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET))
    }
}

impl FromStr for Endpoint {
    type Err = EndpointError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let fail = |reason| EndpointError {
            input: input.to_string(),
            reason,
        };
        let (scheme, rest) = input.split_once("://").ok_or_else(|| fail("no scheme"))?;
        match scheme {
            "unix" => {
                if !rest.starts_with('/') || rest.len() < 2 {
                    return Err(fail("a unix socket needs an absolute path"));
                }
                Ok(Endpoint::Unix(PathBuf::from(rest)))
            }
            "ssh" => {
                let (user, hostport) = match rest.rsplit_once('@') {
                    Some((u, h)) if !u.is_empty() => (Some(u.to_string()), h),
                    Some(_) => return Err(fail("empty user name")),
                    None => (None, rest),
                };
                let (host, port) = split_host_port(hostport).map_err(fail)?;
                Ok(Endpoint::Ssh { user, host, port })
            }
            "tcp" => {
                let (host, port) = split_host_port(rest).map_err(fail)?;
                Ok(Endpoint::Tcp {
                    host,
                    port: port.unwrap_or(DEFAULT_API_PORT),
                })
            }
            _ => Err(fail("unknown scheme")),
        }
    }
}

/// Splits `host[:port]`, `[v6]` or `[v6]:port`; a path or query is refused.
fn split_host_port(s: &str) -> Result<(String, Option<u16>), &'static str> {
    let s = s.strip_suffix('/').unwrap_or(s);
    if s.contains('/') || s.contains('?') {
        return Err("a path is not allowed here");
    }
    let (host, port) = if let Some(rest) = s.strip_prefix('[') {
        let (h, after) = rest.split_once(']').ok_or("unclosed '['")?;
        match after {
            "" => (h, None),
            p => (h, Some(p.strip_prefix(':').ok_or("junk after ']'")?)),
        }
    } else {
        match s.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (s, None),
        }
    };
    if host.is_empty() {
        return Err("empty host name");
    }
    let port = match port {
        None => None,
        Some(p) => Some(
            p.parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or("bad port")?,
        ),
    };
    Ok((host.to_string(), port))
}

impl TryFrom<String> for Endpoint {
    type Error = EndpointError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Endpoint> for String {
    fn from(e: Endpoint) -> String {
        e.to_string()
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bracket = |h: &str| {
            if h.contains(':') {
                format!("[{h}]")
            } else {
                h.to_string()
            }
        };
        match self {
            Endpoint::Unix(path) => write!(f, "unix://{}", path.display()),
            Endpoint::Ssh { user, host, port } => {
                write!(f, "ssh://")?;
                if let Some(u) = user {
                    write!(f, "{u}@")?;
                }
                write!(f, "{}", bracket(host))?;
                match port {
                    Some(p) => write!(f, ":{p}"),
                    None => Ok(()),
                }
            }
            Endpoint::Tcp { host, port } => write!(f, "tcp://{}:{port}", bracket(host)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_scheme() {
        assert_eq!(
            "unix:///run/shoal/shoal.sock".parse::<Endpoint>(),
            Ok(Endpoint::Unix("/run/shoal/shoal.sock".into()))
        );
        assert_eq!(
            "ssh://ops@mgr1:2222".parse::<Endpoint>(),
            Ok(Endpoint::Ssh {
                user: Some("ops".into()),
                host: "mgr1".into(),
                port: Some(2222)
            })
        );
        assert_eq!(
            "ssh://mgr1".parse::<Endpoint>(),
            Ok(Endpoint::Ssh {
                user: None,
                host: "mgr1".into(),
                port: None
            })
        );
        assert_eq!(
            "tcp://10.1.2.3".parse::<Endpoint>(),
            Ok(Endpoint::Tcp {
                host: "10.1.2.3".into(),
                port: 2377
            })
        );
        assert_eq!(
            "tcp://[fd00::1]:4000".parse::<Endpoint>(),
            Ok(Endpoint::Tcp {
                host: "fd00::1".into(),
                port: 4000
            })
        );
    }

    #[test]
    fn display_round_trips() {
        for s in [
            "unix:///a/b.sock",
            "ssh://u@h:22",
            "ssh://h",
            "tcp://h:2377",
            "tcp://[::1]:9",
        ] {
            assert_eq!(s.parse::<Endpoint>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn refuses_bad_urls() {
        for s in [
            "",
            "mgr1:2377",
            "http://x",
            "unix://relative",
            "unix://",
            "tcp://",
            "tcp://h:0",
            "tcp://h:99999",
            "tcp://h:x",
            "ssh://@h",
            "tcp://h/path",
            "tcp://[::1",
        ] {
            let err = s.parse::<Endpoint>().unwrap_err().to_string();
            assert!(err.starts_with("invalid host"), "{s}: {err}");
        }
    }
}
