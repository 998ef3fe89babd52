#![no_main]
use libfuzzer_sys::fuzz_target;
use licensing::contract::LicenseUpdate;
use mock_server_fuzz::{CONTOSO, DELIA};

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_body::<LicenseUpdate>(
        axum::http::Method::POST,
        &format!("/api/v1/customers/{CONTOSO}/users/{DELIA}/licenseupdates"),
        data,
    );
});
