//! The networks a new service asks for (names or IDs, each with its aliases) resolved
//! to what its spec keeps: network IDs in order, once each, and the aliases per network
//! ID. Pure: the API handler calls it on a snapshot of the state, and every error is
//! one line for the operator.

use std::collections::BTreeMap;

use super::{objects::check_alias, objects_api::find_network, state::ClusterState};
use crate::api::http::HttpError;

/// What a service's spec keeps of its networks.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Attachments {
    /// Network IDs, in the order first given.
    pub networks: Vec<String>,
    /// Network ID -> aliases, in the order given, once each.
    pub aliases: BTreeMap<String, Vec<String>>,
}

/// Resolves `networks` (as the request gives them) and `aliases` (keyed by an entry of
/// `networks`, as given). A network named twice is attached once, with the aliases of
/// both; an alias for a network that is not in `networks` is an error.
pub fn resolve(
    state: &ClusterState,
    networks: &[String],
    aliases: &BTreeMap<String, Vec<String>>,
) -> Result<Attachments, HttpError> {
    if let Some(stray) = aliases.keys().find(|k| !networks.contains(k)) {
        return Err(HttpError::bad_request(format!(
            "aliases given for network {stray}, which the service is not attached to"
        )));
    }
    let mut out = Attachments::default();
    for n in networks {
        let id = find_network(state, n)
            .map_err(|_| HttpError::bad_request(format!("network {n} not found")))?
            .id
            .clone();
        if !out.networks.contains(&id) {
            out.networks.push(id.clone());
        }
        for alias in aliases.get(n).into_iter().flatten() {
            check_alias(alias).map_err(|e| HttpError::bad_request(format!("network {n}: {e}")))?;
            let list = out.aliases.entry(id.clone()).or_default();
            if !list.contains(alias) {
                list.push(alias.clone());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agent::dns::records::fixtures::network;

    fn state() -> ClusterState {
        let mut s = ClusterState::default();
        for n in [network("n1aaa", "front", 1), network("n2bbb", "back", 2)] {
            s.networks.insert(n.id.clone(), n);
        }
        s
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn aliases(v: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        v.iter().map(|(k, a)| (k.to_string(), strings(a))).collect()
    }

    #[test]
    fn names_and_ids_become_ids_with_their_aliases() {
        let got = resolve(
            &state(),
            &strings(&["front", "n2bbb"]),
            &aliases(&[("front", &["web", "www"])]),
        )
        .unwrap();
        assert_eq!(got.networks, ["n1aaa", "n2bbb"]);
        assert_eq!(got.aliases, aliases(&[("n1aaa", &["web", "www"])]));
    }

    #[test]
    fn a_network_named_twice_is_attached_once_with_all_its_aliases() {
        let got = resolve(
            &state(),
            &strings(&["front", "n1", "back"]),
            &aliases(&[("front", &["web", "www"]), ("n1", &["www", "api"])]),
        )
        .unwrap();
        assert_eq!(got.networks, ["n1aaa", "n2bbb"]);
        assert_eq!(got.aliases, aliases(&[("n1aaa", &["web", "www", "api"])]));
    }

    #[test]
    fn bad_attachments_are_one_line_errors() {
        let s = state();
        let err = |nets: &[&str], al: &[(&str, &[&str])]| {
            resolve(&s, &strings(nets), &aliases(al))
                .unwrap_err()
                .message
        };
        assert_eq!(
            err(&["front"], &[("back", &["db"])]),
            "aliases given for network back, which the service is not attached to"
        );
        assert_eq!(err(&["nosuch"], &[]), "network nosuch not found");
        assert_eq!(
            err(&["front"], &[("front", &[""])]),
            "network front: empty alias"
        );
        assert!(
            err(&["front"], &[("front", &["a b"])]).starts_with("network front: invalid alias")
        );
    }
}
