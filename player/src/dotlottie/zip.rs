//! Reading a zip archive (a .lottie file) from its bytes: the end of
//! central directory, the central directory, and each entry's stored or
//! deflated data (inflated by `miniz_oxide`), checked against its declared
//! size and CRC-32.
//!
//! Owns the caps on hostile archives: at most [`MAX_ENTRIES`] entries,
//! [`MAX_ENTRY_BYTES`] inflated per entry and [`MAX_TOTAL_BYTES`] in all
//! (a zip bomb stops at the cap, never allocates past it). Names must be
//! plain relative paths (no `..`, no leading `/`, no `\`, no drive).
//! Must never panic or index past a slice on any input, never touch a file
//! system, and never put a byte of the archive into an error: an
//! [`ImportError`] has a stable code (`not-a-zip`, `zip-corrupt`,
//! `zip-unsupported`, `zip-encrypted`, `zip-too-large`, `zip-bad-name`,
//! `zip-duplicate`) and at most an entry's name.

/// The most entries an archive may have (directories included).
pub const MAX_ENTRIES: usize = 1000;
/// The largest entry, inflated.
pub const MAX_ENTRY_BYTES: usize = 32 * 1024 * 1024;
/// The most bytes all entries may inflate to together.
pub const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

use super::ImportError;

/// One file of the archive, inflated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path in the archive.
    pub name: String,
    /// Its bytes.
    pub data: Vec<u8>,
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

fn u16_at(bytes: &[u8], at: usize) -> Option<usize> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(usize::from(u16::from_le_bytes([*b.first()?, *b.get(1)?])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *b.first()?,
        *b.get(1)?,
        *b.get(2)?,
        *b.get(3)?,
    ]))
}

fn usize_at(bytes: &[u8], at: usize) -> Option<usize> {
    usize::try_from(u32_at(bytes, at)?).ok()
}

/// The offset of the end of central directory record: the last one in the
/// final 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
fn find_eocd(bytes: &[u8]) -> Option<usize> {
    let last = bytes.len().checked_sub(22)?;
    let first = last.saturating_sub(0xffff);
    (first..=last)
        .rev()
        .find(|&at| u32_at(bytes, at) == Some(EOCD))
}

/// Every file of the archive `bytes`, in central directory order
/// (directories left out), or the first reason it cannot be read.
pub fn read(bytes: &[u8]) -> Result<Vec<Entry>, ImportError> {
    let corrupt = |name: &str| ImportError::new("zip-corrupt", name);
    if u32_at(bytes, 0) != Some(LOCAL) && u32_at(bytes, 0) != Some(EOCD) {
        return Err(ImportError::new("not-a-zip", ""));
    }
    let eocd = find_eocd(bytes).ok_or_else(|| ImportError::new("not-a-zip", ""))?;
    let count = u16_at(bytes, eocd + 10).ok_or_else(|| corrupt(""))?;
    let offset = u32_at(bytes, eocd + 16).ok_or_else(|| corrupt(""))?;
    if offset == u32::MAX || count == 0xffff {
        // Zip64: no .lottie is that large.
        return Err(ImportError::new("zip-unsupported", ""));
    }
    if count > MAX_ENTRIES {
        return Err(ImportError::new("zip-too-large", ""));
    }
    let mut at = usize::try_from(offset).map_err(|_| corrupt(""))?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        if u32_at(bytes, at) != Some(CENTRAL) {
            return Err(corrupt(""));
        }
        let field = |off: usize| u16_at(bytes, at + off).ok_or_else(|| corrupt(""));
        let flags = field(8)?;
        let method = field(10)?;
        let name_len = field(28)?;
        let extra_len = field(30)?;
        let comment_len = field(32)?;
        let crc = u32_at(bytes, at + 16).ok_or_else(|| corrupt(""))?;
        let packed = usize_at(bytes, at + 20).ok_or_else(|| corrupt(""))?;
        let size = usize_at(bytes, at + 24).ok_or_else(|| corrupt(""))?;
        let local = usize_at(bytes, at + 42).ok_or_else(|| corrupt(""))?;
        let name = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or_else(|| corrupt(""))?;
        let name = std::str::from_utf8(name).map_err(|_| ImportError::new("zip-bad-name", ""))?;
        at += 46 + name_len + extra_len + comment_len;
        if name.ends_with('/') {
            continue;
        }
        if !plain_name(name) {
            return Err(ImportError::new("zip-bad-name", name));
        }
        if entries.iter().any(|e| e.name == name) {
            return Err(ImportError::new("zip-duplicate", name));
        }
        if flags & 1 != 0 {
            return Err(ImportError::new("zip-encrypted", name));
        }
        if size > MAX_ENTRY_BYTES || total.saturating_add(size) > MAX_TOTAL_BYTES {
            return Err(ImportError::new("zip-too-large", name));
        }
        let data = entry_data(bytes, local, packed).ok_or_else(|| corrupt(name))?;
        let data = match method {
            0 if packed == size => data.to_vec(),
            0 => return Err(corrupt(name)),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, size)
                .map_err(|_| corrupt(name))?,
            _ => return Err(ImportError::new("zip-unsupported", name)),
        };
        if data.len() != size || crc32(&data) != crc {
            return Err(corrupt(name));
        }
        total += size;
        entries.push(Entry {
            name: name.to_owned(),
            data,
        });
    }
    Ok(entries)
}

/// The `packed` bytes of the entry whose local header is at `local`.
fn entry_data(bytes: &[u8], local: usize, packed: usize) -> Option<&[u8]> {
    if u32_at(bytes, local) != Some(LOCAL) {
        return None;
    }
    let start = local
        .checked_add(30)?
        .checked_add(u16_at(bytes, local + 26)?)?
        .checked_add(u16_at(bytes, local + 28)?)?;
    bytes.get(start..start.checked_add(packed)?)
}

