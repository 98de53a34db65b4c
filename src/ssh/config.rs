//! The part of OpenSSH's client config (`~/.ssh/config`, ssh_config(5)) that decides
//! where and as whom shoal connects: `Host` blocks with patterns, `HostName`, `User`,
//! `Port`, `IdentityFile`, `IdentitiesOnly`, `UserKnownHostsFile` and `ConnectTimeout`.
//! As in OpenSSH the first value found for a keyword wins (identity files add up), and
//! the command line wins over the file. `Match` blocks are skipped: they need the local
//! environment, which shoal does not evaluate.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use super::SshError;

/// The default SSH port.
pub const DEFAULT_PORT: u16 = 22;

/// One `Keyword value` line, keyword lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    key: String,
    args: Vec<String>,
    number: usize,
}

/// A parsed config file: global lines, then `Host` blocks in order.
#[derive(Debug, Clone, Default)]
pub struct SshConfig {
    path: Option<PathBuf>,
    blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
struct Block {
    /// `None` for the lines before the first `Host` (they apply to every host); an
    /// empty list for a `Match` block (applies to none).
    patterns: Option<Vec<String>>,
    lines: Vec<Line>,
}

/// What the config says about one host, before the command line is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostConfig {
    pub host_name: Option<String>,
    pub user: Option<String>,
    pub port: Option<u16>,
    pub identity_files: Vec<PathBuf>,
    pub identities_only: bool,
    pub known_hosts_files: Vec<PathBuf>,
    pub connect_timeout: Option<Duration>,
}

impl SshConfig {
    /// Reads `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<SshConfig, SshError> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut cfg = SshConfig::parse(&text).map_err(|(line, reason)| {
                    SshError::Config(format!("{}:{line}: {reason}", path.display()))
                })?;
                cfg.path = Some(path.to_path_buf());
                Ok(cfg)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SshConfig::default()),
            Err(e) => Err(SshError::Config(format!("{}: {e}", path.display()))),
        }
    }

    /// Parses config text; an error names the line.
    pub fn parse(text: &str) -> Result<SshConfig, (usize, String)> {
        let mut blocks = vec![Block {
            patterns: None,
            lines: Vec::new(),
        }];
        for (i, raw) in text.lines().enumerate() {
            let number = i + 1;
            let Some((key, args)) = split_line(raw).map_err(|e| (number, e))? else {
                continue;
            };
            match key.as_str() {
                "host" => blocks.push(Block {
                    patterns: Some(args),
                    lines: Vec::new(),
                }),
                "match" => blocks.push(Block {
                    patterns: Some(Vec::new()),
                    lines: Vec::new(),
                }),
                _ => {
                    if let Some(b) = blocks.last_mut() {
                        b.lines.push(Line { key, args, number });
                    }
                }
            }
        }
        Ok(SshConfig { path: None, blocks })
    }

    /// The settings for `host` (the name given on the command line).
    pub fn host(&self, host: &str) -> Result<HostConfig, SshError> {
        let mut out = HostConfig::default();
        let mut seen: Vec<&str> = Vec::new();
        for block in &self.blocks {
            if let Some(patterns) = &block.patterns
                && !host_matches(host, patterns)
            {
                continue;
            }
            for line in &block.lines {
                self.apply(&mut out, &mut seen, line)?;
            }
        }
        Ok(out)
    }

    fn apply<'a>(
        &self,
        out: &mut HostConfig,
        seen: &mut Vec<&'a str>,
        line: &'a Line,
    ) -> Result<(), SshError> {
        let first = !seen.contains(&line.key.as_str());
        seen.push(&line.key);
        let value = line.args.first().cloned().unwrap_or_default();
        let bad = |what: &str| {
            let file = self
                .path
                .as_ref()
                .map_or("ssh config".into(), |p| p.display().to_string());
            SshError::Config(format!("{file}:{}: {what} {value:?}", line.number))
        };
        match line.key.as_str() {
            "hostname" if first => out.host_name = Some(value.clone()),
            "user" if first => out.user = Some(value.clone()),
            "port" if first => {
                out.port = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|p| *p != 0)
                        .ok_or_else(|| bad("bad port"))?,
                )
            }
            "identityfile" => out.identity_files.push(PathBuf::from(&value)),
            "identitiesonly" if first => {
                out.identities_only = yes(&value).ok_or_else(|| bad("bad IdentitiesOnly"))?
            }
            "userknownhostsfile" if first => {
                out.known_hosts_files = line
                    .args
                    .iter()
                    .filter(|a| a.as_str() != "none")
                    .map(PathBuf::from)
                    .collect()
            }
            "connecttimeout" if first => {
                let secs: u64 = value.parse().map_err(|_| bad("bad ConnectTimeout"))?;
                out.connect_timeout = Some(Duration::from_secs(secs));
            }
            _ => {}
        }
        Ok(())
    }
}

fn yes(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "yes" | "true" => Some(true),
        "no" | "false" => Some(false),
        _ => None,
    }
}

/// `Keyword value...` or `Keyword=value`; comments and blank lines give `None`.
fn split_line(raw: &str) -> Result<Option<(String, Vec<String>)>, String> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let split = line
        .find(|c: char| c.is_whitespace() || c == '=')
        .unwrap_or(line.len());
    let (key, rest) = line.split_at(split);
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('=').unwrap_or(rest);
    let args = split_args(rest)?;
    if args.is_empty() {
        return Err(format!("{key} needs a value"));
    }
    Ok(Some((key.to_ascii_lowercase(), args)))
}

/// Words, with double-quoted ones kept whole.
fn split_args(s: &str) -> Result<Vec<String>, String> {
    let mut args = Vec::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut word = String::new();
        if c == '"' {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => word.push(c),
                    None => return Err("unterminated quote".into()),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                word.push(c);
                chars.next();
            }
        }
        args.push(word);
    }
    Ok(args)
}

