//! Pixel maths of the Canvas2D backend, on a context's pixels read back:
//! luma mattes to alpha, and the tint and tritone effects. Owns the colour
//! curves (sRGB and linear light without `powf`). Works only within the
//! rectangle it is given (a group's drawn box), never reads a pixel
//! outside it, and never keeps one.

use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, ImageData};

use crate::display_list::Filter;
use crate::web::best_effort::BestEffort;

/// Turns a luma matte into an alpha matte, in place: alpha becomes the
/// luminance of the (premultiplied) colour, as SVG's luminanceToAlpha, or its
/// complement for an inverted matte; within `rect` (x, y, width, height).
pub(super) fn luminance_to_alpha(ctx: &CanvasRenderingContext2d, rect: [f64; 4], inverted: bool) {
    let [x, y, width, height] = rect;
    let Ok(image) = ctx.get_image_data(x, y, width, height) else {
        return;
    };
    let mut data = image.data().0;
    for pixel in data.chunks_exact_mut(4) {
        if let [r, g, b, a] = pixel {
            let luma = (0.2125 * f64::from(*r) + 0.7154 * f64::from(*g) + 0.0721 * f64::from(*b))
                * f64::from(*a)
                / 255.0;
            let alpha = if inverted { 255.0 - luma } else { luma };
            *a = alpha.round().clamp(0.0, 255.0) as u8;
        }
    }
    let (w, h) = (width as u32, height as u32);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w, h) {
        ctx.put_image_data(&image, x, y).best_effort();
    }
}

/// Tint and tritone, pixel by pixel, as lottie-web's SVG filters compute
/// them: brightness is the mean of the linear-light channels; the colour
/// maps work on its sRGB value; tint's layers merge in linear light.
/// Within `rect` (x, y, width, height).
pub(super) fn map_pixels(ctx: &CanvasRenderingContext2d, rect: [f64; 4], filter: &Filter) {
    let [x, y, width, height] = rect;
    let Ok(image) = ctx.get_image_data(x, y, width, height) else {
        return;
    };
    let mut data = image.data().0;
    let unit = |v: u8| f64::from(v) / 255.0;
    let byte = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    for pixel in data.chunks_exact_mut(4) {
        let [r, g, b, a] = pixel else {
            continue;
        };
        if *a == 0 {
            continue;
        }
        let source = [
            to_linear(unit(*r)),
            to_linear(unit(*g)),
            to_linear(unit(*b)),
        ];
        let grey_linear = (source[0] + source[1] + source[2]) * 0.3333;
        let grey = to_srgb(grey_linear);
        let out = match filter {
            Filter::Tritone {
                shadows,
                midtones,
                highlights,
            } => {
                let (from, to, t) = if grey < 0.5 {
                    (shadows, midtones, grey * 2.0)
                } else {
                    (midtones, highlights, grey * 2.0 - 1.0)
                };
                [
                    from.r + (to.r - from.r) * t,
                    from.g + (to.g - from.g) * t,
                    from.b + (to.b - from.b) * t,
                ]
            }
            Filter::Tint {
                black,
                white,
                amount,
            } => {
                // The source, then the grey, then the mapped grey over it,
                // both at `amount`, premultiplied, in linear light.
                let alpha = unit(*a);
                let top = alpha * amount;
                let mapped = [
                    black.r + (white.r - black.r) * grey,
                    black.g + (white.g - black.g) * grey,
                    black.b + (white.b - black.b) * grey,
                ];
                let mut merged = [0.0; 3];
                let under = top + alpha * (1.0 - top);
                let coverage = top + under * (1.0 - top);
                for (i, m) in merged.iter_mut().enumerate() {
                    let s = source.get(i).copied().unwrap_or(0.0) * alpha;
                    let over_grey = grey_linear * top + s * (1.0 - top);
                    let top_colour = to_linear(mapped.get(i).copied().unwrap_or(0.0));
                    *m = to_srgb((top_colour * top + over_grey * (1.0 - top)) / coverage);
                }
                *a = byte(coverage);
                merged
            }
            _ => return,
        };
        *r = byte(out[0]);
        *g = byte(out[1]);
        *b = byte(out[2]);
    }
    let (w, h) = (width as u32, height as u32);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&data), w, h) {
        ctx.put_image_data(&image, x, y).best_effort();
    }
}

/// sRGB to linear light, by a cubic close to the exact curve (within 0.5%),
/// so that no `powf` reaches the wasm.
fn to_linear(v: f64) -> f64 {
    v * (v * (v * 0.305_306_011 + 0.682_171_111) + 0.012_522_878)
}

/// Linear light to sRGB, by nested square roots close to the exact curve.
fn to_srgb(v: f64) -> f64 {
    let s1 = v.max(0.0).sqrt();
    let s2 = s1.sqrt();
    let s3 = s2.sqrt();
    (0.585_122_381 * s1 + 0.783_140_355 * s2 - 0.368_262_736 * s3).clamp(0.0, 1.0)
}
