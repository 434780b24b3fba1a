//! In headless Chromium (wasm-bindgen-test): the Canvas2D backend draws a
//! frame into a real canvas, checked pixel by pixel.

#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "tests"
)]

use std::rc::Rc;

use binding_engine::SecretText;
use player::lottie::Composition;
use player::overrides::Overrides;
use player::web::Stage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

// The expression engine's numbers in the wasm player (JS's conversions).
#[cfg(feature = "expressions")]
#[path = "web/numbers.rs"]
mod numbers;

/// 100×100 composition: a red 40×40 square at (10, 10) and a text layer.
const SCENE: &str = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
    {"ty":5,"nm":"Greeting","ks":{"p":{"k":[50,80]}},
     "t":{"d":{"k":[{"t":0,"s":{"t":"","s":18,"fc":[0,0,1],"j":2}}]}}},
    {"ty":4,"nm":"Square","shapes":[{"ty":"gr","it":[
        {"ty":"rc","p":{"k":[30,30]},"s":{"k":[40,40]},"r":{"k":0}},
        {"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}},
        {"ty":"tr"}]}]}
]}"##;

fn canvas(css_width: u32, css_height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document
        .create_element("canvas")
        .unwrap()
        .dyn_into()
        .unwrap();
    let style = format!("width:{css_width}px;height:{css_height}px;display:block");
    canvas.set_attribute("style", &style).unwrap();
    document.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

/// The scene, a laid-out canvas of that CSS size, and a stage on it.
fn stage(css_width: u32, css_height: u32) -> (Composition, HtmlCanvasElement, Stage, Overrides) {
    stage_for(SCENE, css_width, css_height)
}

/// `json`'s composition, a laid-out canvas of that CSS size, and a stage on it.
fn stage_for(
    json: &str,
    css_width: u32,
    css_height: u32,
) -> (Composition, HtmlCanvasElement, Stage, Overrides) {
    let comp = Composition::from_json(json).unwrap();
    let canvas = canvas(css_width, css_height);
    let stage = Stage::new(canvas.clone(), &comp).unwrap();
    let texts = Overrides::new(comp.text_slots);
    (comp, canvas, stage, texts)
}

fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx.get_image_data(x, y, 1.0, 1.0).unwrap().data().0;
    [data[0], data[1], data[2], data[3]]
}

fn blue_pixels(canvas: &HtmlCanvasElement) -> usize {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let data = ctx.get_image_data(0.0, 0.0, w, h).unwrap().data().0;
    data.chunks(4)
        .filter(|p| p[2] > 128 && p[0] < 100 && p[3] > 128)
        .count()
}

