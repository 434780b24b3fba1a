//! The player's global allocator in the browser: talc, wrapped so that
//! every block is zeroed when it is freed, and so is the old block of
//! every reallocation.
//!
//! Why: a viewer's data passes through many short-lived buffers (the
//! strings of INIT's fields as the glue copies them in, formatted amounts
//! and dates, fitted and cut texts, a frame's evaluated colours and
//! numbers, display lists). Types that hold data on purpose wipe
//! themselves (`SecretText`, `Overrides`), but a freed buffer keeps its
//! bytes until something else is written there, and wasm memory never
//! shrinks: after DESTROY, a scan of the player's memory found the bound
//! amount and percent as f64 values (issue 21). Zeroing on free makes
//! "nothing is kept after use" hold for every heap copy, including the
//! ones nobody thought of. Cost: one `memory.fill` per free, about 0.05 to
//! 0.15 ms a frame (docs/benchmarks.md, "Since issue 21"). Owns nothing
//! else; never reads what it wipes.
//! The shadow stack is scrubbed separately, on DESTROY ([`scrub_stack`]).

use core::alloc::{GlobalAlloc, Layout};

/// `A`, zeroing every block it frees.
#[derive(Debug)]
pub struct Wiping<A>(pub A);

#[allow(unsafe_code, reason = "a global allocator is an unsafe trait")]
// SAFETY: every call is forwarded to `A` with the same arguments; the
// only extra work writes zeros into a block its caller gave up, before
// `A` takes it back.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Wiping<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, forwarded.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, forwarded.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` is a live block of `layout.size()` bytes that the
        // caller no longer uses (GlobalAlloc::dealloc's contract).
        unsafe { core::ptr::write_bytes(ptr, 0, layout.size()) };
        // The zeros must reach memory: nothing reads the block again, so
        // the optimiser could otherwise drop the writes as dead.
        core::hint::black_box(ptr);
        // SAFETY: the caller's contract, forwarded.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    // `realloc` is GlobalAlloc's default on purpose: a new block, a copy,
    // then `dealloc` of the old one, which wipes it. talc's own realloc
    // grows and shrinks in place and would free a moved block, or a
    // shrunk tail, unwiped.
}

/// One frame of [`scrub_stack`]'s recursion, in bytes.
const SCRUB_CHUNK: usize = 16 * 1024;
/// The lowest bytes of memory, never scrubbed: rustc lays the shadow stack
/// (256 KiB in shipped builds, scripts/toolchain/build.sh) out first,
/// growing down towards address 0, and no call goes deeper than 78 KiB
/// (docs/limits.md); build.sh's `--low-memory-unused` relies on the lowest
/// KB staying unused too.
const SCRUB_FLOOR: usize = 32 * 1024;

/// Zeroes the unused shadow stack below the caller, down to
/// `SCRUB_FLOOR` (32 KiB): the spilled locals of earlier, deeper calls (a frame's
/// evaluated numbers and colours, a binding's formatted amounts) stay
/// there until something overwrites them. About 200 KiB of stores from
/// a shallow caller (an event handler).
#[inline(never)]
pub fn scrub_stack() {
    let here = 0u8;
    // The address of a local: how far down the stack goes from here.
    let depth = core::ptr::addr_of!(here) as usize;
    core::hint::black_box(&here);
    scrub(depth.saturating_sub(SCRUB_FLOOR) / SCRUB_CHUNK);
}

#[inline(never)]
fn scrub(chunks: usize) {
    if chunks == 0 {
        return;
    }
    let mut chunk = [0u8; SCRUB_CHUNK];
    // Written, and seen to be used: the zeros are really stored.
    core::hint::black_box(&mut chunk);
    scrub(chunks - 1);
    core::hint::black_box(&chunk);
}
