//! The keyframe functions of a property, as lottie-web 5.13 computes them
//! (`loopOut`, `loopIn`, `key(n)`, `nearestKey`, `velocityAtTime`): on a
//! property's own keyframes, with its value at any frame given by the
//! caller.
//!
//! Must never index out of range or divide by a zero cycle: a property
//! without keyframes, or a cycle of no length, gives the value as it is.

use crate::expressions::js_rem;
use crate::lottie::animated::Animated;
use crate::lottie::scripted::Numbers;

/// How `loopOut`/`loopIn` repeat.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Loop {
    /// `cycle` (and any other name): the segment again.
    Cycle,
    /// `pingpong`: the segment forward, then backward.
    PingPong,
    /// `offset`: the segment again, shifted by its change each time.
    Offset,
    /// `continue`: on at the last keyframe's velocity.
    Continue,
}

impl Loop {
    /// By its name (any case).
    pub(super) fn named(name: &str) -> Loop {
        match name.to_ascii_lowercase().as_str() {
            "pingpong" => Loop::PingPong,
            "offset" => Loop::Offset,
            "continue" => Loop::Continue,
            _ => Loop::Cycle,
        }
    }
}

/// A call of `loopOut` (`out`) or `loopIn`, or of their `…Duration`
/// forms (`by_duration`): the kind, and the keyframe count or seconds
/// (`amount`; none or 0 means all of them).
#[derive(Clone, Copy, Debug)]
pub(super) struct LoopCall {
    pub(super) out: bool,
    pub(super) kind: Loop,
    pub(super) amount: Option<f64>,
    pub(super) by_duration: bool,
}

/// What the loop gives at `frame`, or `None` where the keyframes play (or
/// there are none): lottie-web's `loopOut`/`loopIn` on the property's
/// values without its expression. `scalar`: the property has one
/// component (lottie-web's `continue` differs for arrays); `layer`: the
/// layer's in and out points.
pub(super) fn looped(
    property: &Animated<Numbers>,
    call: LoopCall,
    frame: f64,
    frame_rate: f64,
    scalar: bool,
    (layer_in, layer_out): (f64, f64),
) -> Option<Numbers> {
    let list = property.keyframes()?;
    let count = list.count();
    let last = count.checked_sub(1)?;
    let (first_time, _) = list.key(0)?;
    let (last_time, _) = list.key(last)?;
    let at = |f: f64| property_at(property, f);
    let amount = call.amount.filter(|a| *a != 0.0 && !a.is_nan());
    // `!duration || duration > keyframes.length - 1`: all of them.
    let keys = amount
        .filter(|n| *n <= last as f64)
        .map_or(last, |n| n.max(0.0) as usize);
    let (start, end) = if call.out {
        if frame <= last_time {
            return None;
        }
        let start = match (call.by_duration, amount) {
            (true, None) => last_time - (last_time - layer_in).max(0.0),
            (true, Some(seconds)) => last_time - (last_time - frame_rate * seconds).abs(),
            (false, _) => list.key(last - keys.min(last))?.0,
        };
        (start, last_time)
    } else {
        if frame >= first_time {
            return None;
        }
        let end = match (call.by_duration, amount) {
            (true, None) => first_time + (layer_out - first_time).max(0.0),
            (true, Some(seconds)) => first_time + (frame_rate * seconds).abs(),
            (false, _) => list.key(keys)?.0,
        };
        (first_time, end)
    };
    let kind = call.kind;
    let cycle = end - start;
    if cycle.is_nan() || cycle <= 0.0 {
        return Some(at(if call.out { end } else { start }));
    }
    let combine = |a: Numbers, b: Numbers, f: &dyn Fn(f64, f64) -> f64| {
        let mut out = a;
        for (o, (x, y)) in out.iter_mut().zip(a.iter().zip(&b)) {
            *o = f(*x, *y);
        }
        out
    };
    Some(if call.out {
        let into = frame - start;
        match kind {
            Loop::PingPong if js_rem((into / cycle).floor(), 2.0) != 0.0 => {
                at(cycle - js_rem(into, cycle) + start)
            }
            Loop::Offset => {
                let (first, last) = (at(start), at(end));
                let current = at(js_rem(into, cycle) + start);
                let repeats = (into / cycle).floor();
                let change = combine(last, first, &|l, f| l - f);
                combine(change, current, &|d, c| d * repeats + c)
            }
            Loop::Continue => {
                let (last, before) = (at(end), at(end - 0.001));
                // lottie-web's own two formulas.
                let rate = if scalar {
                    (frame - end) / 0.001
                } else {
                    (frame - end) / frame_rate / 0.0005
                };
                combine(last, before, &|l, b| l + (l - b) * rate)
            }
            _ => at(js_rem(into, cycle) + start),
        }
    } else {
        let before = start - frame;
        match kind {
            Loop::PingPong if js_rem((before / cycle).floor(), 2.0) == 0.0 => {
                at(js_rem(before, cycle) + start)
            }
            Loop::Offset => {
                let (first, last) = (at(start), at(end));
                let current = at(cycle - js_rem(before, cycle) + start);
                let repeats = (before / cycle).floor() + 1.0;
                let change = combine(last, first, &|l, f| l - f);
                combine(current, change, &|c, d| c - d * repeats)
            }
            Loop::Continue => {
                let (first, after) = (at(start), at(start + 0.001));
                combine(first, after, &|f, a| f + (f - a) * before / 0.001)
            }
            // lottie-web's `cycleDuration - (x % cycleDuration + first)`.
            _ => at(cycle - (js_rem(before, cycle) + start)),
        }
    })
}

/// The property without its expression at `frame`.
pub(super) fn property_at(property: &Animated<Numbers>, frame: f64) -> Numbers {
    match property {
        Animated::Scripted(scripted) => scripted.0.at(frame),
        other => other.at(frame),
    }
}

/// `nearestKey(t)` (`t` in frames): the index (from 1) and time (frames)
/// of the keyframe nearest, as lottie-web finds it.
pub(super) fn nearest_key(property: &Animated<Numbers>, frame: f64) -> (usize, f64) {
    let Some(list) = property.keyframes() else {
        return (0, 0.0);
    };
    let count = list.count();
    let time = |i: usize| list.key(i).map_or(0.0, |(t, _)| t);
    if frame < time(0) {
        return (1, time(0));
    }
    for i in 0..count.saturating_sub(1) {
        let (t, next) = (time(i), time(i + 1));
        if frame == t {
            return (i + 1, t);
        }
        if frame > t && frame < next {
            return if frame - t > next - frame {
                (i + 2, next)
            } else {
                (i + 1, t)
            };
        }
    }
    let last = count.saturating_sub(1);
    (last + 1, time(last))
}