#[wasm_bindgen_test]
fn draws_shapes_at_their_place() {
    let (comp, canvas, mut stage, texts) = stage(100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!((canvas.width(), canvas.height()), (100, 100));
    assert_eq!(
        pixel(&canvas, 30.0, 30.0),
        [255, 0, 0, 255],
        "inside the square"
    );
    assert_eq!(
        pixel(&canvas, 5.0, 5.0),
        [0, 0, 0, 0],
        "outside: transparent"
    );
    assert_eq!(
        pixel(&canvas, 55.0, 30.0),
        [0, 0, 0, 0],
        "right of the square"
    );
}

#[wasm_bindgen_test]
fn scales_to_fit_and_follows_the_pixel_ratio() {
    // 200×100 CSS pixels at ratio 2: 400×200 backing store, the 100×100
    // composition scaled ×2 and centred with 100 px bars on each side.
    let (comp, canvas, mut stage, texts) = stage(200, 100);
    stage.draw(&comp, 0.0, &texts, None, 2.0);
    assert_eq!((canvas.width(), canvas.height()), (400, 200));
    assert_eq!(pixel(&canvas, 100.0 + 60.0, 60.0), [255, 0, 0, 255]);
    assert_eq!(pixel(&canvas, 90.0, 60.0), [0, 0, 0, 0], "left bar");
    assert_eq!(
        pixel(&canvas, 100.0 + 100.0, 60.0),
        [0, 0, 0, 0],
        "just right of the square"
    );
}

#[wasm_bindgen_test]
fn draws_the_bound_text() {
    let (comp, canvas, mut stage, mut texts) = stage(100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!(blue_pixels(&canvas), 0, "the template's own text is empty");
    texts.set(0, Rc::new(SecretText::new("WWW".to_owned())), None);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert!(
        blue_pixels(&canvas) > 40,
        "the bound text is drawn: {}",
        blue_pixels(&canvas)
    );
}

#[wasm_bindgen_test]
fn track_mattes_cut_the_layer_offscreen() {
    // A red square (0..40) under an alpha matte covering x < 20 (two fills:
    // a matte of one opaque fill is a clip, the next test), and a luma
    // matte (black left, white right) on a blue square below it.
    let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {"ty":4,"nm":"alpha matte","ind":1,"td":1,"shapes":[
            {"ty":"gr","it":[{"ty":"rc","p":{"k":[10,10]},"s":{"k":[20,20]},"r":{"k":0}},{"ty":"fl","c":{"k":[0,0,0,1]},"o":{"k":100}}]},
            {"ty":"gr","it":[{"ty":"rc","p":{"k":[10,30]},"s":{"k":[20,20]},"r":{"k":0}},{"ty":"fl","c":{"k":[0,0,0,1]},"o":{"k":100}}]}]},
        {"ty":1,"nm":"red","ind":2,"tt":1,"sc":"#ff0000","sw":40,"sh":40},
        {"ty":4,"nm":"luma matte","ind":3,"td":1,"shapes":[
            {"ty":"rc","p":{"k":[25,75]},"s":{"k":[50,50]},"r":{"k":0}},{"ty":"fl","c":{"k":[0,0,0,1]},"o":{"k":100}},
            {"ty":"rc","p":{"k":[75,75]},"s":{"k":[50,50]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,1,1,1]},"o":{"k":100}}]},
        {"ty":1,"nm":"blue","ind":4,"tt":3,"ks":{"p":{"k":[0,50]}},"sc":"#0000ff","sw":100,"sh":50}
    ]}"##;
    let (comp, canvas, mut stage, texts) = stage_for(json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!(
        pixel(&canvas, 10.0, 10.0),
        [255, 0, 0, 255],
        "inside the alpha matte"
    );
    assert_eq!(
        pixel(&canvas, 30.0, 10.0),
        [0, 0, 0, 0],
        "outside the alpha matte"
    );
    assert_eq!(
        pixel(&canvas, 75.0, 75.0),
        [0, 0, 255, 255],
        "under white luma"
    );
    assert_eq!(pixel(&canvas, 25.0, 75.0), [0, 0, 0, 0], "under black luma");
}

#[wasm_bindgen_test]
fn an_alpha_matte_of_one_opaque_fill_cuts_as_a_clip() {
    // A red square (0..40) under an alpha matte of one opaque fill covering
    // x < 20, y < 30: drawn as a clip to the matte's path, over a green
    // layer that must show beside it; the clip ends with the layer, so the
    // blue layer above is whole.
    let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {"ty":1,"nm":"blue","ind":4,"ks":{"p":{"k":[50,50]}},"sc":"#0000ff","sw":20,"sh":20},
        {"ty":1,"nm":"alpha matte","ind":1,"td":1,"sc":"#000000","sw":20,"sh":30},
        {"ty":1,"nm":"red","ind":2,"tt":1,"sc":"#ff0000","sw":40,"sh":40},
        {"ty":1,"nm":"green","ind":3,"sc":"#00ff00","sw":100,"sh":100}
    ]}"##;
    let (comp, canvas, mut stage, texts) = stage_for(json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    let expected = [
        (10.0, 10.0, [255, 0, 0, 255], "inside the matte"),
        (30.0, 10.0, [0, 255, 0, 255], "beside it"),
        (10.0, 35.0, [0, 255, 0, 255], "below it"),
        (30.0, 30.0, [0, 255, 0, 255], "the layer below"),
        (65.0, 65.0, [0, 0, 255, 255], "the layer above"),
    ];
    for (x, y, color, what) in expected {
        assert_eq!(pixel(&canvas, x, y), color, "{what}");
    }
}

