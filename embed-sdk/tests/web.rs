//! In headless Chromium (wasm-bindgen-test): what `mount` puts on the host
//! page, what it refuses, and that a forged READY from another window gets
//! nothing. The full handshake with the real player is in tests/e2e.test.mjs.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests")]

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use percus_embed::mount;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlIFrameElement};

wasm_bindgen_test_configure!(run_in_browser);

fn holder() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (k, v) in pairs {
        Reflect::set(&obj, &JsValue::from_str(k), v).unwrap();
    }
    obj.into()
}

fn valid_options() -> JsValue {
    let data = options(&[("first_name", JsValue::from_str("Jane"))]);
    options(&[
        (
            "player",
            JsValue::from_str("https://player.percus.example/player.html"),
        ),
        ("template", JsValue::from_str("greeting")),
        ("data", data),
        ("title", JsValue::from_str("Your video")),
    ])
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
fn mount_creates_a_sandboxed_lazy_iframe_for_the_player() {
    let element = holder();
    let _embed = mount(&element, &valid_options()).unwrap();
    let iframe: HtmlIFrameElement = element.first_element_child().unwrap().dyn_into().unwrap();
    assert_eq!(iframe.title(), "Your video");
    assert_eq!(
        iframe.get_attribute("sandbox").as_deref(),
        Some("allow-scripts allow-same-origin")
    );
    assert_eq!(
        iframe.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(iframe.get_attribute("loading").as_deref(), Some("lazy"));
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let src = iframe.src();
    assert!(
        src.starts_with("https://player.percus.example/player.html?template=greeting#host="),
        "{src}"
    );
    assert!(
        src.ends_with(&String::from(js_sys::encode_uri_component(&origin))),
        "{src}"
    );
    assert!(!src.contains("Jane"), "data never goes into the URL: {src}");
}

#[wasm_bindgen_test]
fn mount_refuses_bad_options() {
    let element = holder();
    let data = options(&[]);
    let cases = [
        JsValue::UNDEFINED,
        options(&[("template", "greeting".into()), ("data", data.clone())]),
        options(&[
            ("player", "https://p.example/player.html".into()),
            ("data", data.clone()),
        ]),
        options(&[
            ("player", "https://p.example/player.html".into()),
            ("template", "greeting".into()),
        ]),
        options(&[
            ("player", "javascript:alert(1)".into()),
            ("template", "g".into()),
            ("data", data.clone()),
        ]),
        options(&[
            ("player", "data:text/html,x".into()),
            ("template", "g".into()),
            ("data", data.clone()),
        ]),
        options(&[
            ("player", "https://p.example/player.html".into()),
            ("template", "g".into()),
            ("data", data.clone()),
            ("autoplay", "yes".into()),
        ]),
        options(&[
            ("player", "https://p.example/player.html".into()),
            ("template", "g".into()),
            ("data", data.clone()),
            ("links", options(&[("open", "yes".into())])),
        ]),
        options(&[
            ("player", "https://p.example/player.html".into()),
            ("template", "g".into()),
            ("data", data),
            (
                "links",
                options(&[("origins", "https://bank.example".into())]),
            ),
        ]),
    ];
    for case in cases {
        assert!(mount(&element, &case).is_err());
    }
    assert!(
        element.first_element_child().is_none(),
        "no iframe was left behind"
    );
}

#[wasm_bindgen_test]
async fn a_forged_ready_from_another_window_is_ignored() {
    let element = holder();
    let embed = mount(&element, &valid_options()).unwrap();
    let seen = Rc::new(Cell::new(0));
    let counter = Rc::clone(&seen);
    let callback = Closure::<dyn Fn(JsValue)>::new(move |_| counter.set(counter.get() + 1));
    embed.on(
        "ready",
        callback
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone(),
    );
    // This window is neither the iframe's window nor at the player's origin.
    let window = web_sys::window().unwrap();
    let ready = options(&[("type", "PERCUS/READY".into()), ("protocol", 1.into())]);
    window.post_message(&ready, "*").unwrap();
    sleep(200).await;
    assert_eq!(seen.get(), 0);
    embed.destroy();
}

#[wasm_bindgen_test]
fn destroy_removes_the_iframe_and_is_idempotent() {
    let element = holder();
    let embed = mount(&element, &valid_options()).unwrap();
    assert!(element.first_element_child().is_some());
    embed.destroy();
    embed.destroy();
    assert!(element.first_element_child().is_none());
}
