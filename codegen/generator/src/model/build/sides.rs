//! Which side of the wire each type is on, decided once from the spec: the model drops
//! read-only fields from what users build and hides bodies only the client builds by
//! it, and the record of the API (`surface`) prints it.

use std::collections::{BTreeMap, BTreeSet};

use super::graph_roots;
use crate::model::Side;
use crate::model::graph::TypeGraph;
use codegen_spec::spec::resolve::{Index, Resolved};
use codegen_spec::spec::{ServiceSpec, Spanned, TypeExpr};

/// The side of every type of a service that requests or responses reach, by name.
pub(super) struct Sides {
    sides: BTreeMap<String, Side>,
}

/// The roots of each walk: the named types each kind of use starts from.
#[derive(Default)]
struct Roots<'a> {
    sent: Vec<&'a str>,
    returned: Vec<&'a str>,
    in_body: Vec<&'a str>,
    received: Vec<&'a str>,
}

impl Sides {
    pub fn new(spec: &ServiceSpec, index: &Index<'_>, graph: &TypeGraph<'_>) -> Self {
        let mut roots = Roots::default();
        if let Some(definition) = spec.definition() {
            roots.received.push(definition.error.ty.as_str());
        }
        roots
            .received
            .extend(spec.envelopes().map(|e| e.ty.as_str()));
        for (_, op) in spec.operations() {
            for (_, param) in op.all_params() {
                graph_roots(&param.ty, &mut roots.sent);
            }
            if let Some(body) = &op.body {
                graph_roots(&body.ty, &mut roots.in_body);
                chosen(index, &body.ty, body.variant.as_ref(), &mut roots.sent);
            }
            if let Some(ty) = &op.response.ty {
                graph_roots(ty, &mut roots.received);
                chosen(index, ty, op.response.variant.as_ref(), &mut roots.returned);
            }
        }
        let sent = graph.reachable(roots.sent);
        let returned = graph.reachable(roots.returned);
        let in_body = graph.reachable(roots.in_body);
        let received = graph.reachable(roots.received);
        // Envelopes are what responses are read as: returned with every result.
        let envelopes: BTreeSet<&str> = spec.envelopes().map(|e| e.ty.as_str()).collect();
        let sides = [&sent, &returned, &in_body, &received]
            .into_iter()
            .flatten()
            .map(|name| {
                let side = Side {
                    request: sent.contains(name),
                    response: returned.contains(name) || envelopes.contains(name.as_str()),
                    in_body: in_body.contains(name),
                    received: received.contains(name),
                };
                (name.clone(), side)
            })
            .collect();
        Self { sides }
    }

    /// The side of the type `name`; the default, neither, for one nothing reaches.
    pub fn of(&self, name: &str) -> Side {
        self.sides.get(name).copied().unwrap_or_default()
    }
}

/// The named types an operation's body or result reaches as its method takes or returns
/// it: for a tagged union's variant, that variant's type alone.
fn chosen<'a>(
    index: &Index<'a>,
    ty: &'a TypeExpr,
    variant: Option<&Spanned<String>>,
    roots: &mut Vec<&'a str>,
) {
    if let (Some(variant), Resolved::TaggedUnion(_, union)) = (variant, index.resolve(ty)) {
        roots.extend(
            union
                .variants
                .iter()
                .filter(|v| v.value.value == variant.value)
                .map(|v| v.ty.as_str()),
        );
        return;
    }
    graph_roots(ty, roots);
}
