//! Loads a template package from the template store (`templates/<id>/`
//! beside player.html): manifest, animation, captions, fonts, images. Owns every network
//! request the player makes, and the rule that none of them depends on a
//! viewer's data: everything is fetched before READY, so before any data.

use binding_engine::json::decimal;
use binding_engine::{Manifest, Problem};
use js_sys::{Array, ArrayBuffer, Map, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
#[cfg(feature = "full")]
use web_sys::HtmlVideoElement;
use web_sys::{
    Blob, FontFace, FontFaceDescriptors, HtmlImageElement, ReferrerPolicy, RequestCredentials,
    RequestInit, Response, Url, Window,
};

use super::best_effort::BestEffort;
#[cfg(feature = "full")]
use super::video::Video;

use crate::protocol::PlayerError;
use crate::template::{Template, MANIFEST_FILE};

/// Largest manifest read, in bytes.
const MAX_MANIFEST_BYTES: usize = 1024 * 1024;

/// A template with its images decoded (by index into the composition's)
/// and its background video ready to play.
pub(crate) struct Loaded {
    pub(crate) template: Template,
    pub(crate) images: Vec<(usize, HtmlImageElement)>,
    /// (Not in the lite build: its drop glue alone is 700 bytes.)
    #[cfg(feature = "full")]
    pub(crate) video: Option<Video>,
}

/// Where a template's files come from: the package's folder in the
/// template store, and the files already fetched for it (`files`, from
/// player-boot.js: the manifest it read for the `player` hint, and the
/// files the manifest names and its fonts and images, fetched while the
/// wasm loads), by URL. A file that is not there (its fetch failed, or
/// player-boot.js does not fetch its kind) is fetched here and not added:
/// a lite player hands over to the full one before it has fetched anything
/// but the animation, which player-boot.js fetches ahead, so only an
/// animation whose fetch ahead failed is fetched again by the full one.
struct Package<'a> {
    window: &'a Window,
    base: String,
    files: Option<Map>,
}

/// Fetches and checks the template `id`, and loads its fonts and images.
/// `files` (a `Map` of URL to `ArrayBuffer`, or anything else for none):
/// see [`Package`].
pub(crate) async fn load_template(
    window: &Window,
    id: &str,
    files: JsValue,
) -> Result<Loaded, PlayerError> {
    let pkg = &Package {
        window,
        base: String::from("templates/") + id + "/",
        files: files.dyn_into::<Map>().ok(),
    };
    // The manifest is the root of trust: every other file must be listed in
    // it with its size and SHA-256, and is checked before use.
    let manifest = fetch_bytes(pkg, MANIFEST_FILE, MAX_MANIFEST_BYTES).await?;
    // The full build keeps the text for the actions and chapters (the
    // lite one never reads them: a String held across the awaits below
    // costs its state machine 400 bytes).
    #[cfg(feature = "full")]
    let manifest_json = utf8(&manifest)?;
    let manifest = Template::parse_manifest(&utf8(&manifest)?)?;
    if !crate::FULL && crate::template::full_only(&manifest).is_some() {
        return Err(PlayerError::code(crate::lottie::NEEDS_FULL));
    }
    let animation = checked(
        pkg,
        &manifest,
        &manifest.animation,
        crate::lottie::MAX_FILE_BYTES,
    )
    .await?;
    let captions = manifest.captions.clone();
    let mut template = Template::new(manifest, &utf8(&animation)?)?;
    drop(animation);
    // Actions and chapters: never in the lite build (`full_only` above).
    #[cfg(feature = "full")]
    {
        template = template.with_interaction(&manifest_json)?;
        drop(manifest_json);
    }
    if let Some(path) = captions {
        let vtt = checked(
            pkg,
            &template.manifest,
            &path,
            crate::captions::MAX_CAPTIONS_BYTES,
        )
        .await?;
        template = template.with_captions(&utf8(&vtt)?)?;
    }
    load_fonts(pkg, &template).await?;
    let images = load_images(pkg, &template).await?;
    // The video: never in the lite build (`template::full_only` above).
    // `cfg`, not `crate::FULL`: a branch of an async fn stays in its state
    // machine even when it cannot run.
    #[cfg(feature = "full")]
    let video = match template.manifest.video.clone() {
        Some(path) => Some(load_video(pkg, &template, &path).await?),
        None => None,
    };
    Ok(Loaded {
        template,
        images,
        #[cfg(feature = "full")]
        video,
    })
}

