//! The viewer's images: the bytes a host passes in INIT `data` for the
//! manifest's `image` fields (a Blob, an ArrayBuffer, a typed array or an
//! ImageBitmap, copied by postMessage's structured clone), decoded with
//! `createImageBitmap` before binding.
//!
//! Owns the size limits (the field's `maxBytes`, [`MAX_IMAGE_SIDE`]) and
//! the rule that an image is only ever decoded from bytes already in the
//! page: a string (a URL) is never fetched, it is a `wrong-type`. Decoded
//! bitmaps are personal data: the stage closes them when the data goes.

use binding_engine::{DataSource, DataValue, FieldType, Manifest};
use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ImageBitmap, Window};

use crate::image_size::HEADER_BYTES;

/// The widest and tallest image the player decodes, in pixels: a photo
/// never needs more on a card, and a larger bitmap costs memory for nothing.
pub(crate) const MAX_IMAGE_SIDE: u32 = 4096;

/// The outcome for one image field: the engine's view of it.
enum Outcome {
    /// Decoded: the index into [`ViewerImages::bitmaps`].
    Image(usize),
    TooLarge,
    Invalid,
}

/// The decoded images of one INIT, by field.
#[derive(Default)]
pub(crate) struct ViewerImages {
    fields: Vec<(String, Outcome)>,
    /// The bitmaps, numbered as the binding engine passes them on.
    pub(crate) bitmaps: Vec<ImageBitmap>,
}

impl std::fmt::Debug for ViewerImages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ViewerImages({})", self.bitmaps.len())
    }
}

impl ViewerImages {
    /// Reads and decodes the image fields of `data` (own properties only).
    /// Values that are not image bytes are left to the binding engine,
    /// which refuses them by field (`wrong-type`).
    pub(crate) async fn decode(window: &Window, fields: &[(String, u32)], data: &JsValue) -> Self {
        let mut images = Self::default();
        let Some(object) = data.dyn_ref::<Object>() else {
            return images;
        };
        for (name, max_bytes) in fields {
            let key = JsValue::from_str(name);
            if !Object::has_own(object, &key) {
                continue;
            }
            let Ok(value) = Reflect::get(object, &key) else {
                continue;
            };
            let outcome = match decode_one(window, &value, *max_bytes).await {
                Some(Ok(bitmap)) => {
                    images.bitmaps.push(bitmap);
                    Outcome::Image(images.bitmaps.len() - 1)
                }
                Some(Err(outcome)) => outcome,
                None => continue,
            };
            images.fields.push((name.clone(), outcome));
        }
        images
    }

    /// The image fields of `data` that hold an `ImageBitmap` already (the
    /// designer preview decodes its files itself): no waiting.
    #[cfg(feature = "frame")]
    pub(crate) fn from_bitmaps(fields: &[(String, u32)], data: &JsValue) -> Self {
        let mut images = Self::default();
        for (name, _) in fields {
            let value = Reflect::get(data, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
            if let Some(bitmap) = value.dyn_ref::<ImageBitmap>() {
                let outcome = match checked(bitmap.clone()) {
                    Ok(bitmap) => {
                        images.bitmaps.push(bitmap);
                        Outcome::Image(images.bitmaps.len() - 1)
                    }
                    Err(outcome) => outcome,
                };
                images.fields.push((name.clone(), outcome));
            }
        }
        images
    }

    /// Closes every decoded bitmap (the data went before it was bound).
    pub(crate) fn close(self) {
        for bitmap in self.bitmaps {
            bitmap.close();
        }
    }

    /// The image fields of `manifest`: name and `maxBytes`.
    pub(crate) fn fields_of(manifest: &Manifest) -> Vec<(String, u32)> {
        let images = manifest
            .fields
            .iter()
            .filter(|f| f.kind == FieldType::Image);
        images.map(|f| (f.name.clone(), f.max_bytes)).collect()
    }

    /// `data` with the image fields answered from these images.
    pub(crate) fn over<'a>(&'a self, data: &'a dyn DataSource) -> impl DataSource + 'a {
        WithImages { images: self, data }
    }
}

struct WithImages<'a> {
    images: &'a ViewerImages,
    data: &'a dyn DataSource,
}

impl DataSource for WithImages<'_> {
    fn field(&self, name: &str, max_chars: u32) -> DataValue {
        match self.images.fields.iter().find(|(n, _)| n == name) {
            Some((_, Outcome::Image(i))) => DataValue::Image(*i),
            Some((_, Outcome::TooLarge)) => DataValue::ImageTooLarge,
            Some((_, Outcome::Invalid)) => DataValue::ImageInvalid,
            None => self.data.field(name, max_chars),
        }
    }
}

/// One field's value decoded: `None` when it is not image bytes at all.
async fn decode_one(
    window: &Window,
    value: &JsValue,
    max_bytes: u32,
) -> Option<Result<ImageBitmap, Outcome>> {
    let max_bytes = f64::from(max_bytes);
    let bitmap = if let Some(bitmap) = value.dyn_ref::<ImageBitmap>() {
        // Already decoded (structured clone gave the player its own copy).
        Ok(bitmap.clone())
    } else {
        let blob = if let Some(blob) = value.dyn_ref::<Blob>() {
            blob.clone()
        } else if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
            if f64::from(buffer.byte_length()) > max_bytes {
                return Some(Err(Outcome::TooLarge));
            }
            Blob::new_with_buffer_source_sequence(&Array::of1(buffer)).ok()?
        } else if ArrayBuffer::is_view(value) {
            let length = Reflect::get(value, &JsValue::from_str("byteLength")).ok()?;
            if length.as_f64().is_none_or(|n| n > max_bytes) {
                return Some(Err(Outcome::TooLarge));
            }
            Blob::new_with_buffer_source_sequence(&Array::of1(value)).ok()?
        } else {
            return None;
        };
        if blob.size() > max_bytes {
            return Some(Err(Outcome::TooLarge));
        }
        // The size its header declares, before anything decodes it: a small
        // file can declare an image of gigabytes.
        if let Some((width, height)) = declared_size(&blob).await {
            if width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE {
                return Some(Err(Outcome::TooLarge));
            }
        }
        match window.create_image_bitmap_with_blob(&blob) {
            Ok(promise) => match JsFuture::from(promise).await {
                Ok(bitmap) => bitmap
                    .dyn_into::<ImageBitmap>()
                    .map_err(|_| Outcome::Invalid),
                Err(_) => Err(Outcome::Invalid),
            },
            Err(_) => Err(Outcome::Invalid),
        }
    };
    Some(bitmap.and_then(checked))
}

/// The width and height `blob`'s header declares (PNG, GIF, JPEG, WebP).
async fn declared_size(blob: &Blob) -> Option<(u32, u32)> {
    let head = blob.slice_with_i32_and_i32(0, HEADER_BYTES as i32).ok()?;
    let bytes = JsFuture::from(head.array_buffer()).await.ok()?;
    crate::image_size::declared_size(&Uint8Array::new(&bytes).to_vec())
}

/// `bitmap` within [`MAX_IMAGE_SIDE`] and not empty.
fn checked(bitmap: ImageBitmap) -> Result<ImageBitmap, Outcome> {
    if bitmap.width() > MAX_IMAGE_SIDE || bitmap.height() > MAX_IMAGE_SIDE {
        bitmap.close();
        Err(Outcome::TooLarge)
    } else if bitmap.width() == 0 || bitmap.height() == 0 {
        Err(Outcome::Invalid)
    } else {
        Ok(bitmap)
    }
}
