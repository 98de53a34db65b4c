//! Operator routes for networks, services and tasks (`network ...`, `service ...`),
//! with Docker's views; validation here gives one clear 400 before anything is written.

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use axum::{
    Json, Router,
    extract::{Path, Query, State},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use super::{
    Manager,
    api::{now, resolve as resolve_node},
    objects::{EndpointMode, Mode, Network, Service, ServiceSpec, Task, TaskState},
    state::{ClusterState, Command, NetworkRequest},
    token,
};
use crate::api::{
    http::{ApiJson, HttpError, HttpResult},
    types::*,
};

type Mgr = State<Arc<Manager>>;

pub const MAX_REPLICAS: u64 = 10_000;

pub fn router(mgr: Arc<Manager>) -> Router {
    Router::new()
        .route("/v1/networks", get(list_networks).post(create_network))
        .route(
            "/v1/networks/{id}",
            get(inspect_network).delete(remove_network),
        )
        .route("/v1/services", get(list_services).post(create_service))
        .route(
            "/v1/services/{id}",
            get(inspect_service).delete(remove_service),
        )
        .route("/v1/services/{id}/update", post(update_service))
        .route("/v1/tasks", get(list_tasks))
        .with_state(mgr)
}

/// Finds one object by exact ID, exact name, or unique ID prefix.
fn find<'a, T>(
    items: impl Iterator<Item = &'a T> + Clone,
    reference: &str,
    kind: &str,
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> &str,
) -> Result<&'a T, HttpError> {
    if let Some(x) = items
        .clone()
        .find(|x| id(x) == reference || name(x) == reference)
    {
        return Ok(x);
    }
    let found: Vec<&T> = items.filter(|x| id(x).starts_with(reference)).collect();
    match found.as_slice() {
        [x] if !reference.is_empty() => Ok(x),
        [] | [_] => Err(HttpError::not_found(format!(
            "{kind} {reference} not found"
        ))),
        _ => Err(HttpError::conflict(format!(
            "{kind} reference {reference} is ambiguous"
        ))),
    }
}

pub fn find_network<'a>(s: &'a ClusterState, r: &str) -> Result<&'a Network, HttpError> {
    find(s.networks.values(), r, "network", |n| &n.id, |n| &n.name)
}

pub fn find_service<'a>(s: &'a ClusterState, r: &str) -> Result<&'a Service, HttpError> {
    find(
        s.services.values(),
        r,
        "service",
        |x| &x.id,
        |x| &x.spec.name,
    )
}

/// Docker's network names: letters, digits, `_`, `.`, `-`, starting with a letter or digit.
pub fn check_network_name(name: &str) -> Result<(), HttpError> {
    let mut c = name.chars();
    let ok = c.next().is_some_and(|f| f.is_ascii_alphanumeric())
        && c.all(|x| x.is_ascii_alphanumeric() || "_.-".contains(x))
        && name.len() <= 64;
    ok.then_some(()).ok_or_else(|| HttpError::bad_request(format!(
        "invalid network name {name:?}: up to 64 letters, digits, '_', '.' or '-', starting with a letter or digit"
    )))
}

/// Service names are DNS labels (they become DNS names): up to 63 letters, digits and
/// `-`, not starting or ending with `-`.
pub fn check_service_name(name: &str) -> Result<(), HttpError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-');
    ok.then_some(()).ok_or_else(|| HttpError::bad_request(format!(
        "invalid service name {name:?}: up to 63 letters, digits and '-', not starting or ending with '-'"
    )))
}

fn check_env(env: &[String]) -> Result<(), HttpError> {
    match env.iter().find(|e| !e.contains('=') || e.starts_with('=')) {
        Some(bad) => Err(HttpError::bad_request(format!(
            "invalid environment variable {bad:?}: use KEY=VALUE"
        ))),
        None => Ok(()),
    }
}

fn check_replicas(n: u64) -> Result<(), HttpError> {
    if n > MAX_REPLICAS {
        return Err(HttpError::bad_request(format!(
            "invalid replicas {n}: use 0 to {MAX_REPLICAS}"
        )));
    }
    Ok(())
}

// ---- networks ----

