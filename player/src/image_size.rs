//! The pixel size an encoded image declares in its header (PNG, GIF, JPEG,
//! WebP), read from its first bytes before anything decodes it, so that a
//! viewer's image too large to decode safely (a small file can declare
//! 60000 × 60000 pixels) is refused without decoding it. Pure: tested
//! natively. Other formats give `None`, and the browser's decoder decides.

/// How many leading bytes [`declared_size`] may need (a JPEG's size comes
/// after its metadata segments).
pub const HEADER_BYTES: usize = 256 * 1024;

/// Width and height as the image's header declares them.
pub fn declared_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |at: usize| {
        Some(u32::from(u16::from_be_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let le16 = |at: usize| {
        Some(u32::from(u16::from_le_bytes([
            *bytes.get(at)?,
            *bytes.get(at + 1)?,
        ])))
    };
    let be32 = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le32 = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le24 = |at: usize| Some(le16(at)? | (u32::from(*bytes.get(at + 2)?) << 16));
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        return Some((be32(16)?, be32(20)?));
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some((le16(6)?, le16(8)?));
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return match bytes.get(12..16)? {
            b"VP8 " => Some((le16(26)? & 0x3fff, le16(28)? & 0x3fff)),
            b"VP8L" => {
                let bits = le32(21)?;
                Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
            }
            b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
            _ => None,
        };
    }
    if bytes.starts_with(&[0xff, 0xd8]) {
        // Segments until a start of frame (SOF0–SOF15 but DHT, JPG, DAC).
        let mut at = 2;
        while let (Some(0xff), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) {
            if marker == 0xff {
                at += 1; // fill byte
                continue;
            }
            let length = be16(at + 2)? as usize;
            if (0xc0..=0xcf).contains(&marker) && !matches!(marker, 0xc4 | 0xc8 | 0xcc) {
                return Some((be16(at + 7)?, be16(at + 5)?));
            }
            if marker == 0xda || length < 2 {
                return None; // the scan starts: no frame header before it
            }
            at += 2 + length;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_size_each_format_declares() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&60_000u32.to_be_bytes());
        png.extend_from_slice(&300u32.to_be_bytes());
        assert_eq!(declared_size(&png), Some((60_000, 300)));

        let gif = b"GIF89a\x40\x01\xf0\x00";
        assert_eq!(declared_size(gif), Some((320, 240)));

        // A JPEG with an APP1 segment before its SOF2 (progressive) header.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe1, 0x00, 0x04, 0xaa, 0xbb];
        jpeg.extend_from_slice(&[0xff, 0xc2, 0x00, 0x11, 0x08, 0x04, 0x38, 0x07, 0x80]);
        assert_eq!(declared_size(&jpeg), Some((1920, 1080)));
        // The huffman table marker (C4) is not a frame header.
        let dht = [0xff, 0xd8, 0xff, 0xc4, 0x00, 0x02, 0xff, 0xda, 0x00, 0x02];
        assert_eq!(declared_size(&dht), None);

        let mut lossy = b"RIFF\0\0\0\0WEBPVP8 \0\0\0\0\0\0\0\x9d\x01\x2a".to_vec();
        lossy.extend_from_slice(&[0x80, 0x02, 0xe0, 0x01]);
        assert_eq!(declared_size(&lossy), Some((640, 480)));
        let mut extended = b"RIFF\0\0\0\0WEBPVP8X\0\0\0\0\0\0\0\0".to_vec();
        extended.extend_from_slice(&[0x5f, 0xea, 0x00, 0x5f, 0xea, 0x00]);
        assert_eq!(declared_size(&extended), Some((60_000, 60_000)));
        let mut lossless = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        lossless.extend_from_slice(&(99u32 | (49 << 14)).to_le_bytes());
        assert_eq!(declared_size(&lossless), Some((100, 50)));
    }

    #[test]
    fn truncated_or_unknown_bytes_declare_nothing() {
        for bytes in [
            &b""[..],
            b"\x89PNG\r\n\x1a\n",
            b"GIF89a\x01",
            b"\xff\xd8\xff",
            b"RIFF\0\0\0\0WEBPVP8 ",
            b"<svg/>",
        ] {
            assert_eq!(declared_size(bytes), None, "{bytes:?}");
        }
    }
}
