//! Structure: what spans the whole file rather than one layer: parent and
//! precomp references cut where they close a cycle (so evaluation always
//! ends), markers (named segments), and the Bodymovin version the file
//! was written with.
//!
//! Must never leave a cycle, and never recurse: a hostile file's depth is
//! walked with explicit stacks.

use binding_engine::json::Value;

use super::{num, Object, MAX_ASSETS};
use crate::lottie::model::*;

/// Layers whose parent link closes a cycle; cutting them leaves a forest.
pub(super) fn parent_cycle_breaks(layers: &[Layer]) -> Vec<usize> {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; layers.len()];
    let mut breaks = Vec::new();
    for start in 0..layers.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            match state.get(i).copied() {
                Some(NEW) => {
                    if let Some(s) = state.get_mut(i) {
                        *s = ON_PATH;
                    }
                    path.push(i);
                    at = layers.get(i).and_then(|l| l.parent);
                }
                Some(ON_PATH) => {
                    if let Some(last) = path.last() {
                        breaks.push(*last);
                    }
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            if let Some(s) = state.get_mut(i) {
                *s = DONE;
            }
        }
    }
    breaks
}

/// Replaces each precomp layer that would make a composition contain itself
/// with a null layer, so evaluation always terminates.
pub(super) fn cut_precomp_cycles(comp: &mut Composition) {
    // Composition 0 is the root; precomp i is node i + 1.
    let refs = |layers: &[Layer]| -> Vec<(usize, usize)> {
        let mut refs = Vec::new();
        for (i, l) in layers.iter().enumerate() {
            if let LayerKind::Precomp { comp, .. } = l.kind {
                refs.push((i, comp + 1));
            }
        }
        refs
    };
    let mut edges: Vec<Vec<(usize, usize)>> = vec![refs(&comp.layers)];
    edges.extend(comp.precomps.iter().map(|l| refs(l)));

    let mut state = vec![0_u8; edges.len()];
    let mut cuts = Vec::new();
    // Iterative DFS: (node, next edge to visit).
    for start in 0..edges.len() {
        if state.get(start).copied() != Some(0) {
            continue;
        }
        let mut stack = vec![(start, 0_usize)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }
        while let Some((node, edge)) = stack.last_mut() {
            let node = *node;
            let Some(&(layer, target)) = edges.get(node).and_then(|e| e.get(*edge)) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            *edge += 1;
            match state.get(target).copied() {
                Some(0) => {
                    if let Some(s) = state.get_mut(target) {
                        *s = 1;
                    }
                    stack.push((target, 0));
                }
                Some(1) => cuts.push((node, layer)),
                _ => {}
            }
        }
    }
    for (node, layer) in cuts {
        let list = if node == 0 {
            Some(&mut comp.layers)
        } else {
            comp.precomps.get_mut(node - 1)
        };
        if let Some(layer) = list.and_then(|l| l.get_mut(layer)) {
            layer.kind = LayerKind::Null;
            comp.warnings.push(Warning {
                code: "precomp-cycle",
                layer: layer.name.clone(),
                what: "refId".to_owned(),
            });
        }
    }
}

/// Named segments (`markers`): `cm` name, `tm` start, `dr` length.
pub(super) fn import_markers(root: &Object) -> Vec<Marker> {
    let list = root
        .get("markers")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    let mut markers = Vec::new();
    for m in list.iter().filter_map(Value::as_object).take(MAX_ASSETS) {
        let (Some(name), Some(start)) = (m.get("cm").and_then(Value::as_str), num(m, "tm")) else {
            continue;
        };
        markers.push(Marker {
            name: name.to_owned(),
            start,
            duration: num(m, "dr").filter(|d| *d >= 0.0).unwrap_or(0.0),
        });
    }
    markers
}

/// The Bodymovin version `v` ("major.minor.patch") as one number to
/// compare with [`version`]'s. A missing version reads as new, as in
/// lottie-web (100.100.100); a part that is no number as 0.
pub(super) fn bodymovin_version(v: Option<&Value>) -> u64 {
    let Some(v) = v.and_then(Value::as_str) else {
        return version(100, 100, 100);
    };
    // Digits only, without `str::parse`'s generic machinery; each part
    // kept under 2^20 so that one cannot spill into the next.
    let number = |p: &str| {
        p.bytes().try_fold(0u64, |n, b| {
            Some(n * 10 + u64::from(b.checked_sub(b'0').filter(|d| *d < 10)?))
                .filter(|n| *n < 1 << 20)
        })
    };
    let mut parts = binding_engine::split_ascii(v, b'.').map(|p| number(p).unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    let (major, minor) = (next(), next());
    version(major, minor, next())
}

/// Version `major.minor.patch` as [`bodymovin_version`] gives it.
pub(super) const fn version(major: u64, minor: u64, patch: u64) -> u64 {
    (major << 40) | (minor << 20) | patch
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;
    use crate::lottie::import::import;
    use binding_engine::json;

    #[test]
    fn parent_cycles_are_cut() {
        let doc = json!({ "w": 10, "h": 10, "fr": 30, "ip": 0, "op": 10, "layers": [
            { "ty": 3, "ind": 1, "parent": 2, "nm": "a" },
            { "ty": 3, "ind": 2, "parent": 1, "nm": "b" },
            { "ty": 3, "ind": 3, "parent": 3, "nm": "self" },
            { "ty": 3, "ind": 4, "parent": 1, "nm": "child" }
        ]});
        let comp = import(&doc).unwrap();
        let parents: Vec<_> = comp.layers.iter().map(|l| l.parent).collect();
        assert_eq!(parents, vec![Some(1), None, None, Some(0)]);
        assert_eq!(
            comp.warnings
                .iter()
                .filter(|w| w.code == "parent-cycle")
                .count(),
            2
        );
    }

    #[test]
    fn precomp_cycles_are_cut() {
        let doc = json!({ "w": 10, "h": 10, "fr": 30, "ip": 0, "op": 10,
            "assets": [
                { "id": "a", "layers": [{ "ty": 0, "refId": "b", "nm": "to-b" }] },
                { "id": "b", "layers": [{ "ty": 0, "refId": "a", "nm": "to-a" }] }
            ],
            "layers": [{ "ty": 0, "refId": "a", "nm": "root" }, { "ty": 0, "refId": "zz", "nm": "dangling" }]
        });
        let comp = import(&doc).unwrap();
        assert!(matches!(
            comp.layers[0].kind,
            LayerKind::Precomp { comp: 0, .. }
        ));
        assert!(matches!(comp.layers[1].kind, LayerKind::Null));
        assert!(
            matches!(comp.precomps[1][0].kind, LayerKind::Null),
            "b → a closes the cycle"
        );
        let codes: Vec<_> = comp.warnings.iter().map(|w| w.code).collect();
        assert!(
            codes.contains(&"precomp-cycle") && codes.contains(&"missing-precomp"),
            "{codes:?}"
        );
    }
}