pub fn network_view(state: &ClusterState, n: &Network) -> NetworkView {
    let (used, free) = super::ipam::usage(n);
    let mut containers = BTreeMap::new();
    let mut peers = BTreeMap::new();
    for t in state
        .tasks
        .values()
        .filter(|t| t.desired_state == TaskState::Running)
    {
        for a in t.addresses.iter().filter(|a| a.network_id == n.id) {
            let node = state.nodes.get(&t.node_id);
            let node_name = node.map(|x| x.hostname.clone()).unwrap_or_default();
            containers.insert(
                t.id.clone(),
                EndpointView {
                    name: task_name(state, t),
                    ipv4_address: a.addr.clone(),
                    node: node_name.clone(),
                },
            );
            if let Some(node) = node {
                peers.insert(node.hostname.clone(), node.addr.clone());
            }
        }
    }
    NetworkView {
        name: n.name.clone(),
        id: n.id.clone(),
        created: n.created_at.clone(),
        scope: "swarm".into(),
        driver: n.driver.clone(),
        enable_ipv6: false,
        ipam: IpamView {
            driver: "default".into(),
            options: BTreeMap::new(),
            config: vec![IpamConfigView {
                subnet: n.subnet.clone(),
                gateway: n.gateway.clone(),
            }],
        },
        internal: false,
        attachable: n.attachable,
        ingress: false,
        containers,
        options: n.options.clone(),
        labels: n.labels.clone(),
        peers: peers
            .into_iter()
            .map(|(name, ip)| PeerView { name, ip })
            .collect(),
        addresses: AddressUsage { used, free },
        services: None,
    }
}

/// `network inspect --verbose`: the services on the network with their VIP, and the
/// endpoints of their running tasks with the address of the node each runs on.
fn network_services(state: &ClusterState, n: &Network) -> BTreeMap<String, NetworkServiceView> {
    let mut out = BTreeMap::new();
    for svc in state
        .services
        .values()
        .filter(|s| s.spec.networks.contains(&n.id))
    {
        let vip = svc
            .vips
            .iter()
            .find(|v| v.network_id == n.id)
            .map(|v| v.addr.split('/').next().unwrap_or_default().to_string())
            .unwrap_or_default();
        let mut tasks: Vec<&Task> = state
            .tasks
            .values()
            .filter(|t| t.service_id == svc.id && t.status.state == TaskState::Running)
            .collect();
        tasks.sort_by_key(|t| (t.slot, t.id.clone()));
        let tasks = tasks
            .into_iter()
            .filter_map(|t| {
                let a = t.addresses.iter().find(|a| a.network_id == n.id)?;
                let host = state
                    .nodes
                    .get(&t.node_id)
                    .map(|x| x.addr.clone())
                    .unwrap_or_default();
                Some(NetworkTaskView {
                    name: format!("{}.{}", task_name(state, t), t.id),
                    endpoint_id: t.id.clone(),
                    endpoint_ip: a.addr.split('/').next().unwrap_or_default().to_string(),
                    info: [("Host IP".to_string(), host)].into(),
                })
            })
            .collect();
        out.insert(svc.spec.name.clone(), NetworkServiceView { vip, tasks });
    }
    out
}

async fn list_networks(State(mgr): Mgr) -> HttpResult<Vec<NetworkView>> {
    let s = mgr.state();
    let mut nets: Vec<&Network> = s.networks.values().collect();
    nets.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(
        nets.into_iter().map(|n| network_view(&s, n)).collect(),
    ))
}

#[derive(serde::Deserialize)]
struct InspectQuery {
    #[serde(default)]
    verbose: bool,
}

async fn inspect_network(
    State(mgr): Mgr,
    Path(r): Path<String>,
    Query(q): Query<InspectQuery>,
) -> HttpResult<NetworkView> {
    let s = mgr.state();
    let n = find_network(&s, &r)?;
    let mut view = network_view(&s, n);
    if q.verbose {
        view.services = Some(network_services(&s, n));
    }
    Ok(Json(view))
}

