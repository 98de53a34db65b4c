//! Applying network, service and task commands to the state: validation, subnet and
//! VNI choice, VIP and task addresses. Deterministic, so every manager ends up alike;
//! an `Err` changes nothing.

use std::collections::BTreeSet;

use super::{
    ipam::{self, Taken},
    objects::{
        Attachment, EndpointMode, Network, Service, ServiceSpec, Task, TaskState, TaskStatus,
    },
    state::{ClusterState, NetworkRequest},
};

pub const VXLANID_OPTION: &str = "com.docker.network.driver.overlay.vxlanid_list";

impl ClusterState {
    /// Subnets and routes a new network must not overlap.
    fn taken(&self) -> Vec<Taken> {
        let mut taken: Vec<Taken> = self
            .networks
            .values()
            .filter_map(|n| {
                Some(Taken {
                    net: n.subnet.parse().ok()?,
                    what: format!("network {}", n.name),
                })
            })
            .collect();
        for node in self.nodes.values() {
            for r in &node.routes {
                if let Ok(net) = r.parse() {
                    taken.push(Taken {
                        net,
                        what: format!("a route of node {}", node.hostname),
                    });
                }
            }
        }
        taken
    }

    pub(super) fn create_network(
        &mut self,
        index: u64,
        req: &NetworkRequest,
    ) -> Result<(), String> {
        if self.networks.values().any(|n| n.name == req.name) {
            return Err(format!("network with name {} already exists", req.name));
        }
        let taken = self.taken();
        let subnet = match &req.subnet {
            Some(s) => {
                let net = ipam::parse_subnet(s)?;
                ipam::check_subnet(&net, &taken)?;
                net
            }
            None => ipam::pick_subnet(&taken)?,
        };
        let gateway = ipam::gateway(&subnet, req.gateway.as_deref())?;
        let gw_offset = ipam::offset(&subnet, gateway).unwrap_or(1);
        let vni = ipam::next_vni(self.networks.values());
        let mut options = req.options.clone();
        options.insert(VXLANID_OPTION.to_string(), vni.to_string());
        let network = Network {
            id: req.id.clone(),
            name: req.name.clone(),
            driver: req.driver.clone(),
            subnet: subnet.to_string(),
            gateway: gateway.to_string(),
            vni,
            attachable: req.attachable,
            options,
            labels: req.labels.clone(),
            created_at: req.at.clone(),
            version: index,
            allocated: BTreeSet::from([gw_offset]),
            next: gw_offset + 1,
        };
        self.networks.insert(network.id.clone(), network);
        Ok(())
    }

    pub(super) fn remove_network(&mut self, id: &str) -> Result<(), String> {
        let net = self
            .networks
            .get(id)
            .ok_or_else(|| format!("network {id} not found"))?;
        let users: Vec<&str> = self
            .services
            .values()
            .filter(|s| s.spec.networks.iter().any(|n| n == id))
            .map(|s| s.spec.name.as_str())
            .collect();
        if !users.is_empty() {
            return Err(format!(
                "network {} is in use by service {}",
                net.name,
                users.join(", ")
            ));
        }
        self.networks.remove(id);
        Ok(())
    }

    fn check_spec(&self, id: &str, spec: &ServiceSpec) -> Result<(), String> {
        if self
            .services
            .values()
            .any(|s| s.spec.name == spec.name && s.id != id)
        {
            return Err(format!("service {} already exists", spec.name));
        }
        for n in &spec.networks {
            if !self.networks.contains_key(n) {
                return Err(format!("network {n} not found"));
            }
        }
        for (n, aliases) in &spec.network_aliases {
            if !spec.networks.contains(n) {
                return Err(format!(
                    "aliases given for network {n}, which the service is not attached to"
                ));
            }
            aliases
                .iter()
                .try_for_each(|a| super::objects::check_alias(a))?;
        }
        Ok(())
    }

    pub(super) fn create_service(
        &mut self,
        index: u64,
        id: &str,
        spec: &ServiceSpec,
        at: &str,
    ) -> Result<(), String> {
        self.check_spec(id, spec)?;
        let mut service = Service {
            id: id.to_string(),
            spec: spec.clone(),
            created_at: at.to_string(),
            updated_at: at.to_string(),
            version: index,
            vips: Vec::new(),
            error: String::new(),
            template_version: index,
        };
        self.allocate_vips(&mut service);
        self.services.insert(id.to_string(), service);
        Ok(())
    }

    /// One VIP per network in VIP mode; a failure is recorded on the service.
    fn allocate_vips(&mut self, service: &mut Service) {
        let wanted: Vec<String> = match service.spec.endpoint_mode {
            EndpointMode::Vip => service.spec.networks.clone(),
            EndpointMode::Dnsrr => Vec::new(),
        };
        let (keep, drop): (Vec<Attachment>, Vec<Attachment>) = std::mem::take(&mut service.vips)
            .into_iter()
            .partition(|v| wanted.contains(&v.network_id));
        self.release(&drop);
        service.vips = keep;
        service.error.clear();
        for net_id in wanted {
            if service.vips.iter().any(|v| v.network_id == net_id) {
                continue;
            }
            let Some(net) = self.networks.get_mut(&net_id) else {
                continue;
            };
            match ipam::allocate(net) {
                Ok(addr) => service.vips.push(Attachment {
                    network_id: net_id,
                    addr,
                }),
                Err(e) => service.error = format!("cannot allocate a virtual IP: {e}"),
            }
        }
    }

