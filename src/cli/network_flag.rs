//! `service create --network`: Docker's two forms, a network name or ID (`my-network`),
//! or the long syntax `name=my-network,alias=web[,alias=...]` (`target=` is a synonym
//! of `name=`). Checked while parsing, so a bad value is a usage error naming the flag,
//! and nothing reaches the manager.

use std::collections::BTreeMap;

use crate::manager::objects::check_alias;

/// One `--network` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFlag {
    /// The network's name or ID.
    pub target: String,
    /// The service's aliases on it, in order, once each.
    pub aliases: Vec<String>,
}

const KEYS: &str = "use name=NETWORK and alias=ALIAS, e.g. name=my-network,alias=web";

/// The value parser of `--network`.
pub fn parse(value: &str) -> Result<NetworkFlag, String> {
    if !value.contains('=') {
        if value.is_empty() || value.contains(',') {
            return Err(format!("a network name or ID, or {KEYS}"));
        }
        return Ok(NetworkFlag {
            target: value.to_string(),
            aliases: Vec::new(),
        });
    }
    let mut target: Option<String> = None;
    let mut aliases: Vec<String> = Vec::new();
    for field in value.split(',') {
        let Some((key, val)) = field.split_once('=') else {
            return Err(format!("field {field:?} is not KEY=VALUE: {KEYS}"));
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "name" | "target" if target.is_some() => {
                return Err("the network is named twice (name= or target=)".into());
            }
            "name" | "target" if val.is_empty() => return Err(format!("{key}= is empty")),
            "name" | "target" => target = Some(val.to_string()),
            "alias" => {
                check_alias(val)?;
                if !aliases.iter().any(|a| a == val) {
                    aliases.push(val.to_string());
                }
            }
            "driver-opt" => {
                return Err("driver-opt is not supported: shoal's overlay driver takes \
                            no per-service options"
                    .into());
            }
            _ => return Err(format!("unknown key {key:?}: {KEYS}")),
        }
    }
    let target = target.ok_or_else(|| format!("name= is missing: {KEYS}"))?;
    Ok(NetworkFlag { target, aliases })
}

/// The request's `networks` and `network_aliases` from the flags, in order; a network
/// given twice keeps the aliases of both.
pub fn request(flags: &[NetworkFlag]) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let mut networks: Vec<String> = Vec::new();
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in flags {
        if !networks.contains(&f.target) {
            networks.push(f.target.clone());
        }
        if f.aliases.is_empty() {
            continue;
        }
        let list = aliases.entry(f.target.clone()).or_default();
        for a in &f.aliases {
            if !list.contains(a) {
                list.push(a.clone());
            }
        }
    }
    (networks, aliases)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(target: &str, aliases: &[&str]) -> NetworkFlag {
        NetworkFlag {
            target: target.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn plain_and_long_forms() {
        assert_eq!(parse("my-network"), Ok(flag("my-network", &[])));
        assert_eq!(parse("name=my-network"), Ok(flag("my-network", &[])));
        assert_eq!(parse("target=abc123"), Ok(flag("abc123", &[])));
        assert_eq!(
            parse("name=my-network,alias=web,alias=www.internal,alias=web"),
            Ok(flag("my-network", &["web", "www.internal"]))
        );
        assert_eq!(
            parse("alias=web,Name=my-network"),
            Ok(flag("my-network", &["web"])),
            "any order; keys as Docker, case-insensitive"
        );
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        let err = |v: &str| parse(v).unwrap_err();
        assert!(err("name=n,foo=bar").starts_with("unknown key \"foo\""));
        assert_eq!(err("name=n,alias="), "empty alias");
        assert!(err("name=n,alias=a b").starts_with("invalid alias \"a b\""));
        assert!(err("alias=web").starts_with("name= is missing"));
        assert_eq!(err("name="), "name= is empty");
        assert!(err("name=a,target=b").contains("named twice"));
        assert!(err("name=n,alias").starts_with("field \"alias\" is not KEY=VALUE"));
        assert!(
            err("name=n,driver-opt=com.docker.network.driver.mtu=1400")
                .contains("driver-opt is not supported")
        );
        assert!(err("").starts_with("a network name or ID"));
        assert!(err("a,b").starts_with("a network name or ID"));
        for v in ["name=n,foo=bar", "name=n,alias=", "alias=web", ""] {
            assert!(!err(v).contains('\n'), "{v}");
        }
    }

    #[test]
    fn flags_become_the_requests_networks_and_aliases() {
        let (nets, aliases) = request(&[
            flag("front", &["web"]),
            flag("back", &[]),
            flag("front", &["www", "web"]),
        ]);
        assert_eq!(nets, ["front", "back"]);
        assert_eq!(
            aliases,
            BTreeMap::from([(
                "front".to_string(),
                vec!["web".to_string(), "www".to_string()]
            )])
        );
    }
}