/// Whether `name` is a plain relative path: segments not empty, `.` or
/// `..`, no `\`, no `:` (a drive, a URL scheme), no control character.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.contains(|c: char| c == '\\' || c == ':' || c.is_control())
        && name
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// The CRC-32 (IEEE) of `data`, as zip stores it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xedb8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A zip archive of `files` (name, data), each deflated when `deflate`
/// (else stored): what tests and tools need to build .lottie files.
pub fn write(files: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let packed = if deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if deflate { 8 } else { 0 };
        let crc = crc32(data);
        let offset = u32::try_from(out.len()).unwrap_or(u32::MAX);
        let sizes = [
            u32::try_from(packed.len()).unwrap_or(u32::MAX),
            u32::try_from(data.len()).unwrap_or(u32::MAX),
        ];
        let name_len = u16::try_from(name.len()).unwrap_or(u16::MAX);
        let mut header = Vec::new();
        header.extend_from_slice(&20u16.to_le_bytes()); // version needed
        header.extend_from_slice(&0u16.to_le_bytes()); // flags
        header.extend_from_slice(&method.to_le_bytes());
        header.extend_from_slice(&[0, 0, 0x21, 0]); // time, date (1980-01-01)
        header.extend_from_slice(&crc.to_le_bytes());
        header.extend_from_slice(&sizes[0].to_le_bytes());
        header.extend_from_slice(&sizes[1].to_le_bytes());
        header.extend_from_slice(&name_len.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes()); // extra
        out.extend_from_slice(&LOCAL.to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&packed);
        central.extend_from_slice(&CENTRAL.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        central.extend_from_slice(&header);
        central.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
        central.extend_from_slice(&[0; 4]); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let offset = u32::try_from(out.len()).unwrap_or(u32::MAX);
    let count = u16::try_from(files.len()).unwrap_or(u16::MAX);
    let size = u32::try_from(central.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&central);
    out.extend_from_slice(&EOCD.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disks
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(&[0; 2]); // comment
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::*;

    fn code(bytes: &[u8]) -> &'static str {
        read(bytes).unwrap_err().code
    }

    #[test]
    fn stored_and_deflated_entries_read_back() {
        let text = "hello lottie ".repeat(100);
        for deflate in [false, true] {
            let zip = write(
                &[("manifest.json", b"{}"), ("a/x.json", text.as_bytes())],
                deflate,
            );
            let entries = read(&zip).unwrap();
            assert_eq!(entries.len(), 2);
            assert_eq!(entries[0].name, "manifest.json");
            assert_eq!(entries[1].data, text.as_bytes());
        }
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn hostile_archives_get_codes_never_panics() {
        let good = write(&[("a.json", b"{\"v\":1}"), ("b.json", &[7; 300])], true);
        assert_eq!(code(b""), "not-a-zip");
        assert_eq!(code(b"{\"v\": \"5.7\"}"), "not-a-zip");
        // Truncated anywhere: an error, never a panic.
        for len in 0..good.len() {
            assert!(read(&good[..len]).is_err(), "{len}");
        }
        // Every byte flipped: whatever it reads, it never panics.
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x5a;
            let _ = read(&bad);
        }
        // Lying sizes: the declared inflated size of an entry is wrong.
        let mut lying = good;
        let central = lying.len() - 22 - (46 + 6) * 2;
        lying[central + 24] = lying[central + 24].wrapping_add(1);
        assert_eq!(code(&lying), "zip-corrupt");
        // Path traversal and absolute names.
        for name in [
            "../evil.json",
            "/etc/passwd",
            "a/../../b",
            "C:\\x",
            "a\\..\\b",
        ] {
            let zip = write(&[(name, b"x")], false);
            let error = read(&zip).unwrap_err();
            assert_eq!((error.code, error.name.as_str()), ("zip-bad-name", name));
        }
        let twice = write(&[("a", b"1"), ("a", b"2")], false);
        assert_eq!(code(&twice), "zip-duplicate");
    }

    #[test]
    fn zip_bombs_stop_at_the_caps() {
        // 40 MiB of zeros deflates to about 40 KB; over the entry cap.
        let zeros = vec![0u8; MAX_ENTRY_BYTES + 1];
        let bomb = write(&[("a/bomb.json", &zeros)], true);
        assert!(bomb.len() < 100_000);
        assert_eq!(code(&bomb), "zip-too-large");
        // Under the entry cap each, over the total together.
        let part = vec![0u8; MAX_ENTRY_BYTES];
        let files: Vec<(String, &[u8])> =
            (0..3).map(|i| (format!("i/{i}.png"), &part[..])).collect();
        let files: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), *d)).collect();
        assert_eq!(code(&write(&files, true)), "zip-too-large");
        // A size that lies low: inflating stops at the declared size.
        let mut liar = write(&[("a.json", &[1u8; 5000])], true);
        let central = liar.len() - 22 - 46 - 6;
        liar[central + 24..central + 28].copy_from_slice(&10u32.to_le_bytes());
        assert_eq!(code(&liar), "zip-corrupt");
        // Too many entries.
        let many: Vec<(String, &[u8])> = (0..=MAX_ENTRIES)
            .map(|i| (format!("f{i}"), &b""[..]))
            .collect();
        let many: Vec<(&str, &[u8])> = many.iter().map(|(n, d)| (n.as_str(), *d)).collect();
        assert_eq!(code(&write(&many, false)), "zip-too-large");
    }
}