/// ssh_config's pattern lists: a match of any pattern, and of no negated one.
pub fn host_matches(host: &str, patterns: &[String]) -> bool {
    let mut matched = false;
    for p in patterns {
        if let Some(neg) = p.strip_prefix('!') {
            if wildcard(&neg.to_ascii_lowercase(), &host.to_ascii_lowercase()) {
                return false;
            }
        } else if wildcard(&p.to_ascii_lowercase(), &host.to_ascii_lowercase()) {
            matched = true;
        }
    }
    matched
}

/// `*` (any run) and `?` (any one character), as in ssh_config(5) PATTERNS.
pub fn wildcard(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(c) if *c == '?' || *c == t[ti] => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// Expands `~/` and the tokens `%h` (host name), `%n` (name as given), `%p` (port),
/// `%r` (remote user), `%u` (local user), `%d` (home) and `%%` in a path.
pub fn expand_path(raw: &Path, t: &Tokens) -> PathBuf {
    let s = raw.to_string_lossy();
    let s = match s.strip_prefix("~/") {
        Some(rest) => format!("{}/{rest}", t.home.display()),
        None => s.into_owned(),
    };
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('h') => out.push_str(&t.host),
            Some('n') => out.push_str(&t.alias),
            Some('p') => out.push_str(&t.port.to_string()),
            Some('r') => out.push_str(&t.user),
            Some('u') => out.push_str(&t.local_user),
            Some('d') => out.push_str(&t.home.to_string_lossy()),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    PathBuf::from(out)
}

/// The values `expand_path` substitutes.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub host: String,
    pub alias: String,
    pub port: u16,
    pub user: String,
    pub local_user: String,
    pub home: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
# global defaults come first
IdentityFile ~/.ssh/global_key

Host web-* !web-test
    HostName %h.example.net
    User deploy
    Port 2222
    IdentityFile ~/.ssh/web_%r

Host db1 db2
  hostname=10.0.0.5
  User "ops team"
  IdentitiesOnly yes
  UserKnownHostsFile /etc/shoal/known_hosts ~/.ssh/kh2
  ConnectTimeout 3

Match user nobody
  User never

Host *
  User fallback
  Port 22
"#;

    fn cfg() -> SshConfig {
        SshConfig::parse(SAMPLE).unwrap()
    }

    #[test]
    fn first_value_wins_and_identity_files_add_up() {
        let h = cfg().host("web-1").unwrap();
        assert_eq!(h.host_name.as_deref(), Some("%h.example.net"));
        assert_eq!(h.user.as_deref(), Some("deploy"));
        assert_eq!(h.port, Some(2222));
        assert_eq!(
            h.identity_files,
            [
                PathBuf::from("~/.ssh/global_key"),
                PathBuf::from("~/.ssh/web_%r")
            ]
        );
    }

    #[test]
    fn negated_pattern_excludes_and_star_catches_the_rest() {
        let h = cfg().host("web-test").unwrap();
        assert_eq!(h.user.as_deref(), Some("fallback"));
        assert_eq!(h.host_name, None);
        let h = cfg().host("elsewhere").unwrap();
        assert_eq!(h.user.as_deref(), Some("fallback"));
        assert_eq!(h.port, Some(22));
    }

    #[test]
    fn equals_sign_quotes_and_lists() {
        let h = cfg().host("db2").unwrap();
        assert_eq!(h.host_name.as_deref(), Some("10.0.0.5"));
        assert_eq!(h.user.as_deref(), Some("ops team"));
        assert!(h.identities_only);
        assert_eq!(h.connect_timeout, Some(Duration::from_secs(3)));
        assert_eq!(
            h.known_hosts_files,
            [
                PathBuf::from("/etc/shoal/known_hosts"),
                PathBuf::from("~/.ssh/kh2")
            ]
        );
    }

    #[test]
    fn match_blocks_apply_to_no_host() {
        assert_ne!(cfg().host("db1").unwrap().user.as_deref(), Some("never"));
    }

    #[test]
    fn bad_values_name_the_line() {
        let c = SshConfig::parse("Host x\n  Port 0\n").unwrap();
        let e = c.host("x").unwrap_err().to_string();
        assert!(e.contains(":2: bad port"), "{e}");
        assert_eq!(SshConfig::parse("User\n").unwrap_err().0, 1);
        assert_eq!(SshConfig::parse("\n\nUser \"x\n").unwrap_err().0, 3);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard("*", "anything"));
        assert!(wildcard("192.0.2.*", "192.0.2.17"));
        assert!(!wildcard("192.0.2.*", "192.0.3.1"));
        assert!(wildcard("h?st", "host"));
        assert!(!wildcard("h?st", "hoost"));
        assert!(wildcard("a*b*c", "axxbyyc"));
        assert!(!wildcard("a*b*c", "axxbyy"));
        assert!(host_matches("WEB-1", &["web-*".into()]));
    }

    #[test]
    fn expands_tokens_and_home() {
        let t = Tokens {
            host: "10.0.0.5".into(),
            alias: "db1".into(),
            port: 2222,
            user: "ops".into(),
            local_user: "me".into(),
            home: PathBuf::from("/home/me"),
        };
        assert_eq!(
            expand_path(Path::new("~/.ssh/id_%r@%h:%p-%n-%u-%%"), &t),
            PathBuf::from("/home/me/.ssh/id_ops@10.0.0.5:2222-db1-me-%")
        );
        assert_eq!(
            expand_path(Path::new("%d/k"), &t),
            PathBuf::from("/home/me/k")
        );
    }
}