async fn create_network(
    State(mgr): Mgr,
    ApiJson(req): ApiJson<NetworkCreateRequest>,
) -> HttpResult<CreatedResponse> {
    check_network_name(&req.name)?;
    if req.driver != "overlay" {
        return Err(HttpError::bad_request(format!(
            "invalid driver {:?}: shoal networks are overlay networks",
            req.driver
        )));
    }
    if req.options.keys().any(|k| k == "encrypted") {
        return Err(HttpError::bad_request(
            "--opt encrypted is not supported yet; refusing rather than sending traffic in the clear",
        ));
    }
    if req.gateway.is_some() && req.subnet.is_none() {
        return Err(HttpError::bad_request("--gateway needs --subnet"));
    }
    let id = token::random_base36(25);
    let cmd = Command::CreateNetwork(NetworkRequest {
        id: id.clone(),
        name: req.name,
        driver: req.driver,
        subnet: req.subnet,
        gateway: req.gateway,
        attachable: req.attachable,
        options: req.options,
        labels: req.labels,
        at: now(),
    });
    mgr.write(cmd).await.map_err(as_bad_request)?;
    Ok(Json(CreatedResponse { id }))
}

/// The state machine refuses with a reason; for a create that is the caller's mistake.
fn as_bad_request(e: HttpError) -> HttpError {
    if e.status == axum::http::StatusCode::CONFLICT && !e.message.contains("already exists") {
        HttpError::bad_request(e.message)
    } else {
        e
    }
}

async fn remove_network(State(mgr): Mgr, Path(r): Path<String>) -> HttpResult<String> {
    let id = find_network(&mgr.state(), &r)?.id.clone();
    mgr.write(Command::RemoveNetwork { id: id.clone() }).await?;
    Ok(Json(id))
}

// ---- services ----

/// Sets what the request gives of the restart policy and stop grace period.
fn set_restart(spec: &mut ServiceSpec, r: &RestartPolicyRequest, grace: Option<Duration>) {
    let p = &mut spec.restart;
    p.condition = r.condition.unwrap_or(p.condition);
    p.delay = r.delay.unwrap_or(p.delay);
    p.max_attempts = r.max_attempts.unwrap_or(p.max_attempts);
    p.window = r.window.unwrap_or(p.window);
    spec.stop_grace_period = grace.or(spec.stop_grace_period);
}

/// Docker's durations in JSON: integer nanoseconds.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// One of `Spec.TaskTemplate.Networks`: Docker's `{"Target": ID, "Aliases": [...]}`,
/// without `Aliases` when there are none (Docker's omitempty).
fn network_json(spec: &ServiceSpec, id: &str) -> serde_json::Value {
    let mut v = json!({ "Target": id });
    let aliases = spec.aliases_on(id);
    if !aliases.is_empty() {
        v["Aliases"] = json!(aliases);
    }
    v
}

fn spec_json(spec: &ServiceSpec) -> serde_json::Value {
    let mode = match spec.mode {
        Mode::Replicated { replicas } => json!({ "Replicated": { "Replicas": replicas } }),
        Mode::Global => json!({ "Global": {} }),
    };
    let p = &spec.restart;
    let mut restart = json!({
        "Condition": wire_name(&p.condition),
        "Delay": nanos(p.delay),
        "MaxAttempts": p.max_attempts,
    });
    if !p.window.is_zero() {
        restart["Window"] = json!(nanos(p.window));
    }
    // Docker's field order: ContainerSpec, RestartPolicy, Networks.
    json!({
        "Name": spec.name,
        "Labels": spec.labels,
        "TaskTemplate": {
            "ContainerSpec": {
                "Command": spec.command,
                "Env": spec.env,
                "StopGracePeriod": nanos(spec.stop_grace()),
            },
            "RestartPolicy": restart,
            "Networks": spec.networks.iter().map(|n| network_json(spec, n)).collect::<Vec<_>>(),
        },
        "Mode": mode,
        "EndpointSpec": { "Mode": wire_name(&spec.endpoint_mode) },
    })
}

