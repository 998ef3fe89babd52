use leptos::prelude::*;
use partner_center_licenses::app::App;

fn main() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}
