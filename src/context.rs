//! Contexts: named API endpoints the CLI can point at (Docker's `docker context`,
//! kubectl's kubeconfig), kept as YAML in `$XDG_CONFIG_HOME/shoal/config.yaml`.
//!
//! The `default` context is built in (the local manager socket) and never stored, so a
//! missing or empty file is a valid config. The file is only ever replaced whole
//! (written beside it, then renamed), and a file that does not parse is reported with
//! its path and line and left untouched.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::api::Endpoint;

pub const DEFAULT_CONTEXT: &str = "default";

#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error("context {0:?} does not exist")]
    NotFound(String),
    #[error("context {0:?} exists already")]
    Exists(String),
    #[error("context \"default\" is built in and cannot be created, changed or removed")]
    Reserved,
    #[error("context {0:?} is the current context; use --force to remove it")]
    InUse(String),
    #[error(
        "invalid context name {0:?}: use letters, digits and '_', '.', '+', '-', starting with a letter or digit"
    )]
    InvalidName(String),
    #[error("corrupt config {}: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot find the config directory: set XDG_CONFIG_HOME or HOME")]
    NoConfigDir,
}

/// One stored context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub host: Endpoint,
}

impl Context {
    pub fn builtin_default() -> Self {
        Context {
            name: DEFAULT_CONTEXT.to_string(),
            description: "Current manager on this host (local socket)".to_string(),
            host: Endpoint::default(),
        }
    }
}

/// The whole config file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_context: Option<String>,
    #[serde(default)]
    pub contexts: Vec<Context>,
}

pub fn validate_name(name: &str) -> Result<(), ContextError> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphanumeric());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || "_.+-".contains(c));
    if first_ok && rest_ok && name.len() <= 64 {
        Ok(())
    } else {
        Err(ContextError::InvalidName(name.to_string()))
    }
}

impl Config {
    /// Name of the current context as stored (the flag and env come on top, see `resolve`).
    pub fn current(&self) -> &str {
        self.current_context.as_deref().unwrap_or(DEFAULT_CONTEXT)
    }

    /// Every context, the built-in `default` first.
    pub fn all(&self) -> Vec<Context> {
        let mut all = vec![Context::builtin_default()];
        all.extend(self.contexts.iter().cloned());
        all
    }

    pub fn get(&self, name: &str) -> Result<Context, ContextError> {
        if name == DEFAULT_CONTEXT {
            return Ok(Context::builtin_default());
        }
        self.contexts
            .iter()
            .find(|c| c.name == name)
            .cloned()
            .ok_or_else(|| ContextError::NotFound(name.to_string()))
    }

    pub fn create(&mut self, ctx: Context) -> Result<(), ContextError> {
        if ctx.name == DEFAULT_CONTEXT {
            return Err(ContextError::Reserved);
        }
        validate_name(&ctx.name)?;
        if self.contexts.iter().any(|c| c.name == ctx.name) {
            return Err(ContextError::Exists(ctx.name));
        }
        self.contexts.push(ctx);
        Ok(())
    }

    pub fn use_context(&mut self, name: &str) -> Result<(), ContextError> {
        self.get(name)?;
        self.current_context = (name != DEFAULT_CONTEXT).then(|| name.to_string());
        Ok(())
    }

    /// Removes a context; the current one only with `force`, which makes `default` current.
    pub fn remove(&mut self, name: &str, force: bool) -> Result<(), ContextError> {
        if name == DEFAULT_CONTEXT {
            return Err(ContextError::Reserved);
        }
        self.get(name)?;
        if self.current() == name {
            if !force {
                return Err(ContextError::InUse(name.to_string()));
            }
            self.current_context = None;
        }
        self.contexts.retain(|c| c.name != name);
        Ok(())
    }

    fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for c in &self.contexts {
            if c.name == DEFAULT_CONTEXT {
                return Err("context \"default\" is built in and may not be defined".into());
            }
            validate_name(&c.name).map_err(|e| e.to_string())?;
            if !seen.insert(c.name.as_str()) {
                return Err(format!("context {:?} is defined twice", c.name));
            }
        }
        if let Some(cur) = &self.current_context
            && cur != DEFAULT_CONTEXT
            && !seen.contains(cur.as_str())
        {
            return Err(format!("current-context {cur:?} is not defined"));
        }
        Ok(())
    }
}

/// Where the CLI should talk to, after flags and environment are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The context used, or `None` when `--host` overrides it.
    pub context: Option<String>,
    pub endpoint: Endpoint,
}

/// Applies Docker's precedence: `--host` (or SHOAL_HOST), else `--context` (or
/// SHOAL_CONTEXT), else the config's current context, else `default`.
pub fn resolve(
    config: &Config,
    host: Option<&Endpoint>,
    context: Option<&str>,
) -> Result<Target, ContextError> {
    if let Some(endpoint) = host {
        return Ok(Target {
            context: None,
            endpoint: endpoint.clone(),
        });
    }
    let name = context.unwrap_or_else(|| config.current());
    let ctx = config.get(name)?;
    Ok(Target {
        context: Some(ctx.name),
        endpoint: ctx.host,
    })
}

