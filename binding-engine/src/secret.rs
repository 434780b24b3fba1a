//! `SecretText`: a string that holds (or may hold) a viewer's personal data.
//!
//! Owns the rule that personal text is wiped from memory when dropped, and
//! never printed: its `Debug` shows only the length.

use std::fmt;
use std::ops::Deref;

/// Text that may contain personal data. Wiped on drop; `Debug` is redacted.
#[derive(Default, PartialEq, Eq)]
pub struct SecretText(String);

impl SecretText {
    /// Takes ownership of `text`; the caller's copy is moved, not duplicated.
    pub fn new(text: String) -> Self {
        Self(text)
    }

    /// The text, for drawing. Do not copy it into anything long-lived.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Deref for SecretText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretText(<{} bytes>)", self.0.len())
    }
}

impl Drop for SecretText {
    fn drop(&mut self) {
        // Overwrite the whole allocation, not just the length in use, so no
        // earlier longer content survives either. black_box keeps the stores.
        let mut bytes = std::mem::take(&mut self.0).into_bytes();
        let capacity = bytes.capacity();
        bytes.clear();
        bytes.resize(capacity, 0);
        std::hint::black_box(&mut bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_does_not_show_the_text() {
        let secret = SecretText::new("Jane Canary".to_owned());
        let shown = format!("{secret:?}");
        assert!(!shown.contains("Jane"), "{shown}");
        assert!(shown.contains("11 bytes"), "{shown}");
    }

    #[test]
    fn derefs_to_the_text() {
        let secret = SecretText::new("Hi".to_owned());
        assert_eq!(&*secret, "Hi");
        assert_eq!(secret.expose(), "Hi");
    }
}