pub fn service_view(state: &ClusterState, s: &Service) -> ServiceView {
    let active: Vec<&Task> = state
        .tasks
        .values()
        .filter(|t| t.service_id == s.id && t.desired_state == TaskState::Running)
        .collect();
    let running = active
        .iter()
        .filter(|t| t.status.state == TaskState::Running)
        .count() as u64;
    let desired = match s.spec.mode {
        Mode::Replicated { replicas } => replicas,
        Mode::Global => active.len() as u64,
    };
    let vips: Vec<serde_json::Value> = s
        .vips
        .iter()
        .map(|v| json!({ "NetworkID": v.network_id, "Addr": v.addr }))
        .collect();
    ServiceView {
        id: s.id.clone(),
        version: VersionView { index: s.version },
        created_at: s.created_at.clone(),
        updated_at: s.updated_at.clone(),
        spec: spec_json(&s.spec),
        endpoint: json!({ "Spec": { "Mode": wire_name(&s.spec.endpoint_mode) }, "VirtualIPs": vips }),
        error: s.error.clone(),
        replicas_running: running,
        replicas_desired: desired,
    }
}

async fn list_services(State(mgr): Mgr) -> HttpResult<Vec<ServiceView>> {
    let s = mgr.state();
    let mut svcs: Vec<&Service> = s.services.values().collect();
    svcs.sort_by(|a, b| a.spec.name.cmp(&b.spec.name));
    Ok(Json(
        svcs.into_iter().map(|x| service_view(&s, x)).collect(),
    ))
}

async fn inspect_service(State(mgr): Mgr, Path(r): Path<String>) -> HttpResult<ServiceView> {
    let s = mgr.state();
    Ok(Json(service_view(&s, find_service(&s, &r)?)))
}

async fn create_service(
    State(mgr): Mgr,
    ApiJson(req): ApiJson<ServiceCreateRequest>,
) -> HttpResult<CreatedResponse> {
    check_service_name(&req.name)?;
    if req.command.first().is_none_or(|c| c.is_empty()) {
        return Err(HttpError::bad_request("a service needs a COMMAND to run"));
    }
    check_env(&req.env)?;
    let mode = match (req.global, req.replicas) {
        (true, Some(_)) => {
            return Err(HttpError::bad_request(
                "--replicas cannot be used with --mode global",
            ));
        }
        (true, None) => Mode::Global,
        (false, r) => {
            let replicas = r.unwrap_or(1);
            check_replicas(replicas)?;
            Mode::Replicated { replicas }
        }
    };
    let endpoint_mode = match req.endpoint_mode.as_deref() {
        None | Some("vip") => EndpointMode::Vip,
        Some("dnsrr") => EndpointMode::Dnsrr,
        Some(other) => {
            return Err(HttpError::bad_request(format!(
                "invalid endpoint mode {other:?}: use vip or dnsrr"
            )));
        }
    };
    let attached = super::attach::resolve(&mgr.state(), &req.networks, &req.network_aliases)?;
    let mut spec = ServiceSpec {
        name: req.name,
        labels: req.labels,
        command: req.command,
        env: req.env,
        mode,
        networks: attached.networks,
        network_aliases: attached.aliases,
        endpoint_mode,
        restart: Default::default(),
        stop_grace_period: None,
    };
    set_restart(&mut spec, &req.restart, req.stop_grace_period);
    let id = token::random_base36(25);
    mgr.write(Command::CreateService {
        id: id.clone(),
        spec,
        at: now(),
    })
    .await?;
    Ok(Json(CreatedResponse { id }))
}

async fn update_service(
    State(mgr): Mgr,
    Path(r): Path<String>,
    ApiJson(req): ApiJson<ServiceUpdateRequest>,
) -> HttpResult<ServiceView> {
    let state = mgr.state();
    let svc = find_service(&state, &r)?;
    let mut spec = svc.spec.clone();
    if let Some(n) = req.replicas {
        check_replicas(n)?;
        match spec.mode {
            Mode::Replicated { .. } => spec.mode = Mode::Replicated { replicas: n },
            Mode::Global => {
                return Err(HttpError::bad_request(format!(
                    "service {} is global: it cannot be scaled",
                    spec.name
                )));
            }
        }
    }
    check_env(&req.env_add)?;
    for rm in &req.env_rm {
        spec.env
            .retain(|e| e.split('=').next() != Some(rm.as_str()));
    }
    for add in &req.env_add {
        let key = add.split('=').next().unwrap_or_default();
        spec.env.retain(|e| e.split('=').next() != Some(key));
        spec.env.push(add.clone());
    }
    if let Some(args) = req.args {
        spec.command.truncate(1);
        spec.command.extend(args);
    }
    set_restart(&mut spec, &req.restart, req.stop_grace_period);
    // A changed task template stops the tasks; the orchestrator makes new ones.
    let id = svc.id.clone();
    mgr.write(Command::UpdateService {
        id: id.clone(),
        spec,
        at: now(),
    })
    .await?;
    let s = mgr.state();
    Ok(Json(service_view(&s, find_service(&s, &id)?)))
}

