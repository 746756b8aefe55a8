//! The graph of a service's named types: which types a request or a response reaches,
//! and which references close a cycle and so need a `Box`.

use std::collections::{BTreeMap, BTreeSet};

use codegen_spec::spec::{ServiceSpec, TypeDef, TypeExpr, TypeExprKind, TypeKind};

pub(super) struct TypeGraph<'a> {
    ids: BTreeMap<&'a str, usize>,
    /// Every reference, through collections too.
    edges: Vec<BTreeSet<usize>>,
    /// Strongly connected component of each type over references that are stored
    /// inline (not through `Vec` or a map); a reference inside one component is a cycle.
    component: Vec<usize>,
    self_loop: Vec<bool>,
}

impl<'a> TypeGraph<'a> {
    pub fn new(service: &'a ServiceSpec) -> Self {
        let ids: BTreeMap<&str, usize> = service
            .types()
            .enumerate()
            .map(|(i, (_, def))| (def.name.as_str(), i))
            .collect();
        let count = ids.len();
        let mut edges = vec![BTreeSet::new(); count];
        let mut inline = vec![BTreeSet::new(); count];
        for (from, (_, def)) in service.types().enumerate() {
            def_references(def, &mut |name, through_collection| {
                if let Some(&to) = ids.get(name) {
                    edges[from].insert(to);
                    if !through_collection {
                        inline[from].insert(to);
                    }
                }
            });
        }
        let self_loop = (0..count).map(|i| inline[i].contains(&i)).collect();
        let component = strongly_connected(&inline);
        Self {
            ids,
            edges,
            component,
            self_loop,
        }
    }

    /// Whether another type refers to `name`.
    pub fn is_referenced(&self, name: &str) -> bool {
        self.ids.get(name).is_some_and(|&id| {
            self.edges
                .iter()
                .enumerate()
                .any(|(from, to)| from != id && to.contains(&id))
        })
    }

    /// Every named type reachable from `roots`, the roots included.
    pub fn reachable(&self, roots: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<usize> = roots
            .into_iter()
            .filter_map(|r| self.ids.get(r).copied())
            .collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend(self.edges[id].iter().copied());
            }
        }
        self.ids
            .iter()
            .filter(|(_, id)| seen.contains(id))
            .map(|(name, _)| (*name).to_owned())
            .collect()
    }

    /// Whether a reference from `from` to `to`, stored inline, closes a cycle.
    pub fn needs_box(&self, from: &str, to: &str) -> bool {
        match (self.ids.get(from), self.ids.get(to)) {
            (Some(&f), Some(&t)) if f == t => self.self_loop[f],
            (Some(&f), Some(&t)) => self.component[f] == self.component[t],
            _ => false,
        }
    }
}

/// Calls `found(name, through_collection)` for every type name in `expr`.
/// Every type a definition names (a tagged union's variants inline), and whether through
/// a collection.
pub(super) fn def_references<'a>(def: &'a TypeDef, found: &mut impl FnMut(&'a str, bool)) {
    match &def.kind {
        TypeKind::Object(object) => object
            .fields
            .iter()
            .for_each(|f| references(&f.ty, false, found)),
        TypeKind::Union(union) => union
            .variants
            .iter()
            .for_each(|v| references(&v.ty, false, found)),
        TypeKind::Alias(target) => references(target, false, found),
        TypeKind::TaggedUnion(union) => union
            .variants
            .iter()
            .for_each(|v| found(v.ty.as_str(), false)),
        TypeKind::Enum(_) => {}
    }
}

pub(super) fn references<'a>(
    expr: &'a TypeExpr,
    through_collection: bool,
    found: &mut impl FnMut(&'a str, bool),
) {
    match &expr.kind {
        TypeExprKind::Primitive(_) => {}
        TypeExprKind::Named(name) => found(name, through_collection),
        TypeExprKind::Array(inner) | TypeExprKind::Map(inner) => references(inner, true, found),
    }
}

/// Tarjan's algorithm, iterative so that long chains of types cannot overflow the stack.
fn strongly_connected(edges: &[BTreeSet<usize>]) -> Vec<usize> {
    let count = edges.len();
    let mut index = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![usize::MAX; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for start in 0..count {
        if index[start] != usize::MAX {
            continue;
        }
        // (node, its successors not yet visited)
        let mut work: Vec<(usize, Vec<usize>)> =
            vec![(start, edges[start].iter().copied().collect())];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some((node, successors)) = work.last_mut() {
            let node = *node;
            if let Some(next) = successors.pop() {
                if index[next] == usize::MAX {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    work.push((next, edges[next].iter().copied().collect()));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let edges = vec![
            BTreeSet::from([1]),
            BTreeSet::from([2]),
            BTreeSet::from([0]),
            BTreeSet::from([3]),
            BTreeSet::new(),
        ];
        let c = strongly_connected(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
