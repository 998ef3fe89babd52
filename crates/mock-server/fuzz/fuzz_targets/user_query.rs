#![no_main]
//! The users list's query string (paging, filter, sort, ids) from arbitrary bytes.
use libfuzzer_sys::fuzz_target;
use mock_server_fuzz::{query, CONTOSO};

fuzz_target!(|data: &[u8]| {
    mock_server_fuzz::drive_get(&format!(
        "/api/v1/customers/{CONTOSO}/users?{}",
        query(data)
    ));
});