/// The config file on disk.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Store { path: path.into() }
    }

    /// `$XDG_CONFIG_HOME/shoal/config.yaml`, else `~/.config/shoal/config.yaml`.
    pub fn from_env() -> Result<Self, ContextError> {
        let base = match std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
                .ok_or(ContextError::NoConfigDir)?,
        };
        Ok(Store::new(base.join("shoal").join("config.yaml")))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn load(&self) -> Result<Config, ContextError> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => return Err(self.io("read", source)),
        };
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let corrupt = |message: String| ContextError::Corrupt {
            path: self.path.clone(),
            message,
        };
        let config: Config = serde_yaml::from_str(&text).map_err(|e| corrupt(yaml_message(&e)))?;
        config.check().map_err(corrupt)?;
        Ok(config)
    }

    /// Replaces the file atomically: a crash leaves the old or the new file, never half.
    pub fn save(&self, config: &Config) -> Result<(), ContextError> {
        let dir = self.path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|e| self.io("create the directory of", e))?;
        let text = serde_yaml::to_string(config).map_err(|e| ContextError::Corrupt {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        let tmp = self.path.with_extension("yaml.tmp");
        let write = || -> std::io::Result<()> {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(text.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, &self.path)
        };
        write().map_err(|e| self.io("write", e))
    }

    /// Loads, applies `change`, and saves only when it succeeded.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut Config) -> Result<T, ContextError>,
    ) -> Result<T, ContextError> {
        let mut config = self.load()?;
        let out = change(&mut config)?;
        self.save(&config)?;
        Ok(out)
    }

    fn io(&self, action: &'static str, source: std::io::Error) -> ContextError {
        ContextError::Io {
            action,
            path: self.path.clone(),
            source,
        }
    }
}

/// serde_yaml's message with its location spelled as `line L column C`.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let msg = e.to_string();
    match e.location() {
        Some(loc) if !msg.contains("line") => {
            format!("line {} column {}: {msg}", loc.line(), loc.column())
        }
        _ => msg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(name: &str, host: &str) -> Context {
        Context {
            name: name.into(),
            description: String::new(),
            host: host.parse().unwrap(),
        }
    }

    #[test]
    fn default_is_built_in_and_current() {
        let c = Config::default();
        assert_eq!(c.current(), "default");
        assert_eq!(
            c.get("default").unwrap().host.to_string(),
            "unix:///run/shoal/shoal.sock"
        );
        assert!(matches!(
            c.clone().remove("default", true),
            Err(ContextError::Reserved)
        ));
        assert!(matches!(
            c.clone().create(ctx("default", "tcp://h")),
            Err(ContextError::Reserved)
        ));
    }

    #[test]
    fn create_use_remove() {
        let mut c = Config::default();
        c.create(ctx("prod", "ssh://ops@mgr1")).unwrap();
        assert!(matches!(
            c.create(ctx("prod", "tcp://x")),
            Err(ContextError::Exists(_))
        ));
        assert!(matches!(
            c.use_context("nosuch"),
            Err(ContextError::NotFound(_))
        ));
        c.use_context("prod").unwrap();
        assert_eq!(c.current(), "prod");
        assert!(matches!(
            c.remove("prod", false),
            Err(ContextError::InUse(_))
        ));
        c.remove("prod", true).unwrap();
        assert_eq!(c.current(), "default");
        assert!(c.contexts.is_empty());
    }

    #[test]
    fn names_are_checked() {
        for bad in ["", "-x", "a b", "a/b", ".x"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
        for good in ["lab", "prod-eu.1", "a+b", "A_1"] {
            validate_name(good).unwrap();
        }
    }

    #[test]
    fn resolve_follows_docker_precedence() {
        let mut c = Config::default();
        c.create(ctx("prod", "tcp://mgr:2377")).unwrap();
        c.create(ctx("lab", "unix:///run/shoal/lab/x.sock"))
            .unwrap();
        c.use_context("lab").unwrap();
        let host: Endpoint = "ssh://h".parse().unwrap();
        let t = resolve(&c, Some(&host), Some("prod")).unwrap();
        assert_eq!((t.context, t.endpoint), (None, host));
        let t = resolve(&c, None, Some("prod")).unwrap();
        assert_eq!(t.context.as_deref(), Some("prod"));
        let t = resolve(&c, None, None).unwrap();
        assert_eq!(t.context.as_deref(), Some("lab"));
        assert!(matches!(
            resolve(&c, None, Some("nosuch")),
            Err(ContextError::NotFound(_))
        ));
    }

    #[test]
    fn store_round_trips_and_reports_corruption_with_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("shoal/config.yaml"));
        assert_eq!(store.load().unwrap(), Config::default());
        store
            .update(|c| c.create(ctx("prod", "tcp://mgr")))
            .unwrap();
        assert_eq!(
            store.load().unwrap().get("prod").unwrap().host.to_string(),
            "tcp://mgr:2377"
        );

        let bad = "contexts:\n  - name: prod\n    host: tcp://mgr\n  - name: [oops\n";
        fs::write(store.path(), bad).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("config.yaml") && err.contains("line 4"),
            "{err}"
        );
        assert!(store.update(|c| c.use_context("default")).is_err());
        assert_eq!(
            fs::read_to_string(store.path()).unwrap(),
            bad,
            "corrupt file was rewritten"
        );
    }

    #[test]
    fn store_refuses_bad_hosts_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("config.yaml"));
        fs::write(store.path(), "contexts:\n  - name: a\n    host: ftp://x\n").unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("invalid host") && err.contains("line 2"),
            "{err}"
        );
        let dup = "contexts:\n  - {name: a, host: 'tcp://x'}\n  - {name: a, host: 'tcp://y'}\n";
        fs::write(store.path(), dup).unwrap();
        assert!(
            store
                .load()
                .unwrap_err()
                .to_string()
                .contains("defined twice")
        );
    }
}
