//! Slots (lottie-spec `sid`): the file's slot values, which a property
//! naming a slot takes instead of its own; and the slots the file uses,
//! with where they are used and whether a binding can set them (a slot
//! read by properties of different kinds, or by one a binding cannot set,
//! cannot be bound).
//!
//! Must never keep more than [`MAX_SLOTS`] ids, nor let the lite build read
//! a slot (slots are a full-player feature).

use binding_engine::json::Value;
use binding_engine::SlotKind;

use super::{Importer, Object, MAX_SLOTS};
use crate::lottie::model::*;

impl<'a> Importer<'a> {
    /// The index of slot `sid` in `slots_used`, added when new (`None` past
    /// [`MAX_SLOTS`]: further slots keep their value but cannot be bound).
    pub(super) fn slot_entry(&mut self, sid: &str) -> Option<usize> {
        if !self.full_only("slots") {
            return None;
        }
        let at = self.slot_ids.partition_point(|(id, _)| id.as_str() < sid);
        if let Some((_, index)) = self.slot_ids.get(at).filter(|(id, _)| id == sid) {
            return Some(*index);
        }
        if self.slots_used.len() >= MAX_SLOTS {
            self.warn("too-many-slots", "slots");
            return None;
        }
        self.slots_used.push(Slot {
            sid: sid.to_owned(),
            kind: SlotKind::Other,
            sites: Vec::new(),
        });
        self.slot_uses.push((0, 0));
        let index = self.slots_used.len() - 1;
        self.slot_ids.insert(at, (sid.to_owned(), index));
        Some(index)
    }

    /// Notes that a property of `kind` at `site`, which a binding can set,
    /// uses the slot `sid` names (if any), and returns the slot's index. A
    /// slot used by properties of different kinds cannot be bound.
    pub(super) fn use_slot(
        &mut self,
        sid: Option<&str>,
        kind: SlotKind,
        site: SlotSite,
    ) -> Option<usize> {
        let index = self.slot_entry(sid?)?;
        let (slot, uses) = (
            self.slots_used.get_mut(index)?,
            self.slot_uses.get_mut(index)?,
        );
        if uses.1 == 0 {
            slot.kind = kind;
        } else if slot.kind != kind {
            slot.kind = SlotKind::Other;
        }
        uses.1 += 1;
        if slot.sites.len() < 1_000 {
            slot.sites.push(site);
        }
        Some(index)
    }

    /// The slot of a solid fill's or stroke's colour (`c`).
    pub(super) fn color_slot(&mut self, obj: &Object, gradient: bool) -> Option<usize> {
        let kind = if gradient {
            SlotKind::Other
        } else {
            SlotKind::Color
        };
        self.use_slot(
            sid_of(obj.get(if gradient { "g" } else { "c" })),
            kind,
            SlotSite::Shape,
        )
    }

    /// The value of slot `sid` when `property` names one the file defines
    /// (lottie-spec slots), borrowed from the file as the property is.
    pub(super) fn slot(&mut self, property: Option<&Value>) -> Option<&'a Value> {
        let sid = property?.get("sid")?.as_str()?;
        if let Some(uses) = self.slot_entry(sid).and_then(|i| self.slot_uses.get_mut(i)) {
            uses.0 += 1;
        }
        let at = self.slots.partition_point(|(id, _)| *id < sid);
        let (_, value) = self.slots.get(at).filter(|(id, _)| *id == sid)?;
        value.get("p")
    }
}

/// The file's slots (`slots`) by id, sorted for binary search: the first
/// [`MAX_SLOTS`] ids (a repeated id: its last value, as JSON objects read).
/// Insertion keeps them sorted, as for precomp ids (`slice::sort` would add
/// kilobytes of wasm for a list the cap keeps short).
pub(super) fn slot_values(root: &Object) -> Vec<(&str, &Value)> {
    let mut slots: Vec<(&str, &Value)> = Vec::new();
    let defined = root.get("slots").and_then(Value::as_object);
    for (sid, value) in defined.into_iter().flat_map(|s| s.iter()) {
        let at = slots.partition_point(|(id, _)| *id < sid.as_str());
        let full = slots.len() >= MAX_SLOTS;
        match slots.get_mut(at).filter(|(id, _)| *id == sid.as_str()) {
            Some(slot) => slot.1 = value,
            None if !full => slots.insert(at, (sid.as_str(), value)),
            None => {}
        }
    }
    slots
}

/// The slot id (`sid`) of a property.
pub(super) fn sid_of(property: Option<&Value>) -> Option<&str> {
    property?.get("sid")?.as_str()
}