/// Largest video file of a package, in bytes.
#[cfg(feature = "full")]
const MAX_VIDEO_BYTES: usize = 64 * 1024 * 1024;

/// The package's background video, checked, in the page's `<video>`.
#[cfg(feature = "full")]
async fn load_video(
    pkg: &Package<'_>,
    template: &Template,
    path: &str,
) -> Result<Video, PlayerError> {
    let element = pkg
        .window
        .document()
        .and_then(|d| d.get_element_by_id("video"))
        .and_then(|e| e.dyn_into::<HtmlVideoElement>().ok())
        .ok_or_else(|| PlayerError::code("video-invalid"))?;
    let bytes = checked(pkg, &template.manifest, path, MAX_VIDEO_BYTES).await?;
    let video = Video::load(element.clone(), &bytes).await?;
    element.set_hidden(false);
    Ok(video)
}

/// Decodes every image the animation uses: embedded data URIs and checked
/// files of the package (through object URLs, revoked once decoded), all
/// before READY. One that fails to decode is drawn as nothing.
async fn load_images(
    pkg: &Package<'_>,
    template: &Template,
) -> Result<Vec<(usize, HtmlImageElement)>, PlayerError> {
    let Some(document) = pkg.window.document() else {
        return Ok(Vec::new());
    };
    let mut pending = Vec::new();
    for (index, image) in template.composition.images.iter().enumerate() {
        let (url, object_url) = match (&image.source, &image.file) {
            (Some(data), _) => (data.clone(), false),
            (None, Some(file)) => {
                let bytes = checked(pkg, &template.manifest, file, MAX_IMAGE_BYTES).await?;
                let parts = Array::of1(&bytes);
                let Some(url) = Blob::new_with_buffer_source_sequence(&parts)
                    .ok()
                    .and_then(|blob| Url::create_object_url_with_blob(&blob).ok())
                else {
                    continue;
                };
                (url, true)
            }
            (None, None) => continue,
        };
        let Some(element) = document
            .create_element("img")
            .ok()
            .and_then(|e| e.dyn_into::<HtmlImageElement>().ok())
        else {
            continue;
        };
        element.set_src(&url);
        pending.push((index, element, object_url.then_some(url)));
    }
    let mut decoded = Vec::with_capacity(pending.len());
    for (index, element, object_url) in pending {
        let ok = JsFuture::from(element.decode()).await.is_ok();
        if let Some(url) = object_url {
            Url::revoke_object_url(&url).best_effort();
        }
        if ok {
            decoded.push((index, element));
        }
    }
    Ok(decoded)
}

/// Largest image file of a package, in bytes.
const MAX_IMAGE_BYTES: usize = 16 * 1024 * 1024;
/// Largest font file of a package, in bytes.
const MAX_FONT_BYTES: usize = 8 * 1024 * 1024;

/// `path` of the package, after checking it is listed in the manifest and
/// that its bytes have the listed size and SHA-256.
async fn checked(
    pkg: &Package<'_>,
    manifest: &Manifest,
    path: &str,
    max_bytes: usize,
) -> Result<ArrayBuffer, PlayerError> {
    let problem = |code: &'static str| PlayerError {
        code,
        field: None,
        problems: vec![Problem {
            code,
            path: String::from("assets"),
            name: path.to_owned(),
        }],
    };
    let asset = manifest
        .asset(path)
        .ok_or_else(|| problem("asset-unlisted"))?;
    if asset.size as usize > max_bytes {
        return Err(PlayerError::code("template-too-large"));
    }
    // `path` passed is_package_path: it stays inside the package.
    let bytes = fetch_bytes(pkg, path, max_bytes).await?;
    if bytes.byte_length() != asset.size || sha256_hex(pkg.window, &bytes).await? != asset.sha256 {
        return Err(problem("asset-integrity"));
    }
    Ok(bytes)
}