#[wasm_bindgen_test]
fn offscreen_groups_leave_nothing_behind_between_frames() {
    // Two squares under a whole-frame alpha matte (two fills, so that it
    // is drawn in groups, not as a clip): at frame 0 both at the centre,
    // from frame 5 in opposite corners. The group's box at frame 5 spans
    // the centre, where its canvas held frame 0's pixels: reused, it must
    // have been cleared there.
    let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {"ty":4,"nm":"matte","ind":1,"td":1,"shapes":[
            {"ty":"gr","it":[{"ty":"rc","p":{"k":[50,25]},"s":{"k":[100,50]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,1,1,1]},"o":{"k":100}}]},
            {"ty":"gr","it":[{"ty":"rc","p":{"k":[50,75]},"s":{"k":[100,50]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,1,1,1]},"o":{"k":100}}]}]},
        {"ty":4,"nm":"squares","ind":2,"tt":1,"shapes":[
            {"ty":"rc","p":{"a":1,"k":[{"t":0,"s":[50,50],"h":1},{"t":5,"s":[10,10]}]},"s":{"k":[10,10]},"r":{"k":0}},
            {"ty":"rc","p":{"a":1,"k":[{"t":0,"s":[50,50],"h":1},{"t":5,"s":[90,90]}]},"s":{"k":[10,10]},"r":{"k":0}},
            {"ty":"fl","c":{"k":[1,0,0,1]},"o":{"k":100}}]}
    ]}"##;
    let (comp, canvas, mut stage, texts) = stage_for(json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!(
        pixel(&canvas, 50.0, 50.0),
        [255, 0, 0, 255],
        "frame 0: centre"
    );
    stage.draw(&comp, 5.0, &texts, None, 1.0);
    assert_eq!(
        pixel(&canvas, 50.0, 50.0),
        [0, 0, 0, 0],
        "frame 5: nothing left at the centre"
    );
    assert_eq!(
        pixel(&canvas, 10.0, 10.0),
        [255, 0, 0, 255],
        "frame 5: top left"
    );
    assert_eq!(
        pixel(&canvas, 90.0, 90.0),
        [255, 0, 0, 255],
        "frame 5: bottom right"
    );
}

#[wasm_bindgen_test]
fn an_inverted_luma_matte_shows_the_layer_wherever_the_matte_drew_nothing() {
    // The matte draws a white square in the middle only; the red layer
    // covers the frame. Inverted luma: hidden under white, shown where the
    // matte's canvas holds nothing (outside the box of what it drew).
    let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {"ty":4,"nm":"matte","ind":1,"td":1,"shapes":[
            {"ty":"rc","p":{"k":[50,50]},"s":{"k":[20,20]},"r":{"k":0}},{"ty":"fl","c":{"k":[1,1,1,1]},"o":{"k":100}}]},
        {"ty":1,"nm":"red","ind":2,"tt":4,"sc":"#ff0000","sw":100,"sh":100}
    ]}"##;
    let (comp, canvas, mut stage, texts) = stage_for(json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!(pixel(&canvas, 50.0, 50.0), [0, 0, 0, 0], "under white");
    assert_eq!(
        pixel(&canvas, 10.0, 10.0),
        [255, 0, 0, 255],
        "where the matte drew nothing"
    );
    assert_eq!(
        pixel(&canvas, 90.0, 50.0),
        [255, 0, 0, 255],
        "right of the matte's square"
    );
}

#[wasm_bindgen_test]
fn a_blur_takes_in_what_is_drawn_beyond_the_frame() {
    // Red solids blurred (blurriness 20: a standard deviation of 6 px). The
    // first reaches 50 px past every edge of the frame: its blur is solid
    // red up to the edges, as lottie-web's SVG filter sees what lies
    // outside the frame. The second ends at the frame's edges: they fade.
    let blurred = |size: u32| {
        format!(
            r##"{{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
            {{"ty":1,"nm":"red","sc":"#ff0000","sw":{size},"sh":{size},
              "ks":{{"p":{{"k":[50,50]}},"a":{{"k":[{half},{half}]}}}},
              "ef":[{{"ty":29,"ef":[{{"v":{{"k":20}}}},{{"v":{{"k":1}}}}]}}]}}
        ]}}"##,
            half = size / 2
        )
    };
    let (comp, canvas, mut stage, texts) = stage_for(&blurred(200), 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    for (x, y) in [(0.0, 0.0), (99.0, 50.0), (50.0, 99.0)] {
        assert_eq!(pixel(&canvas, x, y), [255, 0, 0, 255], "at ({x}, {y})");
    }
    let (comp, canvas, mut stage, texts) = stage_for(&blurred(100), 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    let [_, _, _, corner] = pixel(&canvas, 0.0, 0.0);
    assert!(
        corner < 160,
        "a corner of a solid that ends there: alpha {corner}"
    );
    assert_eq!(pixel(&canvas, 50.0, 50.0), [255, 0, 0, 255], "the middle");
}

#[wasm_bindgen_test]
fn a_fill_effect_at_half_opacity_is_its_colour_at_half_alpha() {
    // A green solid with the Fill effect (red, opacity 0.5): lottie-web's
    // SVG filter makes it red with the layer's alpha halved, so over white
    // it is pink, with no green left in it (it came out olive when the
    // fill itself was drawn at half alpha over the green).
    let json = r##"{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {"ty":1,"nm":"green","sc":"#00ff00","sw":60,"sh":60,"ks":{},
         "ef":[{"ty":21,"ef":[{"v":{"k":0}},{"v":{"k":0}},{"v":{"k":[1,0,0,1]}},
           {"v":{"k":0}},{"v":{"k":0}},{"v":{"k":0}},{"v":{"k":0.5}}]}]},
        {"ty":1,"nm":"white","sc":"#ffffff","sw":100,"sh":100,"ks":{}}
    ]}"##;
    let (comp, canvas, mut stage, texts) = stage_for(json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    let [r, g, b, a] = pixel(&canvas, 30.0, 30.0);
    assert_eq!((r, a), (255, 255), "red over white, opaque");
    for (channel, value) in [("green", g), ("blue", b)] {
        assert!(
            value.abs_diff(128) <= 2,
            "{channel} {value}: half of white's, none of the layer's own"
        );
    }
    assert_eq!(pixel(&canvas, 80.0, 80.0), [255, 255, 255, 255], "outside");
}