async fn remove_service(State(mgr): Mgr, Path(r): Path<String>) -> HttpResult<String> {
    let id = find_service(&mgr.state(), &r)?.id.clone();
    mgr.write(Command::RemoveService { id: id.clone() }).await?;
    Ok(Json(id))
}

// ---- tasks ----

pub fn task_name(state: &ClusterState, t: &Task) -> String {
    let svc = state
        .services
        .get(&t.service_id)
        .map(|s| s.spec.name.as_str())
        .unwrap_or("?");
    if t.slot > 0 {
        format!("{svc}.{}", t.slot)
    } else {
        format!("{svc}.{}", t.node_id)
    }
}

pub fn task_view(state: &ClusterState, t: &Task) -> TaskView {
    let svc = state.services.get(&t.service_id);
    TaskView {
        id: t.id.clone(),
        version: VersionView { index: t.version },
        created_at: t.created_at.clone(),
        name: task_name(state, t),
        service_id: t.service_id.clone(),
        service_name: svc.map(|s| s.spec.name.clone()).unwrap_or_default(),
        slot: t.slot,
        node_id: t.node_id.clone(),
        node_name: state
            .nodes
            .get(&t.node_id)
            .map(|n| n.hostname.clone())
            .unwrap_or_default(),
        status: TaskStatusView {
            timestamp: t.status.timestamp.clone(),
            state: wire_name(&t.status.state),
            message: t.status.message.clone(),
            err: t.status.err.clone(),
        },
        desired_state: wire_name(&t.desired_state),
        command: svc.map(|s| s.spec.command.clone()).unwrap_or_default(),
        networks_attachments: t
            .addresses
            .iter()
            .map(|a| AttachmentView {
                network_id: a.network_id.clone(),
                network_name: state
                    .networks
                    .get(&a.network_id)
                    .map(|n| n.name.clone())
                    .unwrap_or_default(),
                addresses: vec![a.addr.clone()],
            })
            .collect(),
    }
}

#[derive(Deserialize)]
struct TaskQuery {
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    node: Option<String>,
}

async fn list_tasks(State(mgr): Mgr, Query(q): Query<TaskQuery>) -> HttpResult<Vec<TaskView>> {
    let s = mgr.state();
    let svc = q
        .service
        .as_deref()
        .map(|r| find_service(&s, r))
        .transpose()?
        .map(|x| x.id.clone());
    let node = q
        .node
        .as_deref()
        .map(|r| resolve_node(s.nodes.values(), r))
        .transpose()?
        .map(|n| n.id.clone());
    let mut tasks: Vec<&Task> = s
        .tasks
        .values()
        .filter(|t| svc.as_ref().is_none_or(|id| &t.service_id == id))
        .filter(|t| node.as_ref().is_none_or(|id| &t.node_id == id))
        .collect();
    // Per slot (or per node in global mode): the current task first, then history,
    // newest first, as `docker service ps` shows them.
    let key = |t: &Task| {
        let node = if t.slot == 0 {
            t.node_id.clone()
        } else {
            String::new()
        };
        let current = t.desired_state != TaskState::Running;
        (
            t.service_id.clone(),
            t.slot,
            node,
            current,
            std::cmp::Reverse(t.created_at.clone()),
        )
    };
    tasks.sort_by_key(|t| key(t));
    Ok(Json(tasks.into_iter().map(|t| task_view(&s, t)).collect()))
}