/// The SHA-256 of `bytes` in lower-case hex, by SubtleCrypto.
async fn sha256_hex(window: &Window, bytes: &ArrayBuffer) -> Result<String, PlayerError> {
    let unavailable = || PlayerError::code("asset-integrity");
    let promise = window
        .crypto()
        .map_err(|_| unavailable())?
        .subtle()
        .digest_with_str_and_buffer_source("SHA-256", bytes)
        .map_err(|_| unavailable())?;
    let digest = JsFuture::from(promise).await.map_err(|_| unavailable())?;
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = String::with_capacity(64);
    for byte in Uint8Array::new(&digest).to_vec() {
        for nibble in [byte >> 4, byte & 15] {
            hex.push(char::from(
                HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
    Ok(hex)
}

/// The text of a fetched file (templates are UTF-8).
fn utf8(bytes: &ArrayBuffer) -> Result<String, PlayerError> {
    String::from_utf8(Uint8Array::new(bytes).to_vec())
        .map_err(|_| PlayerError::code("template-fetch"))
}

/// File `path` of the package: from `files` when it was fetched already,
/// else fetched.
async fn fetch_bytes(
    pkg: &Package<'_>,
    path: &str,
    max_bytes: usize,
) -> Result<ArrayBuffer, PlayerError> {
    let url = pkg.base.clone() + path;
    let key = JsValue::from_str(&url);
    // player-boot.js puts only ArrayBuffers in `files`.
    let known = pkg.files.as_ref().map(|files| files.get(&key));
    if let Some(bytes) = known.filter(|v| !v.is_undefined()) {
        let bytes: ArrayBuffer = bytes.unchecked_into();
        if bytes.byte_length() as usize > max_bytes {
            return Err(PlayerError::code("template-too-large"));
        }
        return Ok(bytes);
    }
    fetch_url(pkg.window, &url, max_bytes).await
}

async fn fetch_url(
    window: &Window,
    url: &str,
    max_bytes: usize,
) -> Result<ArrayBuffer, PlayerError> {
    let init = RequestInit::new();
    init.set_credentials(RequestCredentials::Omit);
    init.set_referrer_policy(ReferrerPolicy::NoReferrer);
    let fetch_error = || PlayerError::code("template-fetch");
    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| fetch_error())?
        .dyn_into::<Response>()
        .map_err(|_| fetch_error())?;
    if response.status() == 404 {
        return Err(PlayerError::code("template-not-found"));
    }
    if !response.ok() {
        return Err(fetch_error());
    }
    let bytes = JsFuture::from(response.array_buffer().map_err(|_| fetch_error())?)
        .await
        .map_err(|_| fetch_error())?
        .dyn_into::<ArrayBuffer>()
        .map_err(|_| fetch_error())?;
    if bytes.byte_length() as usize > max_bytes {
        return Err(PlayerError::code("template-too-large"));
    }
    Ok(bytes)
}

/// Loads every font file the animation declares, in full (no unicode-range
/// subsets, so no later request can depend on which characters the data
/// uses), from checked bytes. A font the browser cannot use falls back to
/// the system's sans-serif.
async fn load_fonts(pkg: &Package<'_>, template: &Template) -> Result<(), PlayerError> {
    let Some(document) = pkg.window.document() else {
        return Ok(());
    };
    let set = document.fonts();
    let loads = Array::new();
    for font in &template.composition.fonts {
        let Some(file) = &font.file else { continue };
        let bytes = checked(pkg, &template.manifest, file, MAX_FONT_BYTES).await?;
        let descriptors = FontFaceDescriptors::new();
        descriptors.set_weight(&decimal(i64::from(font.weight)));
        descriptors.set_style(if font.italic { "italic" } else { "normal" });
        let Ok(face) =
            FontFace::new_with_array_buffer_and_descriptors(&font.family, &bytes, &descriptors)
        else {
            continue;
        };
        // Refused (a face already in a CSS rule, never ours): the text
        // falls back, as for a font the browser cannot use.
        set.add(&face).best_effort();
        if let Ok(promise) = face.load() {
            loads.push(&promise);
        }
    }
    // allSettled: one broken font must not stop the others.
    JsFuture::from(Promise::all_settled(&loads))
        .await
        .best_effort();
    Ok(())
}