#[wasm_bindgen_test]
fn an_inverted_mask_keeps_what_lottie_webs_svg_renderer_keeps() {
    // A red square from -40 to 40 in its layer's space, placed at the
    // frame's centre, with an inverted mask from -10 to 10. lottie-web's
    // SVG renderer keeps the layer only within the composition's size from
    // the layer's (0, 0) (the frame's lower right quarter here), and the
    // mask's path cuts a hole only where it winds against that rectangle:
    // drawn the other way round, it cuts none. The same with the mask at
    // half opacity, which Percus draws as an alpha matte instead of a clip.
    let layer = |points: &str, opacity: u32| {
        format!(
            r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
            {{"ty":4,"nm":"masked","ks":{{"p":{{"k":[50,50]}}}},"hasMask":true,
              "masksProperties":[{{"mode":"a","inv":true,"o":{{"k":{opacity}}},"x":{{"k":0}},
                "pt":{{"k":{{"i":[[0,0],[0,0],[0,0],[0,0]],"o":[[0,0],[0,0],[0,0],[0,0]],
                  "v":[{points}],"c":true}}}}}}],
              "shapes":[{{"ty":"gr","it":[
                {{"ty":"rc","p":{{"k":[0,0]}},"s":{{"k":[80,80]}},"r":{{"k":0}}}},
                {{"ty":"fl","c":{{"k":[1,0,0,1]}},"o":{{"k":100}}}},
                {{"ty":"tr"}}]}}]}}]}}"#
        )
    };
    // Against the rectangle (which runs right, down, left, up): a hole.
    let against = "[-10,-10],[-10,10],[10,10],[10,-10]";
    let along = "[-10,-10],[10,-10],[10,10],[-10,10]";
    for opacity in [100, 50] {
        let red = [255, 0, 0, if opacity == 100 { 255 } else { 128 }];
        let (comp, canvas, mut stage, texts) = stage_for(&layer(against, opacity), 100, 100);
        stage.draw(&comp, 0.0, &texts, None, 1.0);
        let near = |[r, g, b, a]: [u8; 4], [er, eg, eb, ea]: [u8; 4]| {
            [
                r.abs_diff(er),
                g.abs_diff(eg),
                b.abs_diff(eb),
                a.abs_diff(ea),
            ]
            .iter()
            .all(|d| *d <= 2)
        };
        let at = |x, y| pixel(&canvas, x, y);
        assert!(
            near(at(75.0, 75.0), red),
            "{opacity}: kept: {:?}",
            at(75.0, 75.0)
        );
        assert_eq!(at(25.0, 25.0), [0, 0, 0, 0], "{opacity}: before (0, 0)");
        assert_eq!(at(25.0, 75.0), [0, 0, 0, 0], "{opacity}: left of x 0");
        assert_eq!(at(55.0, 55.0), [0, 0, 0, 0], "{opacity}: the hole");
        let (comp, canvas, mut stage, texts) = stage_for(&layer(along, opacity), 100, 100);
        stage.draw(&comp, 0.0, &texts, None, 1.0);
        let whole = pixel(&canvas, 55.0, 55.0);
        assert!(near(whole, red), "{opacity}: no hole: {whole:?}");
        assert_eq!(
            pixel(&canvas, 25.0, 25.0),
            [0, 0, 0, 0],
            "{opacity}: before (0, 0)"
        );
    }
}

