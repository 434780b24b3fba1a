//! Loads a template package from the template store (`templates/<id>/`
//! beside player.html): manifest, animation, fonts, images. Owns every network
//! request the player makes, and the rule that none of them depends on a
//! viewer's data: everything is fetched before READY, so before any data.

use js_sys::{Array, Promise};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    FontFace, FontFaceDescriptors, HtmlImageElement, ReferrerPolicy, RequestCredentials,
    RequestInit, Response, Window,
};

use crate::lottie::Font;
use crate::protocol::PlayerError;
use crate::template::{Template, MANIFEST_FILE};

/// Largest manifest read, in bytes.
const MAX_MANIFEST_BYTES: usize = 1024 * 1024;

/// A template with its images decoded (by index into the composition's).
pub(crate) struct Loaded {
    pub(crate) template: Template,
    pub(crate) images: Vec<(usize, HtmlImageElement)>,
}

/// Fetches and checks the template `id`, and loads its fonts and images.
pub(crate) async fn load_template(window: &Window, id: &str) -> Result<Loaded, PlayerError> {
    let base = String::from("templates/") + id + "/";
    let manifest = fetch_text(window, &(base.clone() + MANIFEST_FILE), MAX_MANIFEST_BYTES).await?;
    let manifest = Template::parse_manifest(&manifest)?;
    let animation = fetch_text(
        window,
        &(base.clone() + &manifest.animation),
        crate::lottie::MAX_FILE_BYTES,
    )
    .await?;
    let template = Template::new(manifest, &animation)?;
    drop(animation);
    load_fonts(window, &base, &template.composition.fonts).await;
    let images = load_images(window, &base, &template.composition.images).await;
    Ok(Loaded { template, images })
}

/// Decodes every image the animation uses: embedded data URIs and files of
/// the package, all before READY. One that fails to decode is drawn as
/// nothing.
async fn load_images(
    window: &Window,
    base: &str,
    images: &[crate::lottie::Image],
) -> Vec<(usize, HtmlImageElement)> {
    let Some(document) = window.document() else {
        return Vec::new();
    };
    let mut pending = Vec::new();
    for (index, image) in images.iter().enumerate() {
        let url = match (&image.source, &image.file) {
            (Some(data), _) => data.clone(),
            // `file` passed is_package_path: it stays inside the package.
            (None, Some(file)) => String::from(base) + file,
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
        pending.push((index, element));
    }
    let mut decoded = Vec::with_capacity(pending.len());
    for (index, element) in pending {
        if JsFuture::from(element.decode()).await.is_ok() {
            decoded.push((index, element));
        }
    }
    decoded
}

async fn fetch_text(window: &Window, url: &str, max_bytes: usize) -> Result<String, PlayerError> {
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
    let text = JsFuture::from(response.text().map_err(|_| fetch_error())?)
        .await
        .map_err(|_| fetch_error())?
        .as_string()
        .ok_or_else(fetch_error)?;
    if text.len() > max_bytes {
        return Err(PlayerError::code("template-too-large"));
    }
    Ok(text)
}

/// Loads every font file the animation declares, in full (no unicode-range
/// subsets, so no later request can depend on which characters the data
/// uses). A font that fails to load falls back to the system's sans-serif.
async fn load_fonts(window: &Window, base: &str, fonts: &[Font]) {
    let Some(document) = window.document() else {
        return;
    };
    let set = document.fonts();
    let loads = Array::new();
    for font in fonts {
        let Some(file) = &font.file else { continue };
        let descriptors = FontFaceDescriptors::new();
        descriptors.set_weight(&font.weight.to_string());
        descriptors.set_style(if font.italic { "italic" } else { "normal" });
        // `file` passed is_package_path: only [A-Za-z0-9._-/], safe in url("").
        let source = String::from("url(\"") + base + file + "\")";
        let Ok(face) = FontFace::new_with_str_and_descriptors(&font.family, &source, &descriptors)
        else {
            continue;
        };
        let _ = set.add(&face);
        if let Ok(promise) = face.load() {
            loads.push(&promise);
        }
    }
    // allSettled: one broken font must not stop the others.
    let _ = JsFuture::from(Promise::all_settled(&loads)).await;
}
