//! Counting and splitting strings, small: what the manifest, the data and
//! the player need of `str` without the parts of core that cost the shipped
//! wasm kilobytes for the few short strings handled here.
//!
//! Owns nothing but these helpers; uses nothing else of the crate, so every
//! module may use it. Never logs, and never keeps or copies the text it is
//! given (it may be a viewer's).

/// How many characters (Unicode scalar values) `text` has: `chars().count()`
/// without core's word-at-a-time counter, which is most of a kilobyte of
/// shipped wasm for strings that are short here.
pub fn char_count(text: &str) -> usize {
    // Every byte but a UTF-8 continuation byte (0b10xx_xxxx) starts one.
    text.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Whether `text` has more than `max` characters.
pub(crate) fn char_count_exceeds(text: &str, max: u32) -> bool {
    // Bytes bound chars from above: skip the count for short strings.
    text.len() > max as usize && char_count(text) > max as usize
}

/// Where `needle` first occurs in `haystack` (a byte offset; UTF-8 makes
/// every match a character boundary): a byte-window scan, without
/// `str::find`'s two-way searcher (a kilobyte of shipped wasm).
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    (0..(h.len() + 1).saturating_sub(n.len())).find(|&i| h.get(i..i + n.len()) == Some(n))
}

/// `text` split at every `separator` (an ASCII byte, so every piece is
/// whole characters): `str::split` without core's pattern searchers, which
/// cost the shipped wasm a kilobyte for the few short strings split here.
pub fn split_ascii(text: &str, separator: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match current.bytes().position(|b| b == separator) {
            Some(at) => {
                rest = current.get(at + 1..);
                current.get(..at)
            }
            None => rest.take(),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_as_str_find() {
        for (hay, needle) in [
            ("", ""),
            ("abc", ""),
            ("abc", "c"),
            ("abcabc", "ca"),
            ("ab", "abc"),
            ("Zoë", "ë"),
            ("x", "y"),
        ] {
            assert_eq!(super::find(hay, needle), hay.find(needle), "{hay} {needle}");
        }
    }

    #[test]
    fn counts_scalar_values() {
        for text in ["", "Jane", "Zoë", "日本語", "👩‍👩‍👧", "e\u{301}"] {
            assert_eq!(super::char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn splits_like_str_split() {
        for text in ["", "-", "a", "en-US", "-a--b-", "zoë-日本"] {
            let ours: Vec<&str> = super::split_ascii(text, b'-').collect();
            assert_eq!(ours, text.split('-').collect::<Vec<_>>(), "{text}");
        }
    }
}