    pub(super) fn update_service(
        &mut self,
        index: u64,
        id: &str,
        spec: &ServiceSpec,
        at: &str,
    ) -> Result<(), String> {
        self.check_spec(id, spec)?;
        let mut service = self
            .services
            .remove(id)
            .ok_or_else(|| format!("service {id} not found"))?;
        if !service.spec.same_task_template(spec) {
            // Its tasks are out of date: they stop in this same entry, and the
            // orchestrator makes new ones (Swarm's rolling update, all at once for now).
            service.template_version = index;
            for t in self
                .tasks
                .values_mut()
                .filter(|t| t.service_id == id && t.desired_state == TaskState::Running)
            {
                t.desired_state = TaskState::Shutdown;
                t.version = index;
            }
        }
        service.spec = spec.clone();
        service.updated_at = at.to_string();
        service.version = index;
        self.allocate_vips(&mut service);
        self.services.insert(id.to_string(), service);
        Ok(())
    }

    pub(super) fn remove_service(&mut self, id: &str) -> Result<(), String> {
        let service = self
            .services
            .remove(id)
            .ok_or_else(|| format!("service {id} not found"))?;
        self.release(&service.vips);
        let tasks: Vec<String> = self
            .tasks
            .values()
            .filter(|t| t.service_id == id)
            .map(|t| t.id.clone())
            .collect();
        self.remove_tasks(&tasks);
        Ok(())
    }

    pub(super) fn put_tasks(&mut self, index: u64, tasks: &[Task]) -> Result<(), String> {
        for task in tasks {
            let mut task = task.clone();
            task.version = index;
            let networks = match self.services.get(&task.service_id) {
                Some(s) => s.spec.networks.clone(),
                None => continue, // the service went meanwhile
            };
            if let Err(e) = self.allocate_task(&mut task, &networks) {
                task.status.state = TaskState::Pending;
                task.status.err = e;
            }
            self.tasks.insert(task.id.clone(), task);
        }
        Ok(())
    }

    /// An address on each of the task's networks, all or none.
    fn allocate_task(&mut self, task: &mut Task, networks: &[String]) -> Result<(), String> {
        for net_id in networks {
            let Some(net) = self.networks.get_mut(net_id) else {
                continue;
            };
            match ipam::allocate(net) {
                Ok(addr) => task.addresses.push(Attachment {
                    network_id: net_id.clone(),
                    addr,
                }),
                Err(e) => {
                    self.release(&task.addresses);
                    task.addresses.clear();
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Gives addresses (VIPs or a task's) back to their networks.
    fn release(&mut self, attachments: &[Attachment]) {
        for a in attachments {
            if let Some(n) = self.networks.get_mut(&a.network_id) {
                ipam::release(n, &a.addr);
            }
        }
    }

    /// Agents' reports. A task that has ended gives its addresses back (Swarm frees a
    /// finished task's attachments too), so they serve new tasks.
    pub(super) fn set_task_statuses(&mut self, index: u64, updates: &[(String, TaskStatus)]) {
        for (id, status) in updates {
            let Some(t) = self.tasks.get_mut(id) else {
                continue;
            };
            t.status = status.clone();
            t.version = index;
            if status.state.is_terminal() && !t.addresses.is_empty() {
                let done = std::mem::take(&mut t.addresses);
                self.release(&done);
            }
        }
    }

    /// Whether some VIP or task address is missing while its network has room.
    pub fn can_reallocate(&self) -> bool {
        let has_room = |net_id: &String| {
            self.networks
                .get(net_id)
                .is_some_and(|n| ipam::usage(n).1 > 0)
        };
        let vip = self.services.values().any(|s| {
            s.spec.endpoint_mode == EndpointMode::Vip
                && s.spec
                    .networks
                    .iter()
                    .any(|n| !s.vips.iter().any(|v| &v.network_id == n) && has_room(n))
        });
        let task = self.tasks.values().any(|t| {
            waiting_for_address(t)
                && self
                    .services
                    .get(&t.service_id)
                    .is_some_and(|s| s.spec.networks.iter().all(has_room))
        });
        vip || task
    }

    pub(super) fn reallocate(&mut self, index: u64, at: &str) {
        let ids: Vec<String> = self
            .services
            .values()
            .filter(|s| !s.error.is_empty())
            .map(|s| s.id.clone())
            .collect();
        for id in ids {
            if let Some(mut svc) = self.services.remove(&id) {
                self.allocate_vips(&mut svc);
                svc.version = index;
                self.services.insert(id, svc);
            }
        }
        let waiting: Vec<String> = self
            .tasks
            .values()
            .filter(|t| waiting_for_address(t))
            .map(|t| t.id.clone())
            .collect();
        for id in waiting {
            let Some(mut task) = self.tasks.remove(&id) else {
                continue;
            };
            let networks = self
                .services
                .get(&task.service_id)
                .map(|s| s.spec.networks.clone())
                .unwrap_or_default();
            if self.allocate_task(&mut task, &networks).is_ok() {
                task.status = TaskStatus {
                    state: TaskState::Assigned,
                    message: "scheduled".into(),
                    err: String::new(),
                    timestamp: at.to_string(),
                };
                task.version = index;
            }
            self.tasks.insert(id, task);
        }
    }

    pub(super) fn remove_tasks(&mut self, ids: &[String]) {
        for id in ids {
            if let Some(task) = self.tasks.remove(id) {
                self.release(&task.addresses);
            }
        }
    }
}

/// A task placed on a node but still without its addresses.
fn waiting_for_address(t: &Task) -> bool {
    t.desired_state == TaskState::Running
        && t.status.state == TaskState::Pending
        && !t.node_id.is_empty()
        && t.addresses.is_empty()
}