#[wasm_bindgen_test]
fn masks_combine_in_their_order() {
    // A red solid over the whole frame with a subtract (the top left
    // quarter) and then an add (the middle): the add shows again what the
    // subtract took, as in After Effects and lottie-web; clips, which only
    // narrow, would keep only the middle without the subtracted part.
    let square = |mode: &str, from: u32, to: u32| {
        format!(
            r#"{{"mode":"{mode}","o":{{"k":100}},"x":{{"k":0}},"pt":{{"k":{{"i":[[0,0],[0,0],[0,0],[0,0]],
              "o":[[0,0],[0,0],[0,0],[0,0]],"v":[[{from},{from}],[{to},{from}],[{to},{to}],[{from},{to}]],"c":true}}}}}}"#
        )
    };
    let json = format!(
        r##"{{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[
        {{"ty":1,"nm":"red","sc":"#ff0000","sw":100,"sh":100,"ks":{{}},"hasMask":true,
          "masksProperties":[{},{}]}}]}}"##,
        square("s", 0, 50),
        square("a", 25, 75)
    );
    let (comp, canvas, mut stage, texts) = stage_for(&json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    assert_eq!(pixel(&canvas, 10.0, 10.0), [0, 0, 0, 0], "subtracted");
    assert_eq!(pixel(&canvas, 40.0, 40.0), [255, 0, 0, 255], "added back");
    assert_eq!(
        pixel(&canvas, 90.0, 90.0),
        [255, 0, 0, 255],
        "never subtracted"
    );
}

#[wasm_bindgen_test]
fn a_stroke_of_no_length_draws_its_caps_as_svg_does() {
    // Icons draw the dot of an "i" as a closed path of one point with a
    // round cap: lottie-web's SVG and After Effects draw the cap, Canvas2D
    // by itself nothing. An open point without a segment, and a butt cap,
    // stay undrawn, as in SVG.
    let dot = |name: &str, points: &str, closed: bool, width: f64, cap: u8, scale: f64| {
        let vertices = points.matches('[').count();
        let zeros = vec!["[0,0]"; vertices].join(",");
        format!(
            r#"{{"ty":4,"nm":"{name}","ks":{{"s":{{"k":[{scale},{scale}]}}}},"shapes":[{{"ty":"gr","it":[
              {{"ty":"sh","ks":{{"k":{{"i":[{zeros}],"o":[{zeros}],"v":[{points}],"c":{closed}}}}}}},
              {{"ty":"st","c":{{"k":[0,0,1,1]}},"o":{{"k":100}},"w":{{"k":{width}}},"lc":{cap},"lj":2}},
              {{"ty":"tr"}}]}}]}}"#
        )
    };
    let layers = [
        dot("round", "[20,20]", true, 10.0, 2, 100.0),
        dot("square", "[50,20]", true, 10.0, 3, 100.0),
        dot("butt", "[80,20]", true, 10.0, 1, 100.0),
        dot("lone", "[20,50]", false, 10.0, 2, 100.0),
        // Far from 1:1 both ways: a point 20 times larger, and one in
        // thousands of units at 5 %.
        dot("large", "[4,4]", true, 0.5, 2, 2000.0),
        dot("small", "[1600,1200]", true, 200.0, 2, 5.0),
    ];
    // Dashed, SVG draws no caps for it either.
    let dashed = dot("dashed", "[20,80]", true, 10.0, 2, 100.0).replace(
        r#""lc":2"#,
        r#""lc":2,"d":[{"n":"d","v":{"k":5}},{"n":"g","v":{"k":20}},{"n":"o","v":{"k":0}}]"#,
    );
    let json = format!(
        r#"{{"w":100,"h":100,"fr":10,"ip":0,"op":10,"layers":[{},{dashed}]}}"#,
        layers.join(",")
    );
    let (comp, canvas, mut stage, texts) = stage_for(&json, 100, 100);
    stage.draw(&comp, 0.0, &texts, None, 1.0);
    let alpha = |x: f64, y: f64| pixel(&canvas, x, y)[3];
    for (x, y, what) in [
        (20.0, 20.0, "the round dot's centre"),
        (23.0, 20.0, "inside the round dot"),
        (20.0, 23.0, "inside the round dot, below"),
        (53.0, 23.0, "the square cap's corner"),
        (80.0, 80.0, "the point scaled up"),
        (83.0, 80.0, "the point scaled up, off its centre"),
        (80.0, 60.0, "the point scaled down"),
        (80.0, 63.0, "the point scaled down, below its centre"),
    ] {
        assert_eq!(alpha(x, y), 255, "{what} at ({x}, {y})");
    }
    for (x, y, what) in [
        (24.0, 24.0, "outside the round dot"),
        (80.0, 20.0, "a butt cap"),
        (20.0, 50.0, "a lone point"),
        (20.0, 80.0, "a dashed one"),
    ] {
        assert_eq!(alpha(x, y), 0, "{what} at ({x}, {y})");
    }
}
