#![no_main]
use libfuzzer_sys::fuzz_target;
use licensing::contract::BatchLicenseUpdateRequest;
use mock_server_fuzz::CONTOSO;

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_body::<BatchLicenseUpdateRequest>(
        axum::http::Method::POST,
        &format!("/api/v1/customers/{CONTOSO}/licenseupdates"),
        data,
    );
});
