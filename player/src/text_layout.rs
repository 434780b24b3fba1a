//! Text layout that needs measurements: breaking box text (`sz`) into
//! lines the way lottie-web does, character by character. The measuring is
//! the caller's (Canvas2D's measureText in the browser, a fixed width in
//! tests), so this module stays pure and native-testable.

/// Characters that end a line in Lottie text documents.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{3}')
}

/// The lines of point text: broken only where the text says.
pub fn hard_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices().filter(|(_, c)| is_line_break(*c)) {
        lines.push((start, at));
        start = at + c.len_utf8();
    }
    lines.push((start, text.len()));
    lines
}

/// The lines of `text` in a box `width` wide, as byte ranges of `text`.
/// As lottie-web: characters are measured one by one (`measure`, plus
/// `tracking` after each); a line that would overflow breaks at its last
/// space (which is dropped), or before the overflowing character when it
/// has none; spaces never break a line by themselves.
pub fn wrap(
    text: &str,
    width: f64,
    tracking: f64,
    mut measure: impl FnMut(char) -> f64,
) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut line_width = 0.0;
    // The last space of the current line: where it may break.
    let mut last_space: Option<usize> = None;
    for (at, c) in text.char_indices() {
        if is_line_break(c) {
            lines.push((start, at));
            start = at + c.len_utf8();
            line_width = 0.0;
            last_space = None;
            continue;
        }
        if c == ' ' {
            last_space = Some(at);
        }
        let w = measure(c);
        if line_width + w > width && c != ' ' && at > start {
            match last_space {
                Some(space) => {
                    lines.push((start, space));
                    start = space + 1;
                    // Measure the characters after the space again.
                    line_width = text
                        .get(start..at)
                        .map_or(0.0, |s| s.chars().map(|c| measure(c) + tracking).sum());
                }
                None => {
                    lines.push((start, at));
                    start = at;
                    line_width = 0.0;
                }
            }
            last_space = None;
        }
        line_width += w + tracking;
    }
    lines.push((start, text.len()));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, width: f64) -> Vec<&str> {
        wrap(text, width, 0.0, |_| 1.0)
            .into_iter()
            .map(|(a, b)| text.get(a..b).unwrap_or("?"))
            .collect()
    }

    #[test]
    fn breaks_at_the_last_space_that_fits() {
        assert_eq!(lines("Hi Jane Doe", 7.0), ["Hi Jane", "Doe"]);
        assert_eq!(lines("Hi Jane Doe", 100.0), ["Hi Jane Doe"]);
        assert_eq!(
            lines("one two three four", 9.0),
            ["one two", "three", "four"]
        );
    }

    #[test]
    fn long_words_break_where_they_overflow() {
        assert_eq!(lines("abcdefgh", 3.0), ["abc", "def", "gh"]);
    }

    #[test]
    fn hard_breaks_start_new_lines() {
        assert_eq!(lines("a\rb\u{3}c", 10.0), ["a", "b", "c"]);
    }

    #[test]
    fn tracking_counts_after_each_character() {
        let text = "abcd";
        let wrapped = wrap(text, 6.0, 1.0, |_| 1.0);
        assert_eq!(wrapped, [(0, 3), (3, 4)]);
    }

    #[test]
    fn multibyte_text_stays_on_char_boundaries() {
        assert_eq!(lines("日本語 テキスト", 4.0), ["日本語", "テキスト"]);
        assert_eq!(lines("😀😀😀", 2.0), ["😀😀", "😀"]);
    }
}
